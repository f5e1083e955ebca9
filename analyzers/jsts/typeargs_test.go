//go:build cgo

package jsts

import "testing"

func TestBlankTaggedTypeArgs(t *testing.T) {
	for _, c := range []struct{ src, want string }{
		// Positive: type arguments before a template are blanked, same length.
		{"const r = await prisma.$queryRaw<User[]>`SELECT 1`", "const r = await prisma.$queryRaw        `SELECT 1`"},
		{"sql<Array<{ id: string }>>`x ${a<b>`y`}`", "sql                       `x ${a   `y`}`"},
		{"db.q<{\n a: 1 }> `x`", "db.q  \n         `x`"},
		{"f<(a: string) => void>`x`", "f                     `x`"},
		// Negative: not type arguments of a tagged template.
		{"const s = `a<b>` + `c`", "const s = `a<b>` + `c`"},
		{"const f = () => `x`", "const f = () => `x`"},
		{"const s = '<b>`' // a<b>`", "const s = '<b>`' // a<b>`"},
		{"x = (<b>`y`)", "x = (<b>`y`)"},
		{"x = a < b; y = c >`z`", "x = a < b; y = c >`z`"},
	} {
		got, changed := blankTaggedTypeArgs([]byte(c.src), 0, len(c.src))
		if string(got) != c.want {
			t.Errorf("blank(%q) = %q, want %q", c.src, got, c.want)
		}
		if changed != (c.src != c.want) {
			t.Errorf("blank(%q) changed = %v", c.src, changed)
		}
	}
	src := []byte("a<T>`x`")
	blankTaggedTypeArgs(src, 0, len(src))
	if string(src) != "a<T>`x`" {
		t.Errorf("the input was modified: %q", src)
	}
}

// TestGenericSyntaxKeepsFacts: a generic tagged template (TypeScript) and a
// Svelte 5 <script generics="…"> parse without a syntax error note and keep
// the file's facts.
func TestGenericSyntaxKeepsFacts(t *testing.T) {
	a := newTestAnalyzer(t)
	ts := "import { Redis } from \"@upstash/redis\"\nconst redis = Redis.fromEnv()\nexport async function GET() {\n  const rows = await prisma.$queryRaw<User[]>`SELECT ${id}`\n  await redis.incr('x')\n  return rows\n}\n"
	sv := "<script lang=\"ts\" generics=\"T extends Record<string, unknown>\">\n  import { Redis } from \"@upstash/redis\"\n  const redis = new Redis({ url: \"https://x.upstash.io\", token: import.meta.env.VITE_T })\n  export let items: T[] = []\n  const go = async () => { await redis.get('k') }\n</script>\n<p>{items.length}</p>\n"
	vue := "<script setup lang=\"ts\" generic=\"T extends Map<string, number>\">\nimport { Redis } from \"@upstash/redis\"\nconst redis = Redis.fromEnv()\n</script>\n"
	for _, c := range []struct{ path, src string }{{"src/db.ts", ts}, {"src/lib/List.svelte", sv}, {"src/List.vue", vue}} {
		f, _ := a.Analyze(c.path, []byte(c.src))
		if len(f.Notes) != 0 {
			t.Errorf("%s: notes %v", c.path, f.Notes)
		}
		if len(f.Clients) != 1 {
			t.Errorf("%s: %d clients, want 1", c.path, len(f.Clients))
		}
		if c.path != "src/List.vue" && (len(f.Clients) != 1 || len(f.Clients[0].Commands) != 1) {
			t.Errorf("%s: the command after the generic syntax is lost: %+v", c.path, f.Clients)
		}
	}
}
