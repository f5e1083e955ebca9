package main

import (
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// generatorVersion changes whenever the generator's output for a given seed
// and size changes, so a cached tree from an older generator is rebuilt.
const generatorVersion = 3

// genOptions are the generator's inputs. The same options always produce the
// same tree, byte for byte.
type genOptions struct {
	Dir          string // output directory: Dir/tree/ and Dir/planted.json
	Seed         uint64
	Size         int64 // target total bytes of the tree
	Tokens       int   // number of planted FAKE credentials
	Placeholders int   // number of planted placeholders (must not be found)
}

// plantRecord is one planted value in the manifest. Line is 1-based. The
// value itself is not recorded.
type plantRecord struct {
	Path string `json:"path"` // slash-separated, relative to the tree root
	Line int    `json:"line"`
	Kind string `json:"kind"`
	Rule string `json:"rule,omitempty"` // the rule upscan should report; empty for placeholders
}

// manifest is planted.json: what the generator wrote and where it planted
// credentials and placeholders.
type manifest struct {
	Generator    int              `json:"generator"`
	Seed         uint64           `json:"seed"`
	TargetBytes  int64            `json:"target_bytes"`
	Files        int              `json:"files"`
	Bytes        int64            `json:"bytes"`
	ByType       map[string]int64 `json:"bytes_by_type"`
	Planted      []plantRecord    `json:"planted"`
	Placeholders []plantRecord    `json:"placeholders"`
}

// fileType is the kind of file the generator writes.
type fileType int

const (
	tsFile fileType = iota
	tsxFile
	jsFile
	minJSFile
	pyFile
	lockJSONFile
	dataJSONFile
	configJSONFile
	mdFile
	numFileTypes
)

// fileTypes holds, per type, its name, share of the total bytes, size range
// (log-uniform, bytes) and whether values are planted in it.
var fileTypes = [numFileTypes]struct {
	name      string
	share     float64
	minSize   int
	maxSize   int
	plantable bool
}{
	tsFile:         {"ts", 0.20, 1 << 10, 48 << 10, true},
	tsxFile:        {"tsx", 0.08, 1 << 10, 32 << 10, true},
	jsFile:         {"js", 0.12, 1 << 10, 64 << 10, true},
	minJSFile:      {"js-minified", 0.14, 256 << 10, 3 << 20, true},
	pyFile:         {"py", 0.14, 1 << 10, 40 << 10, true},
	lockJSONFile:   {"json-lock", 0.10, 32 << 10, 1536 << 10, false},
	dataJSONFile:   {"json-data", 0.08, 8 << 10, 512 << 10, true},
	configJSONFile: {"json-config", 0.04, 512, 16 << 10, true},
	mdFile:         {"md", 0.10, 1 << 10, 32 << 10, true},
}

// plantItem is a value scheduled for one file: a secret or a placeholder,
// emitted once the file's buffer reaches byte offset At.
type plantItem struct {
	Sec *secret
	Ph  *placeholder
	At  int
}

type fileSpec struct {
	Path   string
	Type   fileType
	Size   int
	Plants []*plantItem
}

// generate writes the tree and planted.json under o.Dir, replacing any tree
// already there, and returns the manifest.
func generate(o genOptions) (*manifest, error) {
	root := filepath.Join(o.Dir, "tree")
	if err := os.RemoveAll(root); err != nil {
		return nil, fmt.Errorf("gen: clear %s: %w", root, err)
	}
	r := rand.New(rand.NewPCG(o.Seed, 0x75707363616e)) // "upscan"
	specs := planFiles(r, o)
	m := &manifest{Generator: generatorVersion, Seed: o.Seed, TargetBytes: o.Size, ByType: map[string]int64{}}
	w := &fileWriter{r: r}
	dirs := map[string]bool{}
	for _, fs := range specs {
		w.reset(fs)
		writeFile(w, fs)
		full := filepath.Join(root, filepath.FromSlash(fs.Path))
		if d := filepath.Dir(full); !dirs[d] {
			if err := os.MkdirAll(d, 0o755); err != nil {
				return nil, fmt.Errorf("gen: %w", err)
			}
			dirs[d] = true
		}
		if err := os.WriteFile(full, w.b, 0o644); err != nil {
			return nil, fmt.Errorf("gen: %w", err)
		}
		m.Files++
		m.Bytes += int64(len(w.b))
		m.ByType[fileTypes[fs.Type].name] += int64(len(w.b))
		for _, p := range w.placed {
			if p.item.Sec != nil {
				m.Planted = append(m.Planted, plantRecord{fs.Path, p.line, p.item.Sec.Kind.Name, p.item.Sec.Kind.Rule})
			} else {
				m.Placeholders = append(m.Placeholders, plantRecord{fs.Path, p.line, p.item.Ph.Kind, ""})
			}
		}
	}
	if err := writeManifest(filepath.Join(o.Dir, "planted.json"), m); err != nil {
		return nil, err
	}
	return m, nil
}

func writeManifest(path string, m *manifest) error {
	b, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return fmt.Errorf("gen: encode %s: %w", path, err)
	}
	if err := os.WriteFile(path, append(b, '\n'), 0o644); err != nil {
		return fmt.Errorf("gen: %w", err)
	}
	return nil
}

// readManifest loads planted.json.
func readManifest(path string) (*manifest, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var m manifest
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, fmt.Errorf("manifest %s: %w", path, err)
	}
	return &m, nil
}

// planFiles decides every file's path, type and size, then assigns the
// planted values to random plantable files.
func planFiles(r *rand.Rand, o genOptions) []fileSpec {
	var specs []fileSpec
	seen := map[string]bool{}
	for t := range numFileTypes {
		ft := fileTypes[t]
		budget := int64(float64(o.Size) * ft.share)
		for n := 0; budget > 0; n++ {
			size := logUniform(r, ft.minSize, ft.maxSize)
			if int64(size) > budget && budget > int64(ft.minSize) {
				size = int(budget)
			}
			p := filePath(r, t, n)
			for seen[p] {
				p = filePath(r, t, n)
			}
			seen[p] = true
			specs = append(specs, fileSpec{Path: p, Type: t, Size: size})
			budget -= int64(size)
		}
	}
	var plantable []int
	for i, s := range specs {
		if fileTypes[s.Type].plantable {
			plantable = append(plantable, i)
		}
	}
	if len(plantable) == 0 {
		return specs
	}
	for i := range o.Tokens {
		sec := newSecret(r, plantKinds[i%len(plantKinds)])
		fs := &specs[pick(r, plantable)]
		fs.Plants = append(fs.Plants, &plantItem{Sec: &sec, At: r.IntN(fs.Size)})
	}
	phs := placeholders()
	for i := range o.Placeholders {
		ph := phs[i%len(phs)]
		fs := &specs[pick(r, plantable)]
		fs.Plants = append(fs.Plants, &plantItem{Ph: &ph, At: r.IntN(fs.Size)})
	}
	for i := range specs {
		slices.SortStableFunc(specs[i].Plants, func(a, b *plantItem) int { return a.At - b.At })
	}
	return specs
}

// logUniform returns a size between lo and hi whose logarithm is uniform:
// many small files and a few large ones.
func logUniform(r *rand.Rand, lo, hi int) int {
	l, h := math.Log(float64(lo)), math.Log(float64(hi))
	return int(math.Exp(l + r.Float64()*(h-l)))
}

// title upper-cases the first byte of an ASCII word.
func title(s string) string {
	if s == "" || s[0] < 'a' || s[0] > 'z' {
		return s
	}
	return string(s[0]-'a'+'A') + s[1:]
}

// camel turns an environment name into a camelCase identifier:
// UPSTASH_REDIS_REST_TOKEN → upstashRedisRestToken.
func camel(env string) string {
	parts := strings.Split(strings.ToLower(env), "_")
	for i := 1; i < len(parts); i++ {
		parts[i] = title(parts[i])
	}
	return strings.Join(parts, "")
}

var (
	words = strings.Fields(`account action adapter alert analytics archive asset audit batch billing
		board bucket cache cart channel chart checkout client cluster comment config connector cursor
		customer dashboard dataset delivery device digest document draft editor email entry event
		feature feed field filter form gateway graph group handler history image index invoice
		item job layout ledger limit list locale log mailer manifest media member message metric model
		module notice order owner page panel parser payment permission pipeline plan policy post preview
		price profile project prompt queue quota rating record region report request resource result
		review role route rule schedule schema search session setting share signal snapshot source stage
		status storage stream summary survey table tag task team template tenant theme thread ticket
		timeline topic tracker upload user vault version view webhook widget workflow workspace`)
	verbs = strings.Fields(`get set load save fetch build parse format render create update delete
		list find sync merge apply check compute resolve validate normalize collect publish enqueue
		flush refresh restore schedule notify sanitize transform serialize`)
	modules = strings.Fields(`react zod date-fns lodash clsx next/navigation next/headers swr
		@tanstack/react-query axios uuid nanoid @upstash/redis @upstash/ratelimit @upstash/qstash
		@upstash/vector drizzle-orm @prisma/client stripe`)
	pyModules = strings.Fields(`os json logging typing dataclasses datetime asyncio pathlib re
		collections functools itertools httpx pydantic fastapi upstash_redis upstash_vector qstash`)
	types      = strings.Fields(`string number boolean Date unknown Record<string,string> string[] number[]`)
	licenses   = []string{"MIT", "ISC", "Apache-2.0", "BSD-3-Clause", "BSD-2-Clause", "0BSD"}
	topDirs    = []string{"packages", "apps", "services", "libs", "tools"}
	subDirs    = []string{"src", "lib", "utils", "server", "core", "internal", "features", "hooks", "store", "api-client"}
	mdDirs     = []string{"docs", "guides", "adr", "runbooks", "notes"}
	dataDirs   = []string{"fixtures", "seed-data", "snapshots", "samples"}
	chunkDirs  = []string{"static/chunks", "public/assets", "www/js", "cdn/bundles"}
	proseWords = append(append([]string{"the", "a", "and", "of", "to", "with", "when", "before", "after"}, words...), verbs...)
)

func ident(r *rand.Rand) string {
	return pick(r, words) + title(pick(r, words))
}

func typeName(r *rand.Rand) string {
	return title(pick(r, words)) + title(pick(r, words))
}

func kebab(r *rand.Rand) string { return pick(r, words) + "-" + pick(r, words) }

func filePath(r *rand.Rand, t fileType, n int) string {
	pkg := pick(r, topDirs) + "/" + kebab(r)
	switch t {
	case tsFile:
		return fmt.Sprintf("%s/%s/%s-%d.ts", pkg, pick(r, subDirs), kebab(r), n)
	case tsxFile:
		return fmt.Sprintf("%s/components/%s%d.tsx", pkg, typeName(r), n)
	case jsFile:
		return fmt.Sprintf("%s/%s/%s-%d.js", pkg, pick(r, subDirs), kebab(r), n)
	case minJSFile:
		return fmt.Sprintf("%s/%s/%d-%s.js", pkg, pick(r, chunkDirs), n, randHex(r, 16))
	case pyFile:
		return fmt.Sprintf("services/%s/%s/%s_%d.py", pick(r, words), pick(r, words), pick(r, words), n)
	case lockJSONFile:
		return fmt.Sprintf("%s/deps-%d.lock.json", pkg, n)
	case dataJSONFile:
		return fmt.Sprintf("%s/%s-%d.json", pick(r, dataDirs), kebab(r), n)
	case configJSONFile:
		return fmt.Sprintf("%s/config/%s-%d.json", pkg, kebab(r), n)
	case mdFile:
		return fmt.Sprintf("%s/%s/%s-%d.md", pick(r, mdDirs), pick(r, words), kebab(r), n)
	}
	return fmt.Sprintf("misc/%d.txt", n)
}

// fileWriter builds one file in memory and tracks the line number, so that
// each planted value's line is known exactly.
type fileWriter struct {
	r      *rand.Rand
	names  map[string]int // top-level names declared so far, to keep them unique
	b      []byte
	lines  int // complete lines written
	size   int
	plants []*plantItem
	next   int
	placed []placed
}

type placed struct {
	item *plantItem
	line int
}

func (w *fileWriter) reset(fs fileSpec) {
	w.b, w.lines, w.size, w.plants, w.next, w.placed = w.b[:0], 0, fs.Size, fs.Plants, 0, w.placed[:0]
	clear(w.names)
}

// name returns base, or base with a numeric suffix if this file already
// declared base, so that generated modules have no duplicate declarations.
func (w *fileWriter) name(base string) string {
	if w.names == nil {
		w.names = map[string]int{}
	}
	n := w.names[base]
	w.names[base] = n + 1
	if n == 0 {
		return base
	}
	return fmt.Sprintf("%s%d", base, n+1)
}

func (w *fileWriter) full() bool { return len(w.b) >= w.size }
func (w *fileWriter) due() bool  { return w.next < len(w.plants) && len(w.b) >= w.plants[w.next].At }

func (w *fileWriter) ln(s string) {
	w.b = append(w.b, s...)
	w.b = append(w.b, '\n')
	w.lines++
}

func (w *fileWriter) lnf(format string, args ...any) {
	w.b = fmt.Appendf(w.b, format, args...)
	w.b = append(w.b, '\n')
	w.lines++
}

// emit writes lines, of which lines[at] holds the planted value, and records
// its 1-based line number.
func (w *fileWriter) emit(item *plantItem, lines []string, at int) {
	w.placed = append(w.placed, placed{item, w.lines + 1 + at})
	for _, l := range lines {
		w.ln(l)
	}
}

// plantDue emits every plant whose offset has been reached, formatted by f.
// With all set it emits the remaining plants regardless of offset.
func (w *fileWriter) plantDue(all bool, f func(*plantItem) ([]string, int)) {
	for w.next < len(w.plants) && (all || w.due()) {
		it := w.plants[w.next]
		w.next++
		lines, at := f(it)
		w.emit(it, lines, at)
	}
}

// value, env and url of a plant item, for the formatters.
func (it *plantItem) parts() (value, env, url string, kind string) {
	if it.Sec != nil {
		return it.Sec.Value, it.Sec.Env, it.Sec.URL, it.Sec.Kind.Name
	}
	url = ""
	if strings.HasPrefix(it.Ph.Kind, "placeholder-redis-token") {
		url = "https://fake-otter-12345.upstash.io"
	}
	return it.Ph.Value, it.Ph.Env, url, it.Ph.Kind
}

func writeFile(w *fileWriter, fs fileSpec) {
	switch fs.Type {
	case tsFile, jsFile:
		writeScript(w, fs.Type == tsFile, false)
	case tsxFile:
		writeScript(w, true, true)
	case minJSFile:
		writeMinified(w)
	case pyFile:
		writePython(w)
	case lockJSONFile:
		writeLock(w)
	case dataJSONFile:
		writeDataJSON(w)
	case configJSONFile:
		writeConfigJSON(w)
	case mdFile:
		writeMarkdown(w)
	}
}

// scriptPlant formats a planted value as a TypeScript (ts) or JavaScript
// top-level statement.
func scriptPlant(w *fileWriter, ts bool) func(*plantItem) ([]string, int) {
	r := w.r
	nonNull := ""
	if ts {
		nonNull = "!"
	}
	return func(it *plantItem) ([]string, int) {
		v, env, url, kind := it.parts()
		switch r.IntN(5) {
		case 0:
			return []string{fmt.Sprintf("export const %s = %q;", w.name(env), v)}, 0
		case 1:
			return []string{fmt.Sprintf("process.env.%s ??= %q;", env, v)}, 0
		case 2:
			if url != "" {
				return []string{"const " + w.name(ident(r)+"Config") + " = {", fmt.Sprintf("  url: %q,", url), fmt.Sprintf("  token: %q,", v), "};"}, 2
			}
		case 3:
			switch {
			case strings.HasPrefix(kind, "redis-url") || strings.HasPrefix(kind, "placeholder-redis-url"):
				return []string{fmt.Sprintf("const %s = new IORedis(%q, { maxRetriesPerRequest: 3 });", w.name("client"), v)}, 0
			case strings.Contains(kind, "signing-key"):
				return []string{fmt.Sprintf("const %s = new Receiver({ currentSigningKey: %q, nextSigningKey: process.env.QSTASH_NEXT_SIGNING_KEY%s });", w.name("receiver"), v, nonNull)}, 0
			case strings.HasPrefix(kind, "qstash"), strings.HasPrefix(kind, "placeholder-qstash"):
				return []string{fmt.Sprintf("const %s = new Client({ token: %q });", w.name("qstash"), v)}, 0
			case strings.HasPrefix(kind, "vector"), strings.HasPrefix(kind, "search"), strings.HasPrefix(kind, "placeholder-vector"):
				return []string{fmt.Sprintf("const %s = new Index({ url: %q, token: %q });", w.name("index"), url, v)}, 0
			case url != "":
				return []string{fmt.Sprintf("const %s = new Redis({ url: %q, token: %q });", w.name("redis"), url, v)}, 0
			}
		case 4:
			if !strings.HasPrefix(v, "rediss://") && !strings.HasPrefix(v, "sig_") {
				return []string{fmt.Sprintf("  headers.set(\"Authorization\", `Bearer %s`);", v)}, 0
			}
		}
		return []string{fmt.Sprintf("const %s = %q;", w.name(camel(env)), v)}, 0
	}
}

func writeScript(w *fileWriter, ts, tsx bool) {
	r := w.r
	pf := scriptPlant(w, ts)
	if tsx && r.IntN(3) == 0 {
		w.ln(`"use client";`)
		w.ln("")
	}
	for range 2 + r.IntN(6) {
		if ts || r.IntN(2) == 0 {
			w.lnf("import { %s, %s } from %q;", w.name(ident(r)), w.name(ident(r)), pick(r, modules))
		} else {
			w.lnf("const { %s } = require(%q);", w.name(ident(r)), pick(r, modules))
		}
	}
	w.ln("")
	for !w.full() {
		w.plantDue(false, pf)
		switch r.IntN(7) {
		case 0:
			w.ln("/**")
			for range 1 + r.IntN(4) {
				w.lnf(" * %s %s the %s %s before %s %s.", title(pick(r, verbs)), pick(r, words), pick(r, words), pick(r, words), pick(r, verbs), pick(r, words))
			}
			w.ln(" */")
		case 1:
			if ts {
				w.lnf("export interface %s {", w.name(typeName(r)))
				w.ln("  id: string;")
				for range 2 + r.IntN(8) {
					w.lnf("  %s%s: %s;", ident(r), pick(r, []string{"", "?"}), pick(r, types))
				}
				w.ln("}")
			} else {
				w.lnf("const %s = Object.freeze({ %s: %d, %s: %q });", w.name(strings.ToUpper(pick(r, words))), pick(r, words), r.IntN(1000), pick(r, words), kebab(r))
			}
		case 2, 3:
			fn, arg, v := w.name(pick(r, verbs)+typeName(r)), ident(r), ident(r)+"Result"
			if ts {
				w.lnf("export async function %s(%s: %s, opts: { %s?: number } = {}): Promise<%s | null> {", fn, arg, typeName(r), pick(r, words), typeName(r))
			} else {
				w.lnf("export async function %s(%s, opts = {}) {", fn, arg)
			}
			w.lnf("  const %s = await %s(%s.%s, opts);", v, pick(r, verbs)+typeName(r), arg, pick(r, words))
			w.lnf("  if (!%s || %s.length > %d) {", v, v, 10+r.IntN(500))
			w.lnf("    throw new Error(%q);", fmt.Sprintf("%s %s: %s not found", pick(r, verbs), pick(r, words), pick(r, words)))
			w.ln("  }")
			for range r.IntN(6) {
				w.lnf("  %s.%s = %s(%s, %d);", v, pick(r, words), pick(r, verbs)+typeName(r), arg, r.IntN(100))
			}
			w.lnf("  return { ...%s, %s: %s };", arg, pick(r, words), v)
			w.ln("}")
		case 4:
			w.lnf("const %s = %q;", w.name(strings.ToUpper(pick(r, words))+"_ID"), randUUID(r))
			w.lnf("const %s = [%q, %q, %q];", w.name(ident(r)+"Keys"), kebab(r), kebab(r), kebab(r))
		case 5:
			if tsx {
				name, prop := w.name(typeName(r)), pick(r, words)+"s"
				w.lnf("export function %s({ %s }: { %s: %s[] }) {", name, prop, prop, typeName(r))
				w.ln("  return (")
				w.lnf("    <div className=%q>", pick(r, words)+" "+kebab(r))
				w.lnf("      <h2>%s %s</h2>", title(pick(r, words)), pick(r, words))
				w.lnf("      {%s.map((item) => (<%s key={item.id} %s={item.%s} />))}", prop, typeName(r), pick(r, words), pick(r, words))
				w.ln("    </div>")
				w.ln("  );")
				w.ln("}")
			} else {
				p := pick(r, words)
				w.lnf("export const %s = (%s) => %s.filter(Boolean).map((x) => x.%s ?? %d);", w.name(ident(r)), p, p, pick(r, words), r.IntN(9))
			}
		case 6:
			field := pick(r, words)
			w.lnf("export class %s {", w.name(typeName(r)))
			if ts {
				w.lnf("  private readonly %s = new Map<string, number>();", field)
			} else {
				w.lnf("  %s = new Map();", field)
			}
			for range 1 + r.IntN(3) {
				arg := pick(r, words)
				w.lnf("  %s(%s) {", pick(r, verbs)+typeName(r), arg)
				w.lnf("    return this.%s.get(%s) ?? %d;", field, arg, r.IntN(50))
				w.ln("  }")
			}
			w.ln("}")
		}
		w.ln("")
	}
	w.plantDue(true, pf)
}

// writeMinified writes a bundler-style chunk: few, very long lines.
func writeMinified(w *fileWriter) {
	r := w.r
	snippet := func() {
		switch r.IntN(8) {
		case 0:
			w.b = fmt.Appendf(w.b, "function %c(%c,%c){return %c.%s(%c)||%d}", 'a'+r.IntN(26), 'e', 't', 'e', pick(r, words), 't', r.IntN(1e4))
		case 1:
			w.b = fmt.Appendf(w.b, "var %c%d=n(%d),%c=n.n(%c%d);", 'a'+r.IntN(26), r.IntN(99), r.IntN(99999), 'o'+r.IntN(8), 'r', r.IntN(99))
		case 2:
			w.b = fmt.Appendf(w.b, "n.d(t,{%c:function(){return %s}});", 'A'+r.IntN(26), ident(r))
		case 3:
			w.b = fmt.Appendf(w.b, "e.exports=JSON.parse('{\"%s\":\"%s\",\"%s\":%d}');", pick(r, words), kebab(r), pick(r, words), r.IntN(1e6))
		case 4:
			blob := make([]byte, 48+r.IntN(400))
			for i := range blob {
				blob[i] = byte(r.IntN(256))
			}
			w.b = fmt.Appendf(w.b, "var %s=\"data:application/octet-stream;base64,%s\";", ident(r), base64.StdEncoding.EncodeToString(blob))
		case 5:
			w.b = fmt.Appendf(w.b, "if(!%s)throw new Error(\"%s %s\");", ident(r), pick(r, verbs), pick(r, words))
		case 6:
			w.b = fmt.Appendf(w.b, "(0,%c.jsx)(\"%s\",{className:\"%s\",children:%s});", 'a'+r.IntN(26), pick(r, []string{"div", "span", "button", "li"}), kebab(r), ident(r))
		case 7:
			w.b = fmt.Appendf(w.b, "var %s=\"%s\";", ident(r), randUUID(r))
		}
	}
	w.b = append(w.b, `"use strict";(self.webpackChunk=self.webpackChunk||[]).push([[`...)
	// Everything below is statements in one module function's body.
	w.b = fmt.Appendf(w.b, "%d],{%d:function(e,t,n){", r.IntN(9999), r.IntN(99999))
	for !w.full() {
		lineEnd := len(w.b) + 8<<10 + r.IntN(56<<10)
		for len(w.b) < lineEnd && !w.full() {
			if w.due() {
				it := w.plants[w.next]
				w.next++
				w.plantInline(it, snippet)
			}
			snippet()
		}
		w.b = append(w.b, '\n')
		w.lines++
	}
	for w.next < len(w.plants) {
		it := w.plants[w.next]
		w.next++
		w.plantInline(it, snippet)
	}
	w.ln("}}]);")
}

// plantInline ends the current line and writes one long line that carries
// the planted value in its middle, so each value has a line of its own.
func (w *fileWriter) plantInline(it *plantItem, snippet func()) {
	r := w.r
	if len(w.b) > 0 && w.b[len(w.b)-1] != '\n' {
		w.b = append(w.b, '\n')
		w.lines++
	}
	w.placed = append(w.placed, placed{it, w.lines + 1})
	for range r.IntN(40) {
		snippet()
	}
	v, _, url, _ := it.parts()
	if url != "" && r.IntN(2) == 0 {
		w.b = fmt.Appendf(w.b, "var %s=new %c.Redis({url:\"%s\",token:\"%s\"});", ident(r), 'a'+r.IntN(26), url, v)
	} else {
		w.b = fmt.Appendf(w.b, "var %s=\"%s\";", ident(r), v)
	}
	for range r.IntN(40) {
		snippet()
	}
	w.b = append(w.b, '\n')
	w.lines++
}

func pythonPlant(r *rand.Rand) func(*plantItem) ([]string, int) {
	return func(it *plantItem) ([]string, int) {
		v, env, url, kind := it.parts()
		switch r.IntN(4) {
		case 0:
			return []string{fmt.Sprintf("%s = %q", env, v)}, 0
		case 1:
			return []string{fmt.Sprintf("os.environ.setdefault(%q, %q)", env, v)}, 0
		case 2:
			switch {
			case strings.Contains(kind, "redis-url"):
				return []string{fmt.Sprintf("client = redis.from_url(%q)", v)}, 0
			case strings.Contains(kind, "signing-key"):
				return []string{fmt.Sprintf("receiver = Receiver(current_signing_key=%q, next_signing_key=os.environ[\"QSTASH_NEXT_SIGNING_KEY\"])", v)}, 0
			case url != "":
				return []string{fmt.Sprintf("%s = Redis(", pick(r, words)), fmt.Sprintf("    url=%q,", url), fmt.Sprintf("    token=%q,", v), ")"}, 2
			}
		case 3:
			if !strings.HasPrefix(v, "rediss://") && !strings.HasPrefix(v, "sig_") {
				return []string{fmt.Sprintf("headers = {\"Authorization\": \"Bearer %s\"}", v)}, 0
			}
		}
		return []string{fmt.Sprintf("%s_%s = %q", pick(r, words), strings.ToLower(env), v)}, 0
	}
}

func writePython(w *fileWriter) {
	r := w.r
	pf := pythonPlant(r)
	w.lnf(`"""%s %s for the %s service."""`, title(pick(r, words)), pick(r, words), pick(r, words))
	w.ln("")
	w.ln("import os")
	for range 1 + r.IntN(6) {
		w.lnf("from %s import %s", pick(r, pyModules), ident(r))
	}
	w.ln("")
	for !w.full() {
		w.plantDue(false, pf)
		switch r.IntN(5) {
		case 0:
			w.ln("")
			w.lnf("class %s:", typeName(r))
			w.lnf(`    """%s %s %s."""`, title(pick(r, verbs)), pick(r, words), pick(r, words))
			w.ln("")
			for range 1 + r.IntN(4) {
				w.lnf("    def %s_%s(self, %s_key: str, limit: int = %d) -> list[str]:", pick(r, verbs), pick(r, words), pick(r, words), r.IntN(100))
				w.lnf("        result = self.%s.get(%q, [])", pick(r, words), kebab(r))
				w.lnf("        return [x for x in result if x != %q][:limit]", pick(r, words))
				w.ln("")
			}
		case 1, 2:
			w.ln("")
			w.lnf("async def %s_%s(%s, %s_opts=None):", pick(r, verbs), pick(r, words), pick(r, words), pick(r, words))
			w.lnf(`    """%s the %s and return the %s."""`, title(pick(r, verbs)), pick(r, words), pick(r, words))
			for range 1 + r.IntN(6) {
				w.lnf("    %s = await %s_%s(%s, timeout=%d)", pick(r, words), pick(r, verbs), pick(r, words), pick(r, words), 1+r.IntN(30))
			}
			w.lnf("    if not %s:", pick(r, words))
			w.lnf("        raise ValueError(%q)", pick(r, words)+" "+pick(r, verbs)+" failed")
			w.lnf("    return {%q: %s, %q: %d}", pick(r, words), pick(r, words), pick(r, words), r.IntN(1000))
		case 3:
			w.lnf("%s_ID = %q", strings.ToUpper(pick(r, words)), randUUID(r))
		case 4:
			w.lnf("# %s %s %s %s %s.", title(pick(r, verbs)), pick(r, words), pick(r, words), pick(r, verbs), pick(r, words))
		}
	}
	w.plantDue(true, pf)
}

// writeLock writes a package-lock-like JSON file with sha512 integrity hashes.
func writeLock(w *fileWriter) {
	r := w.r
	w.ln("{")
	w.lnf(`  "name": %q,`, kebab(r))
	w.ln(`  "version": "0.0.0",`)
	w.ln(`  "lockfileVersion": 3,`)
	w.ln(`  "requires": true,`)
	w.ln(`  "packages": {`)
	w.ln(`    "": {`)
	w.lnf(`      "name": %q`, kebab(r))
	w.ln(`    },`)
	sum := make([]byte, 64)
	for n := 0; !w.full(); n++ {
		name := kebab(r)
		if r.IntN(3) == 0 {
			name = "@" + pick(r, words) + "/" + name
		}
		ver := fmt.Sprintf("%d.%d.%d", r.IntN(20), r.IntN(30), r.IntN(40))
		for i := range sum {
			sum[i] = byte(r.IntN(256))
		}
		w.lnf(`    "node_modules/%s": {`, name)
		w.lnf(`      "version": %q,`, ver)
		w.lnf(`      "resolved": "https://npm.example.test/%s/-/%s-%s.tgz",`, name, name[strings.LastIndex(name, "/")+1:], ver)
		w.lnf(`      "integrity": "sha512-%s",`, base64.StdEncoding.EncodeToString(sum))
		if r.IntN(3) == 0 {
			w.ln(`      "dev": true,`)
		}
		if r.IntN(2) == 0 {
			w.ln(`      "dependencies": {`)
			k := 1 + r.IntN(4)
			for i := range k {
				sep := ","
				if i == k-1 {
					sep = ""
				}
				w.lnf(`        %q: "^%d.%d.0"%s`, kebab(r), r.IntN(9), r.IntN(20), sep)
			}
			w.ln(`      },`)
		}
		w.lnf(`      "license": %q`, pick(r, licenses))
		w.ln(`    },`)
	}
	w.lnf(`    "node_modules/%s": {`, kebab(r))
	w.ln(`      "version": "1.0.0"`)
	w.ln(`    }`)
	w.ln(`  }`)
	w.ln("}")
}

func jsonPlant(indent string) func(*plantItem) ([]string, int) {
	return func(it *plantItem) ([]string, int) {
		v, env, url, _ := it.parts()
		if url != "" {
			return []string{fmt.Sprintf(`%s"%s": %q,`, indent, strings.Replace(env, "TOKEN", "URL", 1), url), fmt.Sprintf(`%s%q: %q,`, indent, env, v)}, 1
		}
		return []string{fmt.Sprintf(`%s%q: %q,`, indent, env, v)}, 0
	}
}

// writeDataJSON writes an array of records with UUIDs, checksums and base64
// blobs (none of which is a credential).
func writeDataJSON(w *fileWriter) {
	r := w.r
	pf := jsonPlant("    ")
	w.ln("[")
	blob := make([]byte, 4096)
	for first := true; first || !w.full(); first = false {
		if !first {
			w.b[len(w.b)-1] = ','
			w.b = append(w.b, '\n')
		}
		w.ln("  {")
		w.lnf(`    "id": %q,`, randUUID(r))
		w.plantDue(false, pf)
		w.lnf(`    "name": "%s %s",`, title(pick(r, words)), pick(r, words))
		w.lnf(`    "createdAt": "2025-%02d-%02dT%02d:%02d:%02dZ",`, 1+r.IntN(12), 1+r.IntN(28), r.IntN(24), r.IntN(60), r.IntN(60))
		n := 32 + r.IntN(3000)
		for i := range n {
			blob[i] = byte(r.IntN(256))
		}
		w.lnf(`    "payload": %q,`, base64.StdEncoding.EncodeToString(blob[:n]))
		if r.IntN(4) == 0 {
			w.lnf(`    "thumbnail": "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAA%s",`, base64.StdEncoding.EncodeToString(blob[:64+r.IntN(800)]))
		}
		w.lnf(`    "checksum": %q,`, hex.EncodeToString(blob[:32]))
		w.lnf(`    "ownerId": %q`, randUUID(r))
		w.ln("  }")
	}
	if w.next < len(w.plants) {
		w.b[len(w.b)-1] = ','
		w.b = append(w.b, '\n')
		w.ln("  {")
		w.plantDue(true, pf)
		w.lnf(`    "id": %q`, randUUID(r))
		w.ln("  }")
	}
	w.ln("]")
}

// writeConfigJSON writes a nested configuration object.
func writeConfigJSON(w *fileWriter) {
	r := w.r
	pf := jsonPlant("    ")
	w.ln("{")
	w.lnf(`  "$schema": "https://schemas.example.test/%s.json",`, kebab(r))
	for !w.full() {
		w.lnf(`  %q: {`, ident(r))
		w.plantDue(false, pf)
		for range 1 + r.IntN(6) {
			switch r.IntN(4) {
			case 0:
				w.lnf(`    %q: %q,`, ident(r), randUUID(r))
			case 1:
				w.lnf(`    %q: %d,`, ident(r), r.IntN(100000))
			case 2:
				w.lnf(`    %q: "https://%s.example.test/%s",`, ident(r), pick(r, words), kebab(r))
			case 3:
				w.lnf(`    %q: %t,`, ident(r), r.IntN(2) == 0)
			}
		}
		w.lnf(`    "enabled": %t`, r.IntN(2) == 0)
		w.ln("  },")
	}
	w.ln(`  "settings": {`)
	w.plantDue(true, pf)
	w.ln(`    "version": 1`)
	w.ln("  }")
	w.ln("}")
}

func markdownPlant(w *fileWriter) func(*plantItem) ([]string, int) {
	r := w.r
	sp := scriptPlant(w, true)
	return func(it *plantItem) ([]string, int) {
		v, env, url, _ := it.parts()
		if r.IntN(2) == 0 {
			lines, at := sp(it)
			return append(append([]string{"```ts"}, lines...), "```"), at + 1
		}
		if url != "" {
			return []string{"```env", strings.Replace(env, "TOKEN", "URL", 1) + "=" + url, env + "=" + v, "```"}, 2
		}
		return []string{"```env", env + "=" + v, "```"}, 1
	}
}

func writeMarkdown(w *fileWriter) {
	r := w.r
	pf := markdownPlant(w)
	w.lnf("# %s %s", title(pick(r, words)), pick(r, words))
	w.ln("")
	for !w.full() {
		w.plantDue(false, pf)
		switch r.IntN(6) {
		case 0:
			w.lnf("## %s the %s", title(pick(r, verbs)), pick(r, words))
		case 1, 2:
			var sb strings.Builder
			for i := range 20 + r.IntN(60) {
				if i > 0 {
					sb.WriteByte(' ')
				}
				sb.WriteString(pick(r, proseWords))
			}
			w.ln(title(sb.String()[:1]) + sb.String()[1:] + ".")
		case 3:
			for range 2 + r.IntN(5) {
				w.lnf("- `%s` %s %s (see [%s](./%s.md))", ident(r), pick(r, verbs), pick(r, words), pick(r, words), kebab(r))
			}
		case 4:
			w.ln("```bash")
			w.lnf("npm run %s -- --%s=%d", pick(r, verbs), pick(r, words), r.IntN(100))
			w.lnf("curl -H \"X-Request-Id: %s\" https://api.example.test/%s", randUUID(r), kebab(r))
			w.ln("```")
		case 5:
			w.lnf("| %s | %s | %s |", pick(r, words), pick(r, words), pick(r, words))
			w.ln("|---|---|---|")
			for range 2 + r.IntN(6) {
				w.lnf("| %s | %d | `%s` |", kebab(r), r.IntN(1000), randHex(r, 12))
			}
		}
		w.ln("")
	}
	w.plantDue(true, pf)
}
