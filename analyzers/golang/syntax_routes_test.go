package golang_test

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/upscan/upscan/analyzers/golang"
)

// TestSyntaxOnlyRoutes runs the rate-limit fixtures of net/http, chi, gin,
// echo and fiber syntax-only (none of those modules are available): every
// endpoint their want comments expect as UPS401 is still found, and no
// other, so a limited route stays limited without type information.
func TestSyntaxOnlyRoutes(t *testing.T) {
	for _, pkg := range []string{"frameworks", "nethttp"} {
		t.Run(pkg, func(t *testing.T) {
			src := filepath.Join("testdata", "src", "ratelimit", pkg)
			dir := t.TempDir()
			gomod := "module example.com/m\n\ngo 1.22\n\nrequire (\n\tgithub.com/go-chi/chi/v5 v5.0.0\n\tgithub.com/gin-gonic/gin v1.9.0\n" +
				"\tgithub.com/labstack/echo/v4 v4.11.0\n\tgithub.com/gofiber/fiber/v2 v2.52.0\n\tgithub.com/upstash/qstash-go v0.1.0\n" +
				"\tgithub.com/upstash/vector-go v0.1.0\n\tgolang.org/x/time v0.5.0\n\tgithub.com/go-chi/httprate v0.9.0\n" +
				"\tgithub.com/redis/go-redis/v9 v9.0.0\n)\n"
			if err := os.WriteFile(filepath.Join(dir, "go.mod"), []byte(gomod), 0o644); err != nil {
				t.Fatal(err)
			}
			entries, err := os.ReadDir(src)
			if err != nil {
				t.Fatal(err)
			}
			var want []string
			wantRE := regexp.MustCompile("// want `(UPS4\\d\\d)")
			for _, e := range entries {
				data, err := os.ReadFile(filepath.Join(src, e.Name()))
				if err != nil {
					t.Fatal(err)
				}
				if err := os.MkdirAll(filepath.Join(dir, pkg), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(filepath.Join(dir, pkg, e.Name()), data, 0o644); err != nil {
					t.Fatal(err)
				}
				sc := bufio.NewScanner(strings.NewReader(string(data)))
				for line := 1; sc.Scan(); line++ {
					for _, m := range wantRE.FindAllStringSubmatch(sc.Text(), -1) {
						want = append(want, fmt.Sprintf("%s/%s:%d %s", pkg, e.Name(), line, m[1]))
					}
				}
			}
			fs, _, err := golang.Run(context.Background(), dir, nil, golang.Options{SyntaxOnly: true, Detector: detector(t)})
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, f := range fs {
				if strings.HasPrefix(f.RuleID, "UPS4") {
					got = append(got, fmt.Sprintf("%s:%d %s", f.Path, f.Line, f.RuleID))
				}
			}
			if len(want) == 0 {
				t.Fatal("no want comments read")
			}
			t.Logf("%d UPS4xx expected", len(want))
			sort.Strings(want)
			sort.Strings(got)
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("syntax-only UPS4xx (-want +got):\n%s", diff)
			}
		})
	}
}
