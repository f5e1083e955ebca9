//go:build cgo

package python

import (
	"fmt"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/upscan/upscan/analyzers/facts"
	"github.com/upscan/upscan/rules"
)

func TestHandles(t *testing.T) {
	for p, want := range map[string]bool{
		"app/main.py": true, "x.PY": true, "gui.pyw": true, "stubs/x.pyi": false, "main.go": false,
		"py": false, "dir.py/file.txt": false, `win\path\x.py`: true,
	} {
		if got := Handles(p); got != want {
			t.Errorf("Handles(%q) = %v, want %v", p, got, want)
		}
	}
}

// TestClients checks the client facts of each constructor shape.
func TestClients(t *testing.T) {
	tests := []struct {
		name, src string
		want      []string // clientLine of each client
	}{
		{
			name: "upstash_redis from_env",
			src:  "from upstash_redis import Redis\nredis = Redis.from_env()\nredis.incr('c')\n",
			want: []string{"2:9 redis upstash_redis var=redis default url=absent token=absent cmds=incr"},
		},
		{
			name: "upstash_redis asyncio url and token from env",
			src: "import os\nfrom upstash_redis.asyncio import Redis\n" +
				"r = Redis(url=os.environ['UPSTASH_REDIS_REST_URL'], token=os.getenv('UPSTASH_REDIS_REST_TOKEN'))\n" +
				"async def f():\n    await r.get('k')\n    await r.set('k', 1)\n",
			want: []string{"3:5 redis upstash_redis.asyncio var=r url=env:UPSTASH_REDIS_REST_URL token=env:UPSTASH_REDIS_REST_TOKEN cmds=get,set"},
		},
		{
			name: "positional literal url and token",
			src:  "import upstash_redis\nr = upstash_redis.Redis('https://fake-otter-12345.upstash.io', '" + fakeRedisToken + "')\n",
			want: []string{"2:5 redis upstash_redis var=r url=lit:https://fake-otter-12345.upstash.io token=lit:secret(redis-rest-token)"},
		},
		{
			name: "read-only literal token",
			src:  "from upstash_redis import Redis\nr = Redis(url='https://fake-otter-12345.upstash.io', token='" + fakeRedisRO + "')\n",
			want: []string{"2:5 redis upstash_redis var=r url=lit:https://fake-otter-12345.upstash.io token=lit:secret(redis-read-only-token) read-only"},
		},
		{
			name: "read-only env name",
			src:  "import os\nfrom upstash_redis import Redis\nr = Redis(url=os.environ.get('KV_REST_API_URL'), token=os.environ.get('KV_REST_API_READ_ONLY_TOKEN', ''))\n",
			want: []string{"3:5 redis upstash_redis var=r url=env:KV_REST_API_URL token=env:KV_REST_API_READ_ONLY_TOKEN read-only"},
		},
		{
			name: "placeholder literal token keeps no secret",
			src:  "from upstash_redis import Redis\nr = Redis(url='https://fake-otter-12345.upstash.io', token='YOUR_TOKEN')\n",
			want: []string{"2:5 redis upstash_redis var=r url=lit:https://fake-otter-12345.upstash.io token=lit"},
		},
		{
			name: "values through module bindings and imports",
			src: "import os\nfrom upstash_redis import Redis\nfrom .config import TOKEN\nfrom django.conf import settings\n" +
				"URL = os.environ['UPSTASH_REDIS_REST_URL']\nr = Redis(url=URL, token=TOKEN)\nr2 = Redis(url=settings.URL, token=config('T'))\n",
			want: []string{
				"6:5 redis upstash_redis var=r url=env:UPSTASH_REDIS_REST_URL token=import:.config#TOKEN",
				"7:6 redis upstash_redis var=r2 url=unknown token=unknown",
			},
		},
		{
			name: "f-string and or-default",
			src: "import os\nfrom upstash_redis import Redis\n" +
				"r = Redis(url=f\"{os.environ['U']}\", token=os.environ.get('T') or 'x')\n",
			want: []string{"3:5 redis upstash_redis var=r url=env:U token=env:T"},
		},
		{
			name: "redis-py host client with TLS options",
			src: "import redis, ssl, os\n" +
				"r = redis.Redis(host='fake-otter-12345.upstash.io', port=6379, password=os.environ['UPSTASH_REDIS_PASSWORD'], ssl=True, ssl_cert_reqs=ssl.CERT_NONE)\n",
			want: []string{"2:5 redis-tcp redis var=r url=lit:rediss://fake-otter-12345.upstash.io token=env:UPSTASH_REDIS_PASSWORD insecure=2:121"},
		},
		{
			name: "redis-py StrictRedis positional, ssl=False",
			src:  "from redis import StrictRedis\nr = StrictRedis('fake-otter-12345.upstash.io', 6379, 0, '" + fakeRedisPassword + "', ssl=False)\nr.get('a')\n",
			want: []string{"2:5 redis-tcp redis var=r url=lit:redis://fake-otter-12345.upstash.io token=lit:secret(redis-password) insecure=2:93 cmds=get"},
		},
		{
			name: "from_url literal rediss with token password",
			src:  "import redis\nr = redis.from_url('rediss://default:" + fakeRedisToken + "@fake-otter-12345.upstash.io:6379')\n",
			want: []string{"2:5 redis-tcp redis var=r url=lit:rediss://fake-otter-12345.upstash.io token=lit:secret(redis-rest-token)"},
		},
		{
			name: "from_url f-string keeps literal host, password from env",
			src:  "import os\nfrom redis.asyncio import from_url\nr = from_url(f\"rediss://default:{os.environ['PW']}@fake-otter-12345.upstash.io:6379\")\n",
			want: []string{"3:5 redis-tcp redis.asyncio var=r url=lit:rediss://fake-otter-12345.upstash.io token=env:PW"},
		},
		{
			name: "from_url host interpolated is not literal",
			src:  "import redis\nh = get()\nr = redis.Redis.from_url(f'rediss://{h}:6379', ssl_cert_reqs='none')\n",
			want: []string{"3:5 redis-tcp redis var=r url=unknown token=absent insecure=3:48"},
		},
		{
			name: "aioredis and redis.asyncio aliases",
			src: "import aioredis\nimport redis.asyncio as aredis\n" +
				"a = aioredis.from_url('rediss://fake-otter-12345.upstash.io')\nb = aredis.Redis(host='h', ssl_check_hostname=False)\n" +
				"async def f():\n    c = await aioredis.create_redis_pool(('fake-otter-12345.upstash.io', 6379), ssl=True)\n",
			want: []string{
				"3:5 redis-tcp aioredis var=a url=lit:rediss://fake-otter-12345.upstash.io token=absent",
				"4:5 redis-tcp redis.asyncio var=b url=lit:redis://h token=absent insecure=4:28",
				"6:15 redis-tcp aioredis var=c url=lit:rediss://fake-otter-12345.upstash.io token=absent",
			},
		},
		{
			name: "qstash clients",
			src: "import os\nfrom qstash import QStash, Receiver\n" +
				"q = QStash(os.environ['QSTASH_TOKEN'])\n" +
				"rcv = Receiver(current_signing_key=os.environ['QSTASH_CURRENT_SIGNING_KEY'], next_signing_key=os.environ['QSTASH_NEXT_SIGNING_KEY'])\n" +
				"q.message.publish_json(url='https://example.com', body={})\nrcv.verify(signature=s, body=b, url=u)\n",
			want: []string{
				"3:5 qstash qstash var=q url=absent token=env:QSTASH_TOKEN cmds=message.publish_json",
				"4:7 qstash qstash var=rcv url=absent token=env:QSTASH_CURRENT_SIGNING_KEY cmds=verify",
			},
		},
		{
			name: "vector and search",
			src: "from upstash_vector import Index\nfrom upstash_search import Search\n" +
				"i = Index(url='https://fake-otter-12345-us1-vector.upstash.io', token='" + fakeVectorToken + "')\n" +
				"j = Index.from_env()\ns = Search.from_env()\ni.query(vector=[1])\n",
			want: []string{
				"3:5 vector upstash_vector var=i url=lit:https://fake-otter-12345-us1-vector.upstash.io token=lit:secret(vector-search-token) cmds=query",
				"4:5 vector upstash_vector var=j default url=absent token=absent",
				"5:5 search upstash_search var=s default url=absent token=absent",
			},
		},
		{
			name: "ratelimit with inline client escapes nothing",
			src: "from upstash_ratelimit import Ratelimit, FixedWindow\nfrom upstash_redis import Redis\n" +
				"rl = Ratelimit(redis=Redis.from_env(), limiter=FixedWindow(max_requests=10, window=10))\nrl.limit('id')\n",
			want: []string{
				"3:6 ratelimit upstash_ratelimit var=rl url=absent token=absent cmds=limit",
				"3:22 redis upstash_redis var= default url=absent token=absent",
			},
		},
		{
			name: "client passed elsewhere is escaped",
			src: "from upstash_redis import Redis\nfrom upstash_ratelimit import Ratelimit\n" +
				"redis = Redis.from_env()\nrl = Ratelimit(redis=redis)\ndef get():\n    return redis\n",
			want: []string{
				"3:9 redis upstash_redis var=redis default url=absent token=absent cmds=(escaped),(escaped)",
				"4:6 ratelimit upstash_ratelimit var=rl url=absent token=absent",
			},
		},
		{
			name: "pipelines, namespaces and attribute vars",
			src: "from upstash_redis import Redis\nclass C:\n    def __init__(self):\n        self.redis = Redis.from_env()\n" +
				"    def go(self):\n        p = self.redis.pipeline()\n        p.set('a', 1)\n        p.exec()\n        self.redis.json.get('k')\n" +
				"        with self.redis.multi() as tx:\n            tx.incr('n')\n        self.redis.pipeline().hset('h', 'f', 1).hget('h', 'f').exec()\n",
			want: []string{"4:22 redis upstash_redis var=self.redis default url=absent token=absent cmds=pipeline,set,exec,json.get,multi,incr,pipeline,hset,hget,exec"},
		},
		{
			name: "wildcard import of the SDK",
			src:  "from upstash_redis import *\nr = Redis.from_env()\n",
			want: []string{"2:5 redis upstash_redis var=r default url=absent token=absent"},
		},
		{
			name: "a local class named Redis is not an SDK client",
			src:  "class Redis:\n    pass\nr = Redis(url='http://fake-otter-12345.upstash.io')\n",
			want: nil,
		},
	}
	a := newAnalyzer(t)
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f, _ := a.Analyze("app.py", []byte(tc.src))
			var got []string
			for _, c := range f.Clients {
				got = append(got, clientLine(c))
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("clients (-want +got):\n%s", diff)
			}
			if len(f.Notes) > 0 {
				t.Errorf("unexpected notes: %v", f.Notes)
			}
		})
	}
}

func TestImportsUsesEnvHeaders(t *testing.T) {
	src := `import os
import app.cache
import app.db as db
from . import helpers
from ..lib.redis import redis as kv, other
from fastapi import FastAPI, Header, Request
from os import getenv, environ

def handler(req: Request, upstash_signature: str = Header(None), x: str = Header(alias="Upstash-Message-Id")):
    kv.get("k")
    kv.set("k", 1)
    app.cache.redis.hgetall("h")
    db.client.get("x")
    helpers.do(kv)
    sig = req.headers.get("Upstash-Signature")
    sig2 = req.headers["upstash-retried"]
    meta = request.META.get("HTTP_UPSTASH_SIGNATURE")
    a = os.environ["A"]
    b = getenv("NEXT_PUBLIC_B")
    c = environ.get("C", "d")
    d = os.environ["UPSTASH_NOT_A_HEADER"]
`
	f, _ := newAnalyzer(t).Analyze("app/routes.py", []byte(src))
	got := render(f, nil)
	want := `file app/routes.py (python)
  import 1:1 os names=os bindings=*->os
  import 2:1 app.cache names=app bindings=*->app.cache
  import 3:1 app.db names=db bindings=*->db
  import 4:1 . names=helpers bindings=helpers->helpers
  import 5:1 ..lib.redis names=kv,other bindings=redis->kv,other->other
  import 6:1 fastapi names=FastAPI,Header,Request bindings=FastAPI->FastAPI,Header->Header,Request->Request
  import 7:1 os names=getenv,environ bindings=getenv->getenv,environ->environ
  exports handler
  use kv get,set,(escaped)
  use app.cache redis.hgetall
  use db client.get
  use helpers do
  env 18:9 A
  env 19:9 NEXT_PUBLIC_B public
  env 20:9 C
  env 21:9 UPSTASH_NOT_A_HEADER
  header 9:88 upstash-message-id
  header 15:27 upstash-signature
  header 16:24 upstash-retried
  header 17:29 upstash-signature
  header 9:27 upstash-signature
`
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("facts (-want +got):\n%s", diff)
	}
}

// TestAnnotatedHeaders checks FastAPI header parameters declared with
// Annotated[…, Header()], with and without a default, and that other
// Annotated parameters are not headers.
func TestAnnotatedHeaders(t *testing.T) {
	src := `from typing import Annotated
from fastapi import Header, Query, Request

async def receive(request: Request, upstash_signature: Annotated[str | None, Header()] = None):
    return upstash_signature

async def other(upstash_message_id: Annotated[str, Header()], upstash_region: Annotated[str, Query()] = ""):
    return upstash_message_id
`
	f, _ := newAnalyzer(t).Analyze("app/hooks.py", []byte(src))
	var got []string
	for _, h := range f.Headers {
		got = append(got, fmt.Sprintf("%d:%d %s", h.Pos.Line, h.Pos.Col, h.Name))
	}
	want := []string{"4:37 upstash-signature", "7:17 upstash-message-id"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("headers (-want +got):\n%s", diff)
	}
}

// TestFindings checks the transport findings and the secure variants.
func TestFindings(t *testing.T) {
	tests := []struct {
		name, src string
		want      []string // "RULE severity line:col"
	}{
		{"redis url plaintext", "import redis\nr = redis.from_url('redis://default:x@fake-otter-12345.upstash.io:6379')\n",
			[]string{"UPS301 high 2:21"}},
		{"http rest url", "from upstash_redis import Redis\nr = Redis(url='http://fake-otter-12345.upstash.io', token=t)\n",
			[]string{"UPS301 high 2:16"}},
		{"django settings string", "CACHES = {'default': {'LOCATION': 'redis://fake-otter-12345.upstash.io:6379'}}\n",
			[]string{"UPS301 high 1:36"}},
		{"fly host is private network", "import redis\nr = redis.from_url('redis://default:x@fly-fake-otter.upstash.io')\n", nil},
		{"rediss and https are fine", "import redis\nr = redis.from_url('rediss://fake-otter-12345.upstash.io:6379')\nu = 'https://fake-otter-12345.upstash.io'\n", nil},
		{"docstring is documentation", "def f():\n    \"\"\"Connect to redis://fake-otter-12345.upstash.io for tests.\"\"\"\n", nil},
		{"comment is not code", "# redis://fake-otter-12345.upstash.io\nx = 1\n", nil},
		{"other hosts are not Upstash", "import redis\nr = redis.from_url('redis://localhost:6379')\n", nil},
		{"host client without ssl", "import redis\nr = redis.Redis(host='fake-otter-12345.upstash.io', port=6379, password=p)\n",
			[]string{"UPS303 high 2:5"}},
		{"host client ssl=False", "import redis\nr = redis.Redis(host='fake-otter-12345.upstash.io', ssl=False)\n",
			[]string{"UPS303 high 2:53"}},
		{"host client ssl=True", "import redis\nr = redis.Redis(host='fake-otter-12345.upstash.io', ssl=True)\n", nil},
		{"host client ssl from config is unknown", "import redis\nr = redis.Redis(host='fake-otter-12345.upstash.io', ssl=settings.SSL)\n", nil},
		{"env host named for upstash without ssl", "import os, redis\nr = redis.Redis(host=os.environ['UPSTASH_REDIS_HOST'], password=p)\n",
			[]string{"UPS303 medium 2:5"}},
		{"env host of another name without ssl", "import os, redis\nr = redis.Redis(host=os.environ['REDIS_HOST'])\n", nil},
		{"env host named for upstash with ssl", "import os, redis\nr = redis.Redis(host=os.getenv('UPSTASH_REDIS_HOST'), ssl=True)\n", nil},
		{"localhost without ssl is fine", "import redis\nr = redis.Redis(host='localhost', port=6379)\n", nil},
		{"fly host without ssl is fine", "import redis\nr = redis.Redis(host='fly-fake-otter.upstash.io')\n", nil},
		{"cert none on upstash host", "import redis, ssl\nr = redis.Redis(host='fake-otter-12345.upstash.io', ssl=True, ssl_cert_reqs=ssl.CERT_NONE)\n",
			[]string{"UPS302 high 2:63"}},
		{"cert reqs None literal", "import redis\nr = redis.Redis(host='fake-otter-12345.upstash.io', ssl=True, ssl_cert_reqs=None)\n",
			[]string{"UPS302 high 2:63"}},
		{"check hostname off with env host in an upstash file", "import os, redis\nr = redis.Redis(host=os.environ['UPSTASH_REDIS_HOST'], ssl=True, ssl_check_hostname=False)\n",
			[]string{"UPS302 medium 2:66"}},
		{"cert none with env host, no upstash context", "import os, redis\nr = redis.Redis(host=os.environ['REDIS_HOST'], ssl=True, ssl_cert_reqs='none')\n", nil},
		{"cert none on a literal non-upstash host", "import redis\nr = redis.Redis(host='cache.internal', ssl=True, ssl_cert_reqs=None)\n", nil},
		{"cert none in a url query", "import redis\nr = redis.from_url('rediss://fake-otter-12345.upstash.io:6379?ssl_cert_reqs=none')\n",
			[]string{"UPS302 high 2:21"}},
		{"concatenation with the password from the environment", "import os, redis\nr = redis.from_url('redis://default:' + os.environ['PW'] + '@fake-otter-12345.upstash.io:6379')\n",
			[]string{"UPS301 high 2:21"}},
		{"f-string with the password from the environment", "import os, redis\nr = redis.from_url(f\"redis://default:{os.environ['PW']}@fake-otter-12345.upstash.io:6379\")\n",
			[]string{"UPS301 high 2:22"}},
		{"concatenated rediss is fine", "import os, redis\nr = redis.from_url('rediss://default:' + os.environ['PW'] + '@fake-otter-12345.upstash.io:6379')\n", nil},
		{"vercel kv http url", "from upstash_redis import Redis\nr = Redis(url='http://fake-otter-12345.kv.vercel-storage.com', token=t)\n",
			[]string{"UPS301 high 2:16"}},
		{"console link is not a database", "URL = 'http://console.upstash.io/redis'\n", nil},
		{"requests verify=False to an Upstash REST URL", "import requests\nr = requests.get('https://fake-otter-12345.upstash.io/get/k', verify=False)\n",
			[]string{"UPS302 high 2:63"}},
		{"httpx verify=False with an Upstash env URL", "import os, httpx\nr = httpx.post(os.environ['UPSTASH_REDIS_REST_URL'] + '/set/k/v', verify=False)\n",
			[]string{"UPS302 medium 2:67"}},
		{"aiohttp ssl=False to an Upstash REST URL", "import aiohttp\nasync def f(s):\n    return await s.get('https://fake-otter-12345.upstash.io/get/k', ssl=False)\n",
			[]string{"UPS302 high 3:69"}},
		{"verify=False elsewhere", "import requests\nr = requests.get('https://example.com', verify=False)\n", nil},
		{"required certs are fine", "import redis\nr = redis.from_url('rediss://fake-otter-12345.upstash.io:6379', ssl_cert_reqs='required')\n", nil},
	}
	a := newAnalyzer(t)
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, fs := analyzeFile(a, "app.py", []byte(tc.src))
			var got []string
			for _, f := range fs {
				got = append(got, f.RuleID+" "+f.Severity.String()+" "+itoa(f.Line)+":"+itoa(f.Col))
				if f.Path != "app.py" || f.Message == "" || f.Key == "" || f.EndLine < f.Line {
					t.Errorf("incomplete finding: %+v", f)
				}
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("findings (-want +got):\n%s", diff)
			}
		})
	}
}

// TestFingerprintStable checks that moving a finding keeps its fingerprint.
func TestFingerprintStable(t *testing.T) {
	a := newAnalyzer(t)
	src := "import redis\nr = redis.Redis(host='fake-otter-12345.upstash.io')\n"
	_, f1 := analyzeFile(a, "app.py", []byte(src))
	_, f2 := analyzeFile(a, "app.py", []byte("\n\n# moved\n"+src))
	if len(f1) != 1 || len(f2) != 1 || f1[0].Key != f2[0].Key || f1[0].Line == f2[0].Line {
		t.Fatalf("fingerprints differ or findings missing: %v / %v", f1, f2)
	}
}

// TestBadInput checks degradation: syntax errors, Python 2, BOM, CRLF,
// deep nesting, binary junk, parse timeout.
func TestBadInput(t *testing.T) {
	a := newAnalyzer(t)
	client := "from upstash_redis import Redis\nredis = Redis.from_env()\n"
	tests := []struct {
		name, src  string
		wantNote   string
		wantClient string
	}{
		{"syntax error keeps the rest", client + "def broken(:\n    pass\nredis.get('k')\n", "syntax error near line 3", "2:9"},
		{"python 2", "print 'hello'\nexcept Exception, e:\n" + client, "syntax error", "4:9"},
		{"BOM", "\uFEFF" + client, "", "2:9"},
		{"BOM first line columns", "\uFEFFfrom upstash_redis import Redis; r = Redis.from_env()\n", "", "1:41"},
		{"CRLF", strings.ReplaceAll(client, "\n", "\r\n"), "", "2:9"},
		{"deep nesting", client + "x = " + strings.Repeat("(", 5000) + "1" + strings.Repeat(")", 5000) + "\n", "", "2:9"},
		{"binary junk", "\x00\x01\xff\xfe" + client, "syntax error", ""},
		{"empty", "", "", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f, _ := a.Analyze("bad.py", []byte(tc.src))
			if f == nil {
				t.Fatal("nil facts")
			}
			notes := strings.Join(f.Notes, "; ")
			if tc.wantNote == "" && notes != "" || !strings.Contains(notes, tc.wantNote) {
				t.Errorf("notes = %q, want %q", notes, tc.wantNote)
			}
			got := ""
			if len(f.Clients) > 0 {
				got = itoa(f.Clients[0].Pos.Line) + ":" + itoa(f.Clients[0].Pos.Col)
			}
			if tc.wantClient != "" && got != tc.wantClient {
				t.Errorf("client at %q, want %q", got, tc.wantClient)
			}
		})
	}

}

// budgetClient is a small file with one client, read in full.
const budgetClient = "from upstash_redis import Redis\nredis = Redis.from_env()\n"

// nested is an assignment of depth pairs of nested parentheses.
func nested(depth int) string {
	return "deep = " + strings.Repeat("(", depth) + "1" + strings.Repeat(")", depth) + "\n"
}

// analyzeTwice analyzes src twice, the second time with one P and another
// goroutine spinning, and fails when the results differ.
func analyzeTwice(t *testing.T, a *Analyzer, path, src string) (*facts.File, []rules.Finding) {
	t.Helper()
	f1, fs1 := a.Analyze(path, []byte(src))
	prev := runtime.GOMAXPROCS(1)
	var stop atomic.Bool
	done := make(chan struct{})
	go func() { // keeps the only P busy: the scheduler preempts it
		defer close(done)
		for !stop.Load() {
		}
	}()
	f2, fs2 := a.Analyze(path, []byte(src))
	stop.Store(true)
	<-done
	runtime.GOMAXPROCS(prev)
	if d := cmp.Diff(render(f1, fs1), render(f2, fs2)); d != "" {
		t.Errorf("%s: the second run differs (-first +second):\n%s", path, d)
	}
	return f1, fs1
}

// TestParseBudget checks that a parse over its step budget stops with a
// note, the same way on every run and under load, and that the analyzer
// keeps working afterwards.
func TestParseBudget(t *testing.T) {
	a := newAnalyzer(t)
	a.budget.StepsFloor, a.budget.StepsPerKB = 50, 1
	f, fs := analyzeTwice(t, a, "deep.py", budgetClient+nested(10000))
	want := "python: parse stopped: the file needs more than its budget of 69 parse steps for 20066 bytes (deeply nested or very long code); no facts for this file"
	if len(f.Notes) != 1 || f.Notes[0] != want || len(fs) != 0 {
		t.Errorf("notes = %q, findings %d, want %q", f.Notes, len(fs), want)
	}
	f, _ = a.Analyze("small.py", []byte(budgetClient))
	if len(f.Notes) != 0 || len(f.Clients) != 1 {
		t.Errorf("after a stopped parse: notes %q, clients %d", f.Notes, len(f.Clients))
	}
}

// TestNodeBudget checks that a tree over the node budget is read up to the
// budget: the facts before the cut are kept, a note names the last line
// read, and the result is the same on every run and under load.
func TestNodeBudget(t *testing.T) {
	a := newAnalyzer(t)
	a.budget.NodesFloor, a.budget.NodesPerKB = 100, 0
	f, _ := analyzeTwice(t, a, "deep.py", budgetClient+nested(200)+"other = Redis.from_env()\n")
	want := "python: read up to line 3: the file has more than its budget of 100 syntax nodes for 491 bytes; facts after it are missing"
	if len(f.Notes) != 1 || f.Notes[0] != want {
		t.Errorf("notes = %q, want %q", f.Notes, want)
	}
	if len(f.Clients) != 1 || f.Clients[0].Pos.Line != 2 {
		t.Errorf("clients = %+v, want the one on line 2", f.Clients)
	}
}

// TestDefaultBudget checks that the default budget leaves deeply nested
// and long input whole: it stops only super-linear parses.
func TestDefaultBudget(t *testing.T) {
	a := newAnalyzer(t)
	for name, src := range map[string]string{
		"nested.py": budgetClient + nested(20000),
		"ops.py":    budgetClient + "x = 1" + strings.Repeat(" + 1", 50000) + "\n",
		"long.py":   budgetClient + strings.Repeat("x = [n * 2 for n in range(10) if n % 3]\n", 10000),
		"unary.py":  budgetClient + "x = " + strings.Repeat("-", 20000) + "1\n",
	} {
		f, _ := a.Analyze(name, []byte(src))
		if len(f.Notes) != 0 || len(f.Clients) == 0 {
			t.Errorf("%s: notes %q, clients %d, want it read in full", name, f.Notes, len(f.Clients))
		}
	}
}

// TestDeepIndentation checks the guard against tree-sitter-python's
// scanner abort: a file indented deeper than the scanner can save is not
// parsed, with a note, while one just within the limit is.
func TestDeepIndentation(t *testing.T) {
	indented := func(levels int) string {
		var b strings.Builder
		b.WriteString(budgetClient)
		for i := 0; i < levels; i++ {
			b.WriteString(strings.Repeat(" ", i) + "if x:\n")
		}
		b.WriteString(strings.Repeat(" ", levels) + "y = \"s\"\n")
		return b.String()
	}
	a := newAnalyzer(t)
	// 600 levels with a string at the bottom abort the process when parsed.
	f, _ := a.Analyze("deep.py", []byte(indented(600)))
	want := "python: not parsed: up to 600 levels of indentation, more than the 383 tree-sitter-python can track; no facts for this file"
	if len(f.Notes) != 1 || f.Notes[0] != want {
		t.Errorf("notes = %q, want %q", f.Notes, want)
	}
	f, _ = a.Analyze("ok.py", []byte(indented(maxIndentLevels-1)))
	if len(f.Notes) != 0 || len(f.Clients) != 1 {
		t.Errorf("%d levels: notes %q, clients %d, want it read in full", maxIndentLevels, f.Notes, len(f.Clients))
	}
	for src, want := range map[string]int{
		"":                                  0,
		"x = 1\n":                           0,
		"if a:\n    b\n    c\nif d:\n\tb\n": 2,
		"if a:\n  \\\n  b\n":                1, // a continuation adds to the width: 4
		"x = '''\n   a\n      b'''\n":       2, // string content counts (an upper bound)
		"a = 1     \nb\r\n  c\r\n":          1,
		"x = (\n  1,\n  2)\n  # c\n\f  d\n": 1,
	} {
		if got := indentLevels([]byte(src)); got != want {
			t.Errorf("indentLevels(%q) = %d, want %d", src, got, want)
		}
	}
}

// TestNoSecretInOutput checks that facts and findings never hold a planted
// credential beyond its redacted prefix.
func TestNoSecretInOutput(t *testing.T) {
	src := "import redis\nfrom upstash_redis import Redis\nfrom qstash import QStash, Receiver\nfrom upstash_vector import Index\n" +
		"a = Redis(url='http://fake-otter-12345.upstash.io', token='" + fakeRedisToken + "')\n" +
		"b = Redis(url='https://fake-otter-12345.upstash.io', token='" + fakeRedisRO + "')\n" +
		"c = QStash('" + fakeQStashToken + "')\n" +
		"d = Receiver(current_signing_key='" + fakeSigningKey + "', next_signing_key='" + fakeSigningKey + "')\n" +
		"e = Index(url='https://x-vector.upstash.io', token='" + fakeVectorRO + "')\n" +
		"f = redis.Redis(host='fake-otter-12345.upstash.io', password='" + fakeRedisPassword + "', ssl_cert_reqs=None)\n" +
		"g = redis.from_url('redis://default:" + fakeRedisToken + "@fake-otter-12345.upstash.io:6379')\n" +
		"h = Index(url='https://x-vector.upstash.io', token='" + fakeVectorToken + "')\n"
	f, fs := analyzeFile(newAnalyzer(t), "leak.py", []byte(src))
	out := render(f, fs)
	for _, x := range fs {
		out += x.Key + x.Secret.Prefix
	}
	assertNoSecret(t, "output", out)
	if len(f.Clients) != 8 || len(fs) < 4 {
		t.Errorf("got %d clients and %d findings:\n%s", len(f.Clients), len(fs), out)
	}
}

// TestConcurrent runs one Analyzer from several goroutines (run with -race).
func TestConcurrent(t *testing.T) {
	a := newAnalyzer(t)
	src := []byte("import redis\nr = redis.Redis(host='fake-otter-12345.upstash.io')\nr.get('k')\n")
	want := render(a.Analyze("c.py", src))
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := 0; j < 20; j++ {
				if got := render(a.Analyze("c.py", src)); got != want {
					t.Errorf("concurrent result differs:\n%s", got)
					return
				}
			}
		}()
	}
	wg.Wait()
}
