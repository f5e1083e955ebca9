package scan

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/upscan/upscan/analyzers/facts"
	ft "github.com/upscan/upscan/analyzers/facts/factstest"
	"github.com/upscan/upscan/analyzers/modgraph"
	"github.com/upscan/upscan/rules"
)

func TestWanted(t *testing.T) {
	paths := []string{"app/page.tsx", "components/Stats.tsx", "lib/redis.ts", "lib/util.ts", "lib/actions.ts",
		"lib/styles.css", "lib/types.ts", "app/api/hook/route.ts", "lib/verify.ts", "lib/server-thing.ts"}
	files := []*facts.File{
		ft.File("app/page.tsx", ft.UseClient, ft.Imports("../components/Stats", "Stats"), ft.Imports("../lib/styles.css"),
			ft.TypeImport("../lib/types"), ft.Imports("react", "useState")),
		ft.File("app/api/hook/route.ts", ft.Header("Upstash-Signature"), ft.Imports("../../../lib/verify", "verify")),
	}
	idx := modgraph.NewIndex(paths, files)
	if diff := cmp.Diff([]string{"components/Stats.tsx", "lib/verify.ts"}, wanted(modgraph.New(idx, files))); diff != "" {
		t.Errorf("round 1 (-want +got):\n%s", diff)
	}
	// The scan parses them and asks again: the walk continues through the
	// new facts, and stops at a "use server" module.
	files = append(files,
		ft.File("components/Stats.tsx", ft.Imports("../lib/redis", "redis"), ft.Imports("../lib/actions", "save")),
		ft.File("lib/verify.ts"),
		ft.File("lib/actions.ts", ft.UseServer, ft.Imports("./server-thing", "x")),
	)
	if diff := cmp.Diff([]string{"lib/redis.ts"}, wanted(modgraph.New(idx, files))); diff != "" {
		t.Errorf("round 2 (-want +got):\n%s", diff)
	}
	files = append(files, ft.File("lib/redis.ts", ft.Imports("./util", "u"), ft.Imports("./redis", "self")))
	files = append(files, ft.File("lib/util.ts", ft.Imports("./redis", "r")))
	if got := wanted(modgraph.New(idx, files)); len(got) != 0 {
		t.Errorf("round 3: want nothing, got %v", got)
	}
	if got := wanted(modgraph.New(nil, nil)); len(got) != 0 {
		t.Errorf("wanted(modgraph.New(nil, nil)) = %v", got)
	}
}

func TestPassesDegenerate(t *testing.T) {
	// nil entries, duplicate and out-of-root paths, empty facts: no panic,
	// no findings, no error.
	files := []*facts.File{nil, {Path: "../x.ts"}, {Path: ""}, ft.File("a.ts", ft.Imports("")), ft.File("a.ts"),
		ft.File("b.ts", func(f *facts.File) { f.Imports = append(f.Imports, facts.Import{Spec: "./a"}) })}
	got, rows, err := runPasses(modgraph.New(nil, files))
	if err != nil || len(got) != 0 || len(rows) != 0 {
		t.Errorf("runPasses = %v, %v, %v; want nothing", got, rows, err)
	}
	if got, rows, err := runPasses(modgraph.New(nil, nil)); len(got) != 0 || len(rows) != 0 || err != nil {
		t.Errorf("runPasses(nil) = %v, %v, %v", got, rows, err)
	}
}

func TestPassesSortedAndStable(t *testing.T) {
	files := []*facts.File{
		ft.File("lib/cache.ts", ft.RedisClient("redis", ft.SrvEnv("UPSTASH_REDIS_REST_TOKEN"), "get")),
		ft.File("app/api/webhook/route.ts", ft.Header("Upstash-Signature")),
		ft.File(".env.production", ft.EnvVar("UPSTASH_REDIS_REST_URL", "fake-otter-12345.upstash.io", "")),
		ft.File(".env.development", ft.EnvVar("UPSTASH_REDIS_REST_URL", "fake-otter-12345.upstash.io", "")),
	}
	a := passFindings(t, files)
	rev := make([]*facts.File, len(files))
	for i, f := range files {
		rev[len(files)-1-i] = f
	}
	b := passFindings(t, rev)
	if diff := cmp.Diff(a, b); diff != "" {
		t.Errorf("result depends on input order (-first +second):\n%s", diff)
	}
	for i := 1; i < len(a); i++ {
		if rules.Less(a[i], a[i-1]) {
			t.Errorf("findings not sorted at %d", i)
		}
	}
	if len(a) != 3 {
		t.Errorf("got %d findings, want 3 (UPS501, UPS502, UPS504)", len(a))
	}
}

func TestGuardedRecovers(t *testing.T) {
	out, err := guarded("UPS999", func() []rules.Finding { panic("boom") })
	if err == nil || out != nil || !strings.Contains(err.Error(), "UPS999") {
		t.Errorf("guarded = %v, %v", out, err)
	}
}

// passFindings runs every cross-file pass over files.
func passFindings(t testing.TB, files []*facts.File) []rules.Finding {
	t.Helper()
	fs, _, err := runPasses(modgraph.New(nil, files))
	if err != nil {
		t.Fatal(err)
	}
	return fs
}
