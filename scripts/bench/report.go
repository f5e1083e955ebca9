package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"os/exec"
	"runtime"
	"slices"
	"strings"
	"time"
)

// benchSummary holds everything the bench prints and writes.
type benchSummary struct {
	When          time.Time
	Machine       string
	GoVersion     string
	UpscanVersion string
	Opts          options
	M             *manifest
	Tools         []toolStats
	Ratio         float64
	Rep           *upscanReport
	RC            *recallResult
	GLFindings    int
	Load          string        // 1-minute load average at start and end
	Sizes         []sizeRow     // upscan and ripgrep at each tree size, smallest first
	Staged        *stagedFigure // upscan --staged on a few files; nil when not measured
	Profile       string        // top of the CPU profile of a scan of the tree
}

type toolStats struct {
	Name             string
	Runs             int
	Median, Min, Max time.Duration
	MedianCPU        time.Duration
	PeakRSS          int64
	MBps             float64
}

func stats(t *tool, treeBytes int64) toolStats {
	walls := make([]time.Duration, len(t.Results))
	cpus := make([]time.Duration, len(t.Results))
	var rss int64
	for i, r := range t.Results {
		walls[i], cpus[i] = r.Wall, r.CPU
		rss = max(rss, r.MaxRSS)
	}
	med := median(walls)
	return toolStats{Name: t.Name, Runs: len(walls), Median: med, Min: slices.Min(walls), Max: slices.Max(walls),
		MedianCPU: median(cpus), PeakRSS: rss, MBps: float64(treeBytes) / 1e6 / med.Seconds()}
}

// median of a non-empty slice; the mean of the two middle values for an even count.
func median(ds []time.Duration) time.Duration {
	s := slices.Clone(ds)
	slices.Sort(s)
	n := len(s)
	if n%2 == 1 {
		return s[n/2]
	}
	return (s[n/2-1] + s[n/2]) / 2
}

func summarize(o options, m *manifest, up, gl *tool, rep *upscanReport, rc *recallResult, glFindings int, upscanBin string) *benchSummary {
	s := &benchSummary{When: time.Now().UTC(), Machine: machine(), GoVersion: runtime.Version(), Opts: o, M: m,
		Rep: rep, RC: rc, GLFindings: glFindings, UpscanVersion: toolVersion(upscanBin)}
	s.Tools = []toolStats{stats(up, m.Bytes), stats(gl, m.Bytes)}
	s.Ratio = s.Tools[0].Median.Seconds() / s.Tools[1].Median.Seconds()
	return s
}

// machine describes the CPU: "<model>, N CPUs, GOOS/GOARCH".
func machine() string {
	model := ""
	if f, err := os.Open("/proc/cpuinfo"); err == nil {
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			if k, v, ok := strings.Cut(sc.Text(), ":"); ok && strings.TrimSpace(k) == "model name" {
				model = strings.TrimSpace(v) + ", "
				break
			}
		}
		f.Close()
	}
	return fmt.Sprintf("%s%d CPUs (nproc), %s/%s", model, runtime.NumCPU(), runtime.GOOS, runtime.GOARCH)
}

// toolVersion returns the first line of `bin version`, or "unknown".
func toolVersion(bin string) string {
	out, err := exec.Command(bin, "version").Output()
	if err != nil {
		return "unknown"
	}
	line, _, _ := strings.Cut(strings.TrimSpace(string(out)), "\n")
	if line == "" {
		return "unknown"
	}
	return line
}

func (s *benchSummary) print(w io.Writer) {
	fmt.Fprintf(w, "\nload average (1 min): %s\n", s.Load)
	fmt.Fprintf(w, "tree: %d files, %s (seed %d); %d planted FAKE credentials, %d placeholders\n",
		s.M.Files, mb(s.M.Bytes), s.M.Seed, len(s.M.Planted), len(s.M.Placeholders))
	fmt.Fprintf(w, "%-18s %4s %10s %19s %12s %10s %10s\n", "tool", "runs", "median", "min–max", "median CPU", "MB/s", "peak RSS")
	for _, t := range s.Tools {
		fmt.Fprintf(w, "%-18s %4d %8.2f s %8.2f–%6.2f s %10.2f s %10.1f %7.1f MB\n", t.Name, t.Runs, t.Median.Seconds(),
			t.Min.Seconds(), t.Max.Seconds(), t.MedianCPU.Seconds(), t.MBps, float64(t.PeakRSS)/1e6)
	}
	fmt.Fprintf(w, "ratio upscan/gitleaks (median wall): %.3f; speed target (≤ 1): %s; recall target (every planted credential found): %s\n",
		s.Ratio, strings.Trim(metWord(s.Ratio <= 1), "*"), strings.Trim(metWord(len(s.RC.Missed) == 0), "*"))
	fmt.Fprintf(w, "CPU-time ratio (median user+sys): %.3f\n", s.cpuRatio())
	fmt.Fprintf(w, "upscan summary: files %d, bytes %d, skipped %d, findings %d, errors %d; gitleaks findings (default rules): %d\n",
		s.Rep.summaryInt("files"), s.Rep.summaryInt("bytes"), len(s.Rep.Skipped), len(s.Rep.Findings), len(s.Rep.Errors), s.GLFindings)
	fmt.Fprintf(w, "recall: %d/%d planted found; placeholders reported: %d/%d; other findings (false positives): %d\n",
		s.RC.Found, len(s.M.Planted), len(s.RC.PlaceholderHits), len(s.M.Placeholders), len(s.RC.Unplanted))
	for _, k := range sortedKinds(s.RC.ByKind) {
		kc := s.RC.ByKind[k]
		fmt.Fprintf(w, "  %-24s %s %3d/%d\n", k, kc.Rule, kc.Found, kc.Total)
	}
	const show = 20
	list := func(title string, items []string) {
		if len(items) == 0 {
			return
		}
		fmt.Fprintf(w, "%s (%d):\n", title, len(items))
		for i, it := range items {
			if i == show {
				fmt.Fprintf(w, "  … %d more\n", len(items)-show)
				break
			}
			fmt.Fprintf(w, "  %s\n", it)
		}
	}
	var missed, wrong, fps []string
	for _, p := range s.RC.Missed {
		missed = append(missed, fmt.Sprintf("%s:%d %s (%s)", p.Path, p.Line, p.Kind, p.Rule))
	}
	for _, p := range s.RC.WrongRule {
		wrong = append(wrong, fmt.Sprintf("%s:%d %s: expected %s", p.Path, p.Line, p.Kind, p.Rule))
	}
	for _, f := range s.RC.Unplanted {
		fps = append(fps, describeFinding(f))
	}
	s.floorPrint(w)
	list("MISSED planted credentials", missed)
	list("found with another rule than expected", wrong)
	list("PLACEHOLDERS reported", s.RC.PlaceholderHits)
	list("findings that were not planted", fps)
	for i, e := range s.Rep.Errors {
		if i == show {
			break
		}
		fmt.Fprintf(w, "upscan error: %s\n", e)
	}
}

// describeFinding renders a finding with upscan's own redaction only.
func describeFinding(f upscanFinding) string {
	d := fmt.Sprintf("%s:%d:%d %s", f.Path, f.Line, f.Column, f.RuleID)
	if f.Secret != nil {
		d += fmt.Sprintf(" (%s %s… %d chars)", f.Secret.Kind, f.Secret.Prefix, f.Secret.Length)
	}
	return d
}

func sortedKinds(m map[string]*kindCount) []string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	slices.SortFunc(ks, func(a, b string) int {
		if c := strings.Compare(m[a].Rule, m[b].Rule); c != 0 {
			return c
		}
		return strings.Compare(a, b)
	})
	return ks
}

const (
	docBegin = "<!-- bench:begin (written by `make bench`; edit outside these markers) -->"
	docEnd   = "<!-- bench:end -->"
)

// markdown renders the bench section of docs/performance.md.
func (s *benchSummary) markdown() string {
	var b strings.Builder
	p := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }
	p("%s\n", docBegin)
	p("### Latest `make bench` run\n\n")
	p("- Date: %s\n", s.When.Format("2006-01-02 15:04 UTC"))
	p("- Machine: %s; %s; load average (1 min) %s\n", s.Machine, s.GoVersion, s.Load)
	p("- upscan: `%s`; gitleaks %s built from `github.com/zricethezav/gitleaks/v8@%s`, default config\n", s.UpscanVersion, gitleaksVersion, gitleaksVersion)
	var types []string
	for _, t := range fileTypes {
		if n := s.M.ByType[t.name]; n > 0 {
			types = append(types, fmt.Sprintf("%s %s", t.name, mb(n)))
		}
	}
	p("- Tree: seed %d, %d files, %s (%s); %d planted FAKE credentials of %d kinds, %d placeholders\n",
		s.M.Seed, s.M.Files, mb(s.M.Bytes), strings.Join(types, ", "), len(s.M.Planted), len(s.RC.ByKind), len(s.M.Placeholders))
	jobs := "default"
	if s.Opts.jobs > 0 {
		jobs = fmt.Sprint(s.Opts.jobs)
	}
	p("- Method: %d untimed upscan run (its report is the one checked; it also warms the page cache), then %d timed rounds of both tools, "+
		"alternating which goes first; median of the rounds. Wall time, CPU (user+sys) and peak RSS (ru_maxrss) of each child process "+
		"come from the Go runner. upscan `. --format json --no-progress` (jobs: %s); gitleaks `dir . --no-banner --exit-code 0 --log-level error -r /dev/null -f json`\n\n",
		max(s.Opts.warmup, 1), s.Opts.rounds, jobs)
	p("| tool | runs | median wall | min–max | median CPU (user+sys) | throughput | peak RSS |\n")
	p("|---|---:|---:|---:|---:|---:|---:|\n")
	for _, t := range s.Tools {
		p("| %s | %d | %.2f s | %.2f–%.2f s | %.2f s | %.1f MB/s | %.0f MB |\n", t.Name, t.Runs, t.Median.Seconds(),
			t.Min.Seconds(), t.Max.Seconds(), t.MedianCPU.Seconds(), t.MBps, float64(t.PeakRSS)/1e6)
	}
	p("\nRatio upscan / gitleaks (median wall): **%.3f**. Speed target (ratio ≤ 1): %s. Recall target (every planted credential found): %s.\n",
		s.Ratio, metWord(s.Ratio <= 1), metWord(len(s.RC.Missed) == 0))
	p("CPU-time ratio (median user+sys): %.3f; it moves less than wall time when other work shares the machine.\n\n", s.cpuRatio())
	p("upscan scanned %d files, %d bytes (skipped %d) and reported %d findings and %d errors; gitleaks (default rules, no Upstash rule) reported %d.\n\n",
		s.Rep.summaryInt("files"), s.Rep.summaryInt("bytes"), len(s.Rep.Skipped), len(s.Rep.Findings), len(s.Rep.Errors), s.GLFindings)
	p("Recall: **%d/%d** planted credentials found (matched by path and line); placeholders reported: **%d/%d**; other findings (false positives): **%d**.\n\n",
		s.RC.Found, len(s.M.Planted), len(s.RC.PlaceholderHits), len(s.M.Placeholders), len(s.RC.Unplanted))
	p("| kind | rule | found |\n|---|---|---:|\n")
	for _, k := range sortedKinds(s.RC.ByKind) {
		kc := s.RC.ByKind[k]
		p("| %s | %s | %d/%d |\n", k, kc.Rule, kc.Found, kc.Total)
	}
	items := func(title string, xs []string) {
		if len(xs) == 0 {
			return
		}
		p("\n%s (%d):\n\n", title, len(xs))
		for i, x := range xs {
			if i == 20 {
				p("- … %d more\n", len(xs)-20)
				break
			}
			p("- `%s`\n", x)
		}
	}
	var missed []string
	for _, m := range s.RC.Missed {
		missed = append(missed, fmt.Sprintf("%s:%d %s (%s)", m.Path, m.Line, m.Kind, m.Rule))
	}
	var fps []string
	for _, f := range s.RC.Unplanted {
		fps = append(fps, describeFinding(f))
	}
	items("Missed planted credentials", missed)
	items("Placeholders reported", s.RC.PlaceholderHits)
	items("Findings that were not planted", fps)
	s.floorMarkdown(p)
	p("%s\n", docEnd)
	return b.String()
}

func (s *benchSummary) cpuRatio() float64 {
	return s.Tools[0].MedianCPU.Seconds() / s.Tools[1].MedianCPU.Seconds()
}

func metWord(ok bool) string {
	if ok {
		return "**met**"
	}
	return "**not met**"
}

// writeDoc replaces the marked bench section of path with section, or
// appends it when the markers are missing; it creates the file if needed.
func writeDoc(path, section string) error {
	old, err := os.ReadFile(path)
	if err != nil && !os.IsNotExist(err) {
		return fmt.Errorf("doc: %w", err)
	}
	if err := os.WriteFile(path, []byte(spliceSection(string(old), section)), 0o644); err != nil {
		return fmt.Errorf("doc: %w", err)
	}
	return nil
}

func spliceSection(doc, section string) string {
	i := strings.Index(doc, docBegin)
	j := strings.Index(doc, docEnd)
	if i >= 0 && j > i {
		return doc[:i] + section + strings.TrimPrefix(doc[j+len(docEnd):], "\n")
	}
	if doc == "" {
		return "# Performance\n\n" + section
	}
	if !strings.HasSuffix(doc, "\n") {
		doc += "\n"
	}
	return doc + "\n" + section
}
