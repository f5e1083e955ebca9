package main

import (
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

// The issue-16 targets, measured against the physical floor (ripgrep reading
// every byte of the same tree) rather than against gitleaks.
const (
	targetRatioRG   = 10    // upscan wall ≤ 10× ripgrep's
	targetRSS       = 150e6 // peak RSS, bytes
	targetCPUPerWal = 1.6   // CPU time / wall time (both cores busy)
	targetStaged    = 0.050 // seconds: `upscan --staged` on 5 files, process start included
	linearTolerance = 1.5   // MB/s of the smallest and largest tree within this factor
	stagedFiles     = 5     // files staged for the --staged figure
	rgPattern       = "upstash"
)

// rgTool returns ripgrep as a bench tool, or nil when rg is not on PATH
// (the Makefile installs Debian's package when it is missing).
func rgTool() *tool {
	p, err := exec.LookPath("rg")
	if err != nil {
		return nil
	}
	return &tool{Name: "ripgrep", Path: p, Args: []string{"-c", "-i", rgPattern, "."}}
}

// sizeRow is one line of the scaling table: upscan and ripgrep on one tree.
type sizeRow struct {
	Target   int64 // requested size, bytes
	Files    int
	Bytes    int64
	Up, RG   toolStats
	Found    int // planted credentials found
	Planted  int
	HasRG    bool
	MainTree bool
}

func (r sizeRow) ratio() float64 {
	if !r.HasRG || r.RG.Median <= 0 {
		return 0
	}
	return r.Up.Median.Seconds() / r.RG.Median.Seconds()
}

func cpuPerWall(t toolStats) float64 {
	if t.Median <= 0 {
		return 0
	}
	return t.MedianCPU.Seconds() / t.Median.Seconds()
}

// scaleRun generates (or reuses) a tree of size bytes and times upscan and
// ripgrep on it: one untimed upscan run (recall counted), then rounds
// alternating which goes first.
func scaleRun(o options, size int64, up *tool, stdout io.Writer) (sizeRow, error) {
	g := o.gen
	g.Size = size
	// Next to the main tree (-dir, or the user cache directory).
	g.Dir = filepath.Join(filepath.Dir(o.gen.Dir), fmt.Sprintf("tree-s%d-%dMB", g.Seed, size/1e6))
	m, err := ensureTree(g, o.regen, stdout)
	if err != nil {
		return sizeRow{}, err
	}
	tree := filepath.Join(g.Dir, "tree")
	resDir := filepath.Join(g.Dir, "results")
	if err := os.MkdirAll(resDir, 0o755); err != nil {
		return sizeRow{}, err
	}
	upJSON := filepath.Join(resDir, "upscan.json")
	if _, err := execTool(tree, up.Path, up.Args, up.Env, upJSON, filepath.Join(resDir, "upscan.stderr")); err != nil {
		return sizeRow{}, err
	}
	rep, err := readUpscanReport(upJSON)
	if err != nil {
		return sizeRow{}, err
	}
	rc := checkRecall(m, rep)
	u := &tool{Name: up.Name, Path: up.Path, Args: up.Args, Env: up.Env}
	rg := rgTool()
	for round := range o.rounds {
		order := []*tool{u, rg}
		if round%2 == 1 {
			order = []*tool{rg, u}
		}
		for _, t := range order {
			if t == nil {
				continue
			}
			res, err := execTool(tree, t.Path, t.Args, t.Env, os.DevNull, filepath.Join(resDir, "scale.stderr"))
			if err != nil {
				return sizeRow{}, err
			}
			t.Results = append(t.Results, res)
			fmt.Fprintf(stdout, "%s round %d: %-10s %7.2f s  %6.1f MB RSS\n", mb(m.Bytes), round+1, t.Name, res.Wall.Seconds(), float64(res.MaxRSS)/1e6)
		}
	}
	row := sizeRow{Target: size, Files: m.Files, Bytes: m.Bytes, Up: stats(u, m.Bytes), Found: rc.Found, Planted: len(m.Planted)}
	if rg != nil {
		row.RG, row.HasRG = stats(rg, m.Bytes), true
	}
	return row, nil
}

// stagedFigure is `upscan --staged` on a few staged files, run n times.
type stagedFigure struct {
	Runs        int
	Median, Max time.Duration
	PeakRSS     int64
}

// stagedRun makes a git repository holding stagedFiles files of the tree
// that carry planted credentials, stages them, and runs `upscan --staged`
// n times: the pre-commit hook's cost, process start included.
func stagedRun(up *tool, m *manifest, tree string, n int, stdout io.Writer) (*stagedFigure, error) {
	if _, err := exec.LookPath("git"); err != nil || n <= 0 {
		return nil, nil
	}
	dir, err := os.MkdirTemp("", "upscan-bench-staged-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	var picked []string
	for _, p := range m.Planted {
		if len(picked) == stagedFiles {
			break
		}
		if !slices.Contains(picked, p.Path) {
			picked = append(picked, p.Path)
		}
	}
	for _, p := range picked {
		data, err := os.ReadFile(filepath.Join(tree, filepath.FromSlash(p)))
		if err != nil {
			return nil, err
		}
		dst := filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return nil, err
		}
		if err := os.WriteFile(dst, data, 0o644); err != nil {
			return nil, err
		}
	}
	for _, args := range [][]string{{"init", "-q"}, {"add", "."}} {
		c := exec.Command("git", args...)
		c.Dir = dir
		if out, err := c.CombinedOutput(); err != nil {
			return nil, fmt.Errorf("staged: git %s: %w\n%s", strings.Join(args, " "), err, out)
		}
	}
	var walls []time.Duration
	var rss int64
	for range n {
		res, err := execTool(dir, up.Path, []string{"--staged", "--format", "json", "--no-progress"}, up.Env, os.DevNull, os.DevNull)
		if err != nil {
			return nil, err
		}
		if res.Exit > 1 {
			return nil, fmt.Errorf("staged: upscan exited %d", res.Exit)
		}
		walls = append(walls, res.Wall)
		rss = max(rss, res.MaxRSS)
	}
	f := &stagedFigure{Runs: n, Median: median(walls), Max: slices.Max(walls), PeakRSS: rss}
	fmt.Fprintf(stdout, "--staged on %d files: median %.1f ms, max %.1f ms over %d runs\n", len(picked), ms(f.Median), ms(f.Max), n)
	return f, nil
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

// cpuProfile runs BenchmarkScanTree (internal/scan) once on tree with a CPU
// profile and returns the top of `go tool pprof -top`, or a line saying why
// there is none. It needs the repository as the current directory.
func cpuProfile(tree, resDir string, lines int) string {
	prof := filepath.Join(resDir, "cpu.prof")
	bin := filepath.Join(resDir, "scan.test")
	c := exec.Command("go", "test", "-run", "^$", "-bench", "^BenchmarkScanTree$", "-benchtime", "1x",
		"-cpuprofile", prof, "-o", bin, "./internal/scan/")
	c.Env = append(os.Environ(), "UPSCAN_BENCH_TREE="+tree)
	if out, err := c.CombinedOutput(); err != nil {
		return fmt.Sprintf("(no profile: go test: %v: %s)", err, firstLines(string(out), 3))
	}
	out, err := exec.Command("go", "tool", "pprof", "-top", fmt.Sprintf("-nodecount=%d", lines), bin, prof).Output()
	if err != nil {
		return fmt.Sprintf("(no profile: go tool pprof: %v)", err)
	}
	var keep []string
	for _, l := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		if !strings.HasPrefix(l, "File: ") && !strings.HasPrefix(l, "Build ID: ") {
			keep = append(keep, l)
		}
	}
	return strings.Join(keep, "\n")
}

func firstLines(s string, n int) string {
	ls := strings.SplitN(s, "\n", n+1)
	return strings.Join(ls[:min(n, len(ls))], " ")
}

// floorMarkdown renders the issue-16 part of the bench section: upscan
// against ripgrep, the sizes, --staged and the profile.
func (s *benchSummary) floorMarkdown(p func(string, ...any)) {
	if len(s.Sizes) == 0 {
		return
	}
	p("\n#### Against the floor (ripgrep `rg -c -i %s .` reads every byte)\n\n", rgPattern)
	p("| tree | files | upscan wall | ripgrep wall | ratio | upscan CPU/wall | upscan peak RSS | upscan MB/s | recall |\n")
	p("|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n")
	for _, r := range s.Sizes {
		rg, ratio := "n/a", "n/a"
		if r.HasRG {
			rg, ratio = fmt.Sprintf("%.2f s", r.RG.Median.Seconds()), fmt.Sprintf("%.1f×", r.ratio())
		}
		p("| %s | %d | %.2f s | %s | %s | %.2f | %.0f MB | %.1f | %d/%d |\n", mb(r.Bytes), r.Files, r.Up.Median.Seconds(), rg, ratio,
			cpuPerWall(r.Up), float64(r.Up.PeakRSS)/1e6, r.Up.MBps, r.Found, r.Planted)
	}
	p("\n")
	main := s.Sizes[0]
	for _, r := range s.Sizes {
		if r.MainTree {
			main = r
		}
	}
	p("Targets on the %s tree (issue 16):\n\n", mb(main.Bytes))
	if main.HasRG {
		p("- wall ≤ %d× ripgrep: %.1f× — %s\n", targetRatioRG, main.ratio(), metWord(main.ratio() <= targetRatioRG))
	} else {
		p("- wall ≤ %d× ripgrep: ripgrep not installed — **not measured**\n", targetRatioRG)
	}
	p("- peak RSS ≤ %.0f MB: %.0f MB — %s\n", targetRSS/1e6, float64(main.Up.PeakRSS)/1e6, metWord(float64(main.Up.PeakRSS) <= targetRSS))
	p("- CPU/wall ≥ %.1f: %.2f — %s\n", targetCPUPerWal, cpuPerWall(main.Up), metWord(cpuPerWall(main.Up) >= targetCPUPerWal))
	if len(s.Sizes) > 1 {
		lo, hi := s.Sizes[0], s.Sizes[0]
		for _, r := range s.Sizes {
			if r.Bytes < lo.Bytes {
				lo = r
			}
			if r.Bytes > hi.Bytes {
				hi = r
			}
		}
		f := lo.Up.MBps / hi.Up.MBps
		p("- linear scaling (MB/s at %s and %s within %.1f×): %.1f vs %.1f MB/s — %s\n", mb(lo.Bytes), mb(hi.Bytes), linearTolerance,
			lo.Up.MBps, hi.Up.MBps, metWord(f <= linearTolerance && f >= 1/linearTolerance))
	}
	if st := s.Staged; st != nil {
		p("- `--staged` on %d files < %.0f ms (median of %d runs, process start included): %.1f ms (max %.1f ms, peak RSS %.0f MB) — %s\n",
			stagedFiles, targetStaged*1000, st.Runs, ms(st.Median), ms(st.Max), float64(st.PeakRSS)/1e6, metWord(st.Median.Seconds() < targetStaged))
	}
	if s.Profile != "" {
		p("\nTop of the CPU profile (`BenchmarkScanTree` in internal/scan on the %s tree, `go tool pprof -top`):\n\n```\n%s\n```\n", mb(main.Bytes), s.Profile)
	}
}

// floorPrint prints the same figures to the terminal.
func (s *benchSummary) floorPrint(w io.Writer) {
	if len(s.Sizes) == 0 {
		return
	}
	fmt.Fprintf(w, "\n%-10s %6s %12s %12s %7s %8s %10s %8s %8s\n", "tree", "files", "upscan", "ripgrep", "ratio", "CPU/wall", "peak RSS", "MB/s", "recall")
	for _, r := range s.Sizes {
		fmt.Fprintf(w, "%-10s %6d %10.2f s %10.2f s %6.1f× %8.2f %7.0f MB %8.1f %4d/%d\n", mb(r.Bytes), r.Files, r.Up.Median.Seconds(),
			r.RG.Median.Seconds(), r.ratio(), cpuPerWall(r.Up), float64(r.Up.PeakRSS)/1e6, r.Up.MBps, r.Found, r.Planted)
	}
	if st := s.Staged; st != nil {
		fmt.Fprintf(w, "--staged on %d files: median %.1f ms, max %.1f ms (%d runs)\n", stagedFiles, ms(st.Median), ms(st.Max), st.Runs)
	}
}
