package rules

func init() {
	Register(&Rule{
		ID:       UnusedIgnore,
		Family:   Meta,
		Name:     "unused-ignore",
		Severity: Low,
		Practice: 0,
		Short:    "An upscan:ignore comment suppresses nothing",
		Help: `An inline ` + "`upscan:ignore UPS1xx -- reason`" + ` comment suppresses findings of the named rules
on its own line and on the line below it. When no finding of those rules is there, the comment is
stale: the code it excused has changed or moved, and the comment now hides nothing while still
telling readers that something is excused.

**Fix:** delete the comment, or move it next to the finding it is meant for. Comments in markdown and
other documentation files are not checked, so that docs can show the syntax.`,
		Bad:  []Example{{Path: "lib/cache.ts", Content: "// upscan:ignore UPS101 -- fixture token\nexport const ttl = 60;\n"}},
		Good: []Example{{Path: "lib/cache.ts", Content: "export const ttl = 60;\n"}},
	})
}
