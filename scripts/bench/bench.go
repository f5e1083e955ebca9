package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"syscall"
	"time"
)

// runResult is one timed execution of a tool.
type runResult struct {
	Wall   time.Duration
	CPU    time.Duration // user + system time of the child
	MaxRSS int64         // peak resident set size, bytes (getrusage ru_maxrss)
	Exit   int
}

// tool is one command under test: it runs in the tree root.
type tool struct {
	Name    string
	Path    string
	Args    []string // arguments for timed runs
	Env     []string
	Results []runResult
}

func bench(o options, stdout io.Writer) error {
	cache, err := cacheDir()
	if err != nil {
		return err
	}
	upscanBin, err := filepath.Abs(o.upscan)
	if err != nil {
		return fmt.Errorf("-upscan %s: %w", o.upscan, err)
	}
	if _, err := os.Stat(upscanBin); err != nil {
		return fmt.Errorf("-upscan: %w (build it first: go build -o bin/upscan ./cmd/upscan)", err)
	}
	gitleaksBin := o.gitleaks
	if gitleaksBin == "" {
		if gitleaksBin, err = ensureGitleaks(filepath.Join(cache, "gitleaks"), stdout); err != nil {
			return err
		}
	}
	if o.gen.Dir == "" {
		o.gen.Dir = filepath.Join(cache, fmt.Sprintf("tree-s%d-%dMB", o.gen.Seed, o.gen.Size/1e6))
	}
	m, err := ensureTree(o.gen, o.regen, stdout)
	if err != nil {
		return err
	}
	tree := filepath.Join(o.gen.Dir, "tree")
	resDir := filepath.Join(o.gen.Dir, "results")
	if err := os.MkdirAll(resDir, 0o755); err != nil {
		return fmt.Errorf("results: %w", err)
	}

	loadStart := loadAvg()
	upArgs := []string{".", "--format", "json", "--no-progress"}
	if o.jobs > 0 {
		upArgs = append(upArgs, "--jobs", fmt.Sprint(o.jobs))
	}
	up := &tool{Name: "upscan", Path: upscanBin, Args: upArgs}
	gl := &tool{Name: "gitleaks " + gitleaksVersion, Path: gitleaksBin,
		Args: []string{"dir", ".", "--no-banner", "--exit-code", "0", "--log-level", "error", "-r", os.DevNull, "-f", "json"},
		Env:  []string{"GITLEAKS_CONFIG=", "GITLEAKS_CONFIG_TOML="}}

	rg := rgTool()
	if rg == nil {
		fmt.Fprintln(stdout, "ripgrep (rg) is not installed: the floor comparison is skipped (make bench installs it)")
	}

	upJSON := filepath.Join(resDir, "upscan.json")
	glJSON := filepath.Join(resDir, "gitleaks.json")
	// Warm-up: upscan only. Its first run writes the report checked below and
	// pulls the tree into the page cache, so gitleaks needs no warm-up run of
	// its own (one costs about a minute on 2 cores and changes nothing).
	fmt.Fprintf(stdout, "warm-up: %d upscan run(s), report kept for the recall check\n", max(o.warmup, 1))
	for range max(o.warmup, 1) {
		res, err := execTool(tree, up.Path, up.Args, up.Env, upJSON, filepath.Join(resDir, "upscan.stderr"))
		if err != nil {
			return err
		}
		if res.Exit > 1 {
			return fmt.Errorf("upscan exited %d on the tree; stderr in %s", res.Exit, filepath.Join(resDir, "upscan.stderr"))
		}
	}
	for round := range o.rounds {
		order := []*tool{up, rg, gl}
		if round%2 == 1 {
			order = []*tool{gl, rg, up}
		}
		for _, t := range order {
			if t == nil {
				continue
			}
			out, args := os.DevNull, t.Args
			if t == up {
				out = filepath.Join(resDir, "upscan-timed.json")
			}
			if t == gl && len(t.Results) == 0 {
				// The first gitleaks run keeps its report, to count its findings.
				args = slices.Clone(t.Args)
				args[slices.Index(args, os.DevNull)] = glJSON
			}
			res, err := execTool(tree, t.Path, args, t.Env, out, filepath.Join(resDir, "timed.stderr"))
			if err != nil {
				return err
			}
			if (t == up && res.Exit > 1) || (t == gl && res.Exit != 0) || (t == rg && res.Exit > 1) {
				return fmt.Errorf("%s exited %d in round %d; stderr in %s", t.Name, res.Exit, round+1, filepath.Join(resDir, "timed.stderr"))
			}
			t.Results = append(t.Results, res)
			fmt.Fprintf(stdout, "round %d: %-16s %7.2f s  %6.1f MB RSS\n", round+1, t.Name, res.Wall.Seconds(), float64(res.MaxRSS)/1e6)
		}
	}

	rep, err := readUpscanReport(upJSON)
	if err != nil {
		return err
	}
	glFindings, err := countJSONArray(glJSON)
	if err != nil {
		return err
	}
	rc := checkRecall(m, rep)
	s := summarize(o, m, up, gl, rep, rc, glFindings, upscanBin)
	mainRow := sizeRow{Target: o.gen.Size, Files: m.Files, Bytes: m.Bytes, Up: s.Tools[0], Found: rc.Found, Planted: len(m.Planted), MainTree: true}
	if rg != nil {
		st := stats(rg, m.Bytes)
		s.Tools = append(s.Tools, st)
		mainRow.RG, mainRow.HasRG = st, true
	}
	s.Sizes = []sizeRow{mainRow}
	for _, size := range o.sizes {
		if size == o.gen.Size {
			continue
		}
		row, err := scaleRun(o, size, up, stdout)
		if err != nil {
			return err
		}
		s.Sizes = append(s.Sizes, row)
	}
	slices.SortFunc(s.Sizes, func(a, b sizeRow) int { return int(a.Bytes - b.Bytes) })
	if s.Staged, err = stagedRun(up, m, tree, o.stagedRuns, stdout); err != nil {
		return err
	}
	if o.profile {
		fmt.Fprintln(stdout, "profiling BenchmarkScanTree on the tree (go test -cpuprofile)")
		s.Profile = cpuProfile(tree, resDir, 25)
	}
	s.Load = fmt.Sprintf("%s at start, %s at end", loadStart, loadAvg())
	s.print(stdout)
	if o.doc != "" {
		if err := writeDoc(o.doc, s.markdown()); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "\nwrote %s\n", o.doc)
	}
	var fails []string
	if n := len(rc.Missed); n > 0 {
		fails = append(fails, fmt.Sprintf("%d planted credential(s) not found", n))
	}
	if n := len(rc.PlaceholderHits); n > 0 {
		fails = append(fails, fmt.Sprintf("%d placeholder(s) reported", n))
	}
	if n := len(rep.Errors); n > 0 {
		fails = append(fails, fmt.Sprintf("upscan reported %d error(s)", n))
	}
	if n := len(rc.Unplanted); n > 0 && o.strict {
		fails = append(fails, fmt.Sprintf("%d finding(s) that were not planted (-strict)", n))
	}
	if len(fails) > 0 {
		return fmt.Errorf("%w: %s", errCheckFailed, strings.Join(fails, "; "))
	}
	return nil
}

// loadAvg returns the 1-minute load average from /proc/loadavg, or "n/a".
// Other work on a shared machine shows up there and in the min–max spread.
func loadAvg() string {
	b, err := os.ReadFile("/proc/loadavg")
	if f := strings.Fields(string(b)); err == nil && len(f) > 0 {
		return f[0]
	}
	return "n/a"
}

// ensureTree reuses o.Dir when its planted.json matches o and this
// generator version, and generates the tree otherwise.
func ensureTree(o genOptions, regen bool, stdout io.Writer) (*manifest, error) {
	mpath := filepath.Join(o.Dir, "planted.json")
	if !regen {
		if m, err := readManifest(mpath); err == nil && m.Generator == generatorVersion && m.Seed == o.Seed &&
			m.TargetBytes == o.Size && len(m.Planted) == o.Tokens && len(m.Placeholders) == o.Placeholders {
			if _, err := os.Stat(filepath.Join(o.Dir, "tree")); err == nil {
				fmt.Fprintf(stdout, "tree: reusing %s (%d files, %s)\n", o.Dir, m.Files, mb(m.Bytes))
				return m, nil
			}
		}
	}
	start := time.Now()
	m, err := generate(o)
	if err != nil {
		return nil, err
	}
	fmt.Fprintf(stdout, "tree: generated %s (%d files, %s) in %.1f s\n", o.Dir, m.Files, mb(m.Bytes), time.Since(start).Seconds())
	return m, nil
}

// ensureGitleaks returns the path of a gitleaks v8.30.1 binary in dir,
// building it in a scratch module there when it is missing or another
// version (`go install` fails through the filtered proxy: TOOLING.md §0).
func ensureGitleaks(dir string, stdout io.Writer) (string, error) {
	// A versioned name, built under a temporary name and renamed, so that a
	// different file called "gitleaks" in dir is neither used nor clobbered.
	bin := filepath.Join(dir, "gitleaks-"+gitleaksVersion)
	if gitleaksBuildOK(bin) {
		return bin, nil
	}
	fmt.Fprintf(stdout, "gitleaks: building %s in %s (first run only)\n", gitleaksVersion, dir)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", fmt.Errorf("gitleaks: %w", err)
	}
	goCmd := func(args ...string) error {
		c := exec.Command("go", args...)
		c.Dir = dir
		c.Env = append(os.Environ(), "GOWORK=off", "GOFLAGS=")
		out, err := c.CombinedOutput()
		if err != nil {
			return fmt.Errorf("gitleaks: go %s in %s: %w\n%s", strings.Join(args, " "), dir, err, out)
		}
		return nil
	}
	if _, err := os.Stat(filepath.Join(dir, "go.mod")); err != nil {
		if err := goCmd("mod", "init", "x"); err != nil {
			return "", err
		}
	}
	const mod = "github.com/zricethezav/gitleaks/v8"
	if err := goCmd("get", mod+"@"+gitleaksVersion); err != nil {
		return "", err
	}
	tmp := filepath.Base(bin) + ".tmp"
	if err := goCmd("build", "-ldflags", "-X "+mod+"/version.Version="+gitleaksVersion, "-o", tmp, mod); err != nil {
		return "", err
	}
	if err := os.Rename(filepath.Join(dir, tmp), bin); err != nil {
		return "", fmt.Errorf("gitleaks: %w", err)
	}
	if !gitleaksBuildOK(bin) {
		return "", fmt.Errorf("gitleaks: %s is not %s %s after the build", bin, mod, gitleaksVersion)
	}
	return bin, nil
}

// gitleaksBuildOK reports whether bin exists and `go version -m` says it was
// built from the pinned gitleaks module.
func gitleaksBuildOK(bin string) bool {
	out, err := exec.Command("go", "version", "-m", bin).Output()
	if err != nil {
		return false
	}
	sc := bufio.NewScanner(bytes.NewReader(out))
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) >= 3 && f[0] == "mod" && f[1] == "github.com/zricethezav/gitleaks/v8" && f[2] == gitleaksVersion {
			return true
		}
	}
	return false
}

// execTool runs path with args in dir, stdout to outPath and stderr to
// errPath, and measures wall time, CPU time and peak RSS. A non-zero exit is
// returned in the result, not as an error.
func execTool(dir, path string, args, env []string, outPath, errPath string) (runResult, error) {
	out, err := os.Create(outPath)
	if err != nil {
		return runResult{}, fmt.Errorf("run %s: %w", filepath.Base(path), err)
	}
	defer out.Close()
	errf, err := os.Create(errPath)
	if err != nil {
		return runResult{}, fmt.Errorf("run %s: %w", filepath.Base(path), err)
	}
	defer errf.Close()
	c := exec.Command(path, args...)
	c.Dir, c.Stdout, c.Stderr = dir, out, errf
	c.Env = append(os.Environ(), env...)
	start := time.Now()
	err = c.Run()
	wall := time.Since(start)
	var ee *exec.ExitError
	if err != nil && !errors.As(err, &ee) {
		return runResult{}, fmt.Errorf("run %s: %w", path, err)
	}
	res := runResult{Wall: wall, Exit: c.ProcessState.ExitCode()}
	if ru, ok := c.ProcessState.SysUsage().(*syscall.Rusage); ok {
		res.CPU = time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
		res.MaxRSS = int64(ru.Maxrss) * 1024 // Linux reports KiB
		if runtime.GOOS == "darwin" {
			res.MaxRSS = int64(ru.Maxrss) // macOS reports bytes
		}
	}
	return res, nil
}

// upscanReport is the part of upscan's JSON output the bench reads
// (DESIGN.md "CLI contract").
type upscanReport struct {
	Version  int               `json:"version"`
	Findings []upscanFinding   `json:"findings"`
	Summary  map[string]any    `json:"summary"`
	Errors   []json.RawMessage `json:"errors"`
	Skipped  []json.RawMessage `json:"skipped"` // files not analysed (binary, over --max-file-size)
}

type upscanFinding struct {
	RuleID string `json:"rule_id"`
	Path   string `json:"path"`
	Line   int    `json:"line"`
	Column int    `json:"column"`
	Secret *struct {
		Kind   string `json:"kind"`
		Prefix string `json:"prefix"`
		Length int    `json:"length"`
	} `json:"secret"`
}

func readUpscanReport(path string) (*upscanReport, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("upscan report: %w", err)
	}
	var r upscanReport
	if err := json.Unmarshal(b, &r); err != nil {
		return nil, fmt.Errorf("upscan report %s: %w", path, err)
	}
	for i := range r.Findings {
		r.Findings[i].Path = normPath(r.Findings[i].Path)
	}
	return &r, nil
}

// normPath makes a finding path comparable with manifest paths.
func normPath(p string) string {
	p = filepath.ToSlash(p)
	for strings.HasPrefix(p, "./") {
		p = p[2:]
	}
	if i := strings.Index(p, "/tree/"); i >= 0 && filepath.IsAbs(p) {
		p = p[i+len("/tree/"):]
	}
	return p
}

// summaryInt reads a numeric field of upscan's JSON summary, -1 if absent.
func (r *upscanReport) summaryInt(key string) int64 {
	if v, ok := r.Summary[key].(float64); ok {
		return int64(v)
	}
	return -1
}

func countJSONArray(path string) (int, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return 0, fmt.Errorf("gitleaks report: %w", err)
	}
	var xs []json.RawMessage
	if err := json.Unmarshal(b, &xs); err != nil {
		return 0, fmt.Errorf("gitleaks report %s: %w", path, err)
	}
	return len(xs), nil
}

// recallResult compares upscan's findings with the manifest, by path and line.
type recallResult struct {
	Found           int
	ByKind          map[string]*kindCount
	Missed          []plantRecord
	WrongRule       []plantRecord // found at the line, but not with the expected rule
	PlaceholderHits []string      // "path:line kind → rules"
	Unplanted       []upscanFinding
}

type kindCount struct {
	Rule         string
	Found, Total int
}

func checkRecall(m *manifest, rep *upscanReport) *recallResult {
	type key struct {
		path string
		line int
	}
	at := map[key][]string{}
	for _, f := range rep.Findings {
		k := key{f.Path, f.Line}
		at[k] = append(at[k], f.RuleID)
	}
	rc := &recallResult{ByKind: map[string]*kindCount{}}
	known := map[key]bool{}
	for _, p := range m.Planted {
		k := key{p.Path, p.Line}
		known[k] = true
		kc := rc.ByKind[p.Kind]
		if kc == nil {
			kc = &kindCount{Rule: p.Rule}
			rc.ByKind[p.Kind] = kc
		}
		kc.Total++
		rules, ok := at[k]
		if !ok {
			rc.Missed = append(rc.Missed, p)
			continue
		}
		rc.Found++
		kc.Found++
		if !slices.Contains(rules, p.Rule) {
			rc.WrongRule = append(rc.WrongRule, p)
		}
	}
	for _, p := range m.Placeholders {
		k := key{p.Path, p.Line}
		known[k] = true
		if rules, ok := at[k]; ok {
			rc.PlaceholderHits = append(rc.PlaceholderHits, fmt.Sprintf("%s:%d %s → %s", p.Path, p.Line, p.Kind, strings.Join(rules, ",")))
		}
	}
	for _, f := range rep.Findings {
		if !known[key{f.Path, f.Line}] {
			rc.Unplanted = append(rc.Unplanted, f)
		}
	}
	return rc
}
