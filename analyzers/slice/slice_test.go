package slice

import (
	"strings"
	"testing"
)

// kept returns the text Select keeps of src (the whole of it when Select
// declines), with "|" between ranges that are not adjacent.
func kept(t *testing.T, lang Lang, src string) (string, bool) {
	t.Helper()
	rs, ok := Select(lang, []byte(src), 0)
	if !ok {
		return src, false
	}
	var parts []string
	for _, r := range rs {
		parts = append(parts, src[r.Start:r.End])
	}
	return strings.Join(parts, "|"), true
}

// checkKept checks that Select slices src, keeping every text of keep and
// none of drop.
func checkKept(t *testing.T, lang Lang, src string, keep, drop []string) {
	t.Helper()
	got, ok := kept(t, lang, src)
	if !ok {
		t.Fatalf("Select declined")
	}
	for _, k := range keep {
		if !strings.Contains(got, k) {
			t.Errorf("dropped %q; kept:\n%s", k, got)
		}
	}
	for _, d := range drop {
		if strings.Contains(got, d) {
			t.Errorf("kept %q; kept:\n%s", d, got)
		}
	}
}

// filler is JavaScript that uses nothing imported: the slice drops it.
const filler = `
export function formatCount(n) {
  return n < 1000 ? String(n) : (n / 1000).toFixed(1) + "k";
}

export class Shape {
  area(w, h) { return w * h / 2; }
}
`

func TestSelectJS(t *testing.T) {
	for _, tc := range []struct {
		name string
		src  string
		keep []string // texts that must be kept
		drop []string // texts that must not be
	}{
		{
			name: "imports, keyword declarations and their users stay",
			src: `import { Redis } from "@upstash/redis";
import { z } from "zod";
` + filler + `
const kv = new Redis({ url: HOST, token: process.env.TOKEN });
const HOST = "https://example-1.upstash.io";

export async function getUser(id) {
  return kv.get("user:" + id);
}

export const schema = z.object({});
`,
			keep: []string{`from "@upstash/redis"`, `from "zod"`, "new Redis", `const HOST`, "getUser", "z.object"},
			drop: []string{"formatCount", "class Shape"},
		},
		{
			name: "a helper a kept statement calls stays",
			src: `import express from "express";
` + filler + `
function limited(req) {
  return req.ip === "127.0.0.1";
}

const app = express();
app.get("/x", (req, res) => res.send(limited(req)));
`,
			keep: []string{"function limited", "app.get"},
			drop: []string{"formatCount"},
		},
		{
			name: "entry names stay",
			src: `"use strict";
` + filler + `
export async function GET(req) {
  return new Response(compute());
}

function compute() { return "x"; }
`,
			keep: []string{"export async function GET", "function compute"},
			drop: []string{"formatCount"},
		},
		{
			name: "template literals, regular expressions and comments do not cut statements",
			src: `import { Redis } from "@upstash/redis";
` + filler + `
const query = ` + "`" + `
function notCode() {
${"{"}
` + "`" + `;
const re = /[/}]\/"'/g;
/* a comment
function alsoNotCode() {}
*/
export const key = ` + "`user:${" + `re.source.replace(/}/g, "")}` + "`" + `;
const redis = Redis.fromEnv();
`,
			keep: []string{"const redis", "Redis.fromEnv"},
			drop: []string{"formatCount"},
		},
		{
			name: "decorators stay with their class",
			src: `import { Controller, Get } from "@nestjs/common";
` + filler + `
@Controller("users")
export class UsersController {
  @Get()
  list() { return []; }
}
`,
			keep: []string{"@Controller(\"users\")\nexport class UsersController"},
			drop: []string{"formatCount"},
		},
		{
			name: "JSX text with an apostrophe",
			src: `import { useState } from "react";
` + filler + `
export function Page() {
  const [n] = useState(0);
  return (
    <p>Don't stop {n}</p>
  );
}
`,
			keep: []string{"export function Page", "Don't stop"},
			drop: []string{"formatCount"},
		},
		{
			name: "overloads go together",
			src: `import { Redis } from "@upstash/redis";
` + filler + `
export function read(k: string): Promise<string>;
export function read(k: number): Promise<string>;
export function read(k: any) { return Redis.fromEnv().get(String(k)); }
`,
			keep: []string{"read(k: string)", "read(k: number)", "read(k: any)"},
			drop: []string{"formatCount"},
		},
	} {
		t.Run(tc.name, func(t *testing.T) { checkKept(t, JS, tc.src, tc.keep, tc.drop) })
	}
}

func TestSelectDeclines(t *testing.T) {
	for _, tc := range []struct {
		name string
		lang Lang
		src  string
	}{
		{"use server: every export is an endpoint", JS, "\"use server\";\nimport { Redis } from \"@upstash/redis\";\n" + filler},
		{"an unclosed bracket", JS, "import { Redis } from \"@upstash/redis\";\n" + filler + "\nfunction f() {\n"},
		{"more closing brackets than opening", JS, "import { Redis } from \"@upstash/redis\";\n" + filler + "\n}\n"},
		{"an unterminated template literal", JS, "import { Redis } from \"@upstash/redis\";\n" + filler + "\nconst a = `x\n"},
		{"an unterminated triple-quoted string", Python, "import redis\n\ndef f():\n    pass\n\nX = \"\"\"\nopen\n"},
		{"nothing to drop", JS, "import { Redis } from \"@upstash/redis\";\nexport const redis = Redis.fromEnv();\n"},
		{"a Flow pragma: annotations a whole parse trips on", JS, "// @flow\nimport { Redis } from \"@upstash/redis\";\n" + filler + "\nfunction f(x: number): string { return '' }\n"},
		{"a Flow pragma in a block comment after other code", JS, "import { Redis } from \"@upstash/redis\";\n" + filler + "\n/* @noflow */\ntype T = { a: number };\n"},
		{"a conflict marker in JavaScript", JS, "import { Redis } from \"@upstash/redis\";\n" + filler + "\nfunction f() {\n<<<<<<< HEAD\n  return 1\n=======\n  return 2\n>>>>>>> topic\n}\n"},
		{"a conflict marker in Python", Python, "import redis\n" + pyFiller + "\ndef f():\n<<<<<<< HEAD\n    return 1\n=======\n    return 2\n>>>>>>> topic\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if rs, ok := Select(tc.lang, []byte(tc.src), 0); ok {
				t.Errorf("Select sliced it: %v", rs)
			}
		})
	}
	if _, ok := Select(JS, []byte("import { Redis } from \"@upstash/redis\";\n"+filler), 1<<20); ok {
		t.Error("Select sliced a file under minSize")
	}
}

// pyFiller is Python that uses nothing imported.
const pyFiller = `

def format_count(n):
    if n < 1000:
        return str(n)
    else:
        return "%.1fk" % (n / 1000)


class Shape:
    def area(self, w, h):
        return w * h / 2

`

func TestSelectPython(t *testing.T) {
	for _, tc := range []struct {
		name       string
		src        string
		keep, drop []string
	}{
		{
			name: "imports, decorated routes and what they use",
			src: `from fastapi import FastAPI
from upstash_redis import Redis
` + pyFiller + `
app = FastAPI()
redis = Redis.from_env()
PREFIX = "user"


def key(u):
    return f"{PREFIX}:{u}"


@app.get("/users/{u}")
async def read_user(u: str):
    return redis.get(key(u))
`,
			keep: []string{"app = FastAPI()", "redis = Redis.from_env()", `PREFIX = "user"`, "def key", "@app.get", "async def read_user"},
			drop: []string{"format_count", "class Shape"},
		},
		{
			name: "strings, continuations and else at column 0",
			src: `import os
` + pyFiller + `
DOC = """
def not_code():
    pass
"""
TOKEN = os.environ["A"] + \
os.environ["B"]
if TOKEN:
    x = 1
else:
    x = 2
`,
			keep: []string{"TOKEN = os.environ[\"A\"] + \\\nos.environ[\"B\"]", "if TOKEN:", "else:\n    x = 2"},
			drop: []string{"format_count", "not_code"},
		},
		{
			name: "a function with an import inside stays",
			src: `"""Jobs."""
` + pyFiller + `
def reset(pages):
    from app.store import kv

    for p in pages:
        kv.delete(p)
`,
			keep: []string{"def reset", "kv.delete"},
			drop: []string{"format_count", "class Shape"},
		},
		{
			name: "classes assigning the same self attribute go together",
			src: `from upstash_redis import Redis
` + pyFiller + `
class Store:
    def __init__(self):
        self.kv = Redis.from_env()


class Counter:
    def __init__(self, store):
        self.kv: object = store.kv

    def bump(self, k):
        self.kv.incr(k)
`,
			keep: []string{"class Store", "class Counter"},
			drop: []string{"format_count", "class Shape"},
		},
		{
			name: "functions using a local a keyword line or an imported call binds stay",
			src: `from upstash_redis import Redis
from app.cache import get_kv
` + pyFiller + `
def views(page):
    kv = Redis.from_env()
    return kv.get(page)


def counts(page):
    r: object = get_kv()
    return r.get(page)


def merge(rows):
    kv = {}
    kv.pop("tmp", None)


def other(rows):
    r = dict(rows)
    r.clear()


def config():
    return dict(
        url=os.environ["UPSTASH_REDIS_REST_URL"],
    )


def unrelated(url):
    return url.strip()
`,
			keep: []string{"def views", "def merge", "def counts", "def other"},
			drop: []string{"format_count", "class Shape", "def unrelated"},
		},
		{
			name: "a local bound to what a function's own import returns counts too",
			src: `"""Jobs."""
` + pyFiller + `
def views(page):
    from app.cache import get_kv
    kv = get_kv()
    return kv.get(page)


def merge(rows):
    kv = {}
    kv.pop("tmp", None)
`,
			keep: []string{"def views", "def merge"},
			drop: []string{"format_count", "class Shape"},
		},
		{
			name: "names imported in a try block are imports",
			src: `"""Jobs."""
try:
    from app.store import kv
except ImportError:
    from store import (
        kv,
    )
` + pyFiller + `
def purge(pages):
    for p in pages:
        kv.delete(p)
`,
			keep: []string{"try:", "except ImportError", "def purge"},
			drop: []string{"format_count", "class Shape"},
		},
	} {
		t.Run(tc.name, func(t *testing.T) { checkKept(t, Python, tc.src, tc.keep, tc.drop) })
	}
}

// FuzzSelect checks that Select never panics and returns ranges in order,
// inside the source, that start at the beginning of a line.
func FuzzSelect(f *testing.F) {
	f.Add([]byte("import { Redis } from \"@upstash/redis\";\n"+filler), false)
	f.Add([]byte("from upstash_redis import Redis\n"+pyFiller), true)
	f.Add([]byte("const a = `${`${'}'}`}`;\n/[/]/.test(x) / 2;\n@x\nclass A {}\n"), false)
	f.Fuzz(func(t *testing.T, src []byte, py bool) {
		lang := JS
		if py {
			lang = Python
		}
		rs, ok := Select(lang, src, 0)
		if !ok {
			return
		}
		prev := 0
		for _, r := range rs {
			if r.Start < prev || r.End <= r.Start || r.End > len(src) {
				t.Fatalf("bad range %v after %d in %d bytes", r, prev, len(src))
			}
			if r.Start > 0 && src[r.Start-1] != '\n' {
				t.Fatalf("range %v does not start a line", r)
			}
			prev = r.End
		}
	})
}

// TestSelectKeepsASI checks that a kept statement starting with "(" is not
// joined to the kept statement before it once the code between them is
// dropped: automatic semicolon insertion would make them one call.
func TestSelectKeepsASI(t *testing.T) {
	src := "import { Redis } from \"@upstash/redis\";\nexport const redis = Redis.fromEnv()\n" + filler +
		"(async () => { await redis.ping() })()\n" + filler
	got, ok := kept(t, JS, src)
	if !ok {
		t.Fatal("Select declined")
	}
	if !strings.Contains(got, "Redis.fromEnv()\n"+filler+"(async") {
		t.Errorf("the statements between the two were dropped; kept:\n%s", got)
	}
	if strings.Count(got, "formatCount") != 1 {
		t.Errorf("the filler after the last kept statement should go; kept:\n%s", got)
	}
}

// TestSelectMarkersInText: conflict-marker and Flow-pragma look-alikes
// inside strings, templates and docstrings do not stop the slice.
func TestSelectMarkersInText(t *testing.T) {
	for _, tc := range []struct {
		name string
		lang Lang
		src  string
	}{
		{"a reST heading in a docstring", Python, "import redis\n\"\"\"Title\n=======\n\"\"\"\n" + pyFiller},
		{"a template literal", JS, "import { Redis } from \"@upstash/redis\";\nconst banner = `\n=======\n`;\n" + filler},
		{"a string naming the pragma", JS, "import { Redis } from \"@upstash/redis\";\nconst doc = \"add // @flow to type-check\";\n" + filler},
		{"a longer rule of equals signs", Python, "import redis\n" + pyFiller + "\n\"\"\"\n========\n\"\"\"\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if _, ok := Select(tc.lang, []byte(tc.src), 0); !ok {
				t.Error("Select declined")
			}
		})
	}
	if !conflictMarker([]byte("=======\n"), 0) || !conflictMarker([]byte(">>>>>>> main"), 0) || !conflictMarker([]byte("<<<<<<<"), 0) {
		t.Error("conflictMarker missed a marker")
	}
	if conflictMarker([]byte("========\n"), 0) || conflictMarker([]byte("<<<<<<x"), 0) || conflictMarker([]byte("==="), 0) {
		t.Error("conflictMarker took a look-alike for a marker")
	}
}
