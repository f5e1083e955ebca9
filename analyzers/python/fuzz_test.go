//go:build cgo

package python

import (
	"strings"
	"testing"
)

// FuzzPython checks that Analyze never panics, always returns facts for the
// path it was given, keeps positions inside the file, and never puts a
// planted credential in its output.
func FuzzPython(f *testing.F) {
	seeds := []string{
		"from upstash_redis import Redis\nredis = Redis.from_env()\nredis.get('k')\n",
		"import redis\nr = redis.Redis(host='fake-otter-12345.upstash.io', ssl=False, ssl_cert_reqs=None)\n",
		"import redis\nr = redis.from_url(f\"rediss://default:{pw}@fake-otter-12345.upstash.io:6379?ssl_cert_reqs=none\")\n",
		"from qstash import QStash\nq = QStash('" + fakeQStashToken + "')\nq.message.publish_json(url=u)\n",
		"import os\nfrom upstash_vector import Index\ni = Index(url=os.environ['U'], token=os.getenv('T') or '" + fakeVectorRO + "')\n",
		"def f(:\n  print 'x'\n", "\uFEFFx = 'redis://a.upstash.io'\r\n", "(((((", "\"\"\"", "f'{'",
	}
	for _, s := range seeds {
		f.Add(s)
	}
	a, err := New()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, src string) {
		file, fs := a.Analyze("fuzz.py", []byte(src))
		if file == nil || file.Path != "fuzz.py" {
			t.Fatal("missing facts")
		}
		lines := strings.Count(src, "\n") + 1
		for _, x := range fs {
			if x.Line < 1 || x.Line > lines || x.Col < 1 || x.EndLine < x.Line {
				t.Fatalf("finding outside the file: %d:%d-%d:%d", x.Line, x.Col, x.EndLine, x.EndCol)
			}
			for _, sec := range plantedSecrets {
				if strings.Contains(x.Message, sec[:12]) {
					t.Fatal("message holds a planted secret")
				}
			}
		}
		for _, c := range file.Clients {
			if c.Pos.Line < 1 || c.Pos.Line > lines {
				t.Fatalf("client outside the file: %d", c.Pos.Line)
			}
		}
	})
}
