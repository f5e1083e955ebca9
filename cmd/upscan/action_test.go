package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// actionRunner runs the Action's shell steps the way a runner would: each
// step gets RUNNER_TEMP, GITHUB_ACTION_PATH, the GITHUB_* command files, the
// event (GITHUB_EVENT_NAME, GITHUB_EVENT_PATH) and its env with ${{ }}
// expressions evaluated against the inputs, the event and earlier steps'
// outputs. PATH is the test's: the Action must not need GITHUB_PATH.
type actionRunner struct {
	env       []string // gitTestEnv
	root      string   // github.action_path
	workspace string   // the checkout being scanned; the steps' working directory
	temp      string   // RUNNER_TEMP
	files     map[string]string
	inputs    map[string]string
	outputs   map[string]map[string]string
	eventName string
	event     map[string]any
	codes     map[string]int    // exit code by step name
	logs      map[string]string // output by step name
}

func newActionRunner(t *testing.T, a actionFile, env []string, root, workspace string) *actionRunner {
	t.Helper()
	r := &actionRunner{env: env, root: root, workspace: workspace, temp: t.TempDir(),
		files: map[string]string{}, inputs: map[string]string{}, outputs: map[string]map[string]string{},
		eventName: "workflow_dispatch", event: map[string]any{}, codes: map[string]int{}, logs: map[string]string{}}
	for _, k := range []string{"GITHUB_OUTPUT", "GITHUB_PATH", "GITHUB_ENV", "GITHUB_STEP_SUMMARY", "GITHUB_EVENT_PATH"} {
		r.files[k] = filepath.Join(r.temp, strings.ToLower(k))
		if err := os.WriteFile(r.files[k], nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for name, in := range a.Inputs {
		r.inputs[name] = *in.Default
	}
	return r
}

// lookupEvent walks the event payload by a dotted path; "" when absent.
func (r *actionRunner) lookupEvent(path string) string {
	var v any = r.event
	for _, k := range strings.Split(path, ".") {
		m, ok := v.(map[string]any)
		if !ok {
			return ""
		}
		v = m[k]
	}
	s, _ := v.(string)
	return s
}

// eval replaces the ${{ }} expressions in s. An expression is one operand
// or operands joined by || (the first non-empty one).
func (r *actionRunner) eval(t *testing.T, s string) string {
	t.Helper()
	return exprRE.ReplaceAllStringFunc(s, func(e string) string {
		for _, operand := range strings.Split(exprRE.FindStringSubmatch(e)[1], "||") {
			expr := strings.TrimSpace(operand)
			var v string
			switch {
			case expr == "github.action_path":
				v = r.root
			case strings.HasPrefix(expr, "github.event."):
				v = r.lookupEvent(strings.TrimPrefix(expr, "github.event."))
			case strings.HasPrefix(expr, "inputs."):
				v = r.inputs[strings.TrimPrefix(expr, "inputs.")]
			case stepRefRE.MatchString(expr):
				m := stepRefRE.FindStringSubmatch(expr)
				v = r.outputs[m[1]][m[2]]
			default:
				t.Fatalf("unsupported expression %s", e)
			}
			if v != "" {
				return v
			}
		}
		return ""
	})
}

// run runs one run step and records its exit code, output and outputs; a
// step other than "Fail on findings" must succeed, none may print the
// token, and none may write GITHUB_PATH or GITHUB_ENV.
func (r *actionRunner) run(t *testing.T, s actionStep) {
	t.Helper()
	event, err := json.Marshal(r.event)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(r.files["GITHUB_EVENT_PATH"], event, 0o644); err != nil {
		t.Fatal(err)
	}
	stepEnv := append(slices.Clone(r.env), "RUNNER_TEMP="+r.temp, "GITHUB_ACTION_PATH="+r.root,
		"GITHUB_EVENT_NAME="+r.eventName, "GITHUB_WORKSPACE="+r.workspace)
	for k, f := range r.files {
		stepEnv = append(stepEnv, k+"="+f)
	}
	for k, v := range s.Env {
		stepEnv = append(stepEnv, k+"="+r.eval(t, v))
	}
	if err := os.WriteFile(r.files["GITHUB_OUTPUT"], nil, 0o644); err != nil {
		t.Fatal(err)
	}
	out, code := execIn(t, r.workspace, stepEnv, "bash", "-e", "-c", s.Run)
	r.codes[s.Name], r.logs[s.Name] = code, out
	if s.Name != "Fail on findings" && code != 0 {
		t.Fatalf("step %q: exit %d\n%s", s.Name, code, out)
	}
	if strings.Contains(out, fakeToken[:12]) {
		t.Errorf("step %q printed the token", s.Name)
	}
	got, _ := os.ReadFile(r.files["GITHUB_OUTPUT"])
	if s.ID != "" {
		r.outputs[s.ID] = map[string]string{}
		for _, line := range strings.Split(strings.TrimSpace(string(got)), "\n") {
			if k, v, ok := strings.Cut(line, "="); ok {
				r.outputs[s.ID][k] = v
			}
		}
	}
	for _, k := range []string{"GITHUB_PATH", "GITHUB_ENV"} {
		if b, _ := os.ReadFile(r.files[k]); len(b) > 0 {
			t.Errorf("step %q wrote %s (%q): it changes the caller's later steps", s.Name, k, b)
		}
	}
}

// runSteps runs every run step after the install step, with the install
// step's outputs.
func (r *actionRunner) runSteps(t *testing.T, a actionFile, installed map[string]string) {
	t.Helper()
	r.outputs["install"] = installed
	for _, s := range a.Runs.Steps {
		if s.Run != "" && s.ID != "install" {
			r.run(t, s)
		}
	}
}

// sarifPaths returns the file of each result's first location in a SARIF log.
func sarifPaths(t *testing.T, report []byte) []string {
	t.Helper()
	var log struct {
		Runs []struct {
			Results []struct {
				RuleID    string `json:"ruleId"`
				Locations []struct {
					PhysicalLocation struct {
						ArtifactLocation struct {
							URI string `json:"uri"`
						} `json:"artifactLocation"`
					} `json:"physicalLocation"`
				} `json:"locations"`
			} `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal(report, &log); err != nil || len(log.Runs) != 1 {
		t.Fatalf("SARIF report: %v, %d runs; want one run", err, len(log.Runs))
	}
	var paths []string
	for _, res := range log.Runs[0].Results {
		if len(res.Locations) > 0 {
			paths = append(paths, res.Locations[0].PhysicalLocation.ArtifactLocation.URI)
		}
	}
	slices.Sort(paths)
	return slices.Compact(paths)
}

// twoCommitOrigin builds a bare "origin" repository whose main branch has two
// commits: the first adds old.ts (a hardcoded token, already on the target
// branch), the second new.ts (another one, the change under review). It
// returns origin's file:// URL and the two commits.
func twoCommitOrigin(t *testing.T, env []string) (url, first, second string) {
	t.Helper()
	work := t.TempDir()
	mustExec(t, work, env, "git", "init", "-q")
	commit := func(name, content string) string {
		if err := os.WriteFile(filepath.Join(work, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		mustExec(t, work, env, "git", "add", name)
		mustExec(t, work, env, "git", "commit", "-q", "-m", "add "+name)
		return strings.TrimSpace(mustExec(t, work, env, "git", "rev-parse", "HEAD"))
	}
	first = commit("old.ts", tokenSource)
	second = commit("new.ts", tokenSource)
	origin := filepath.Join(t.TempDir(), "origin.git")
	mustExec(t, work, env, "git", "clone", "-q", "--bare", work, origin)
	return "file://" + filepath.ToSlash(origin), first, second
}

// TestAction runs the Action's shell steps the way the runner would. The
// install step runs once (building upscan from this checkout with the go on
// PATH, its go build -trimpath finding the shared binary's packages in the
// build cache) and must leave PATH alone; then each event:
//
//   - pull_request, on a shallow clone (actions/checkout's default depth 1)
//     of a two-commit repository: the base commit is missing, so a plain
//     --diff fails with the shallow-clone hint; the Action fetches that one
//     commit itself and reports only the finding the pull request adds, in
//     the SARIF report and the job summary;
//   - push: the pushed range (before..after), and the whole tree for a new
//     branch (before all zeros);
//   - workflow_dispatch: the whole tree, in each format the summary covers.
//
// The upload step (a JavaScript action) is not run. Skipped with -short.
func TestAction(t *testing.T) {
	requireParsers(t)
	if testing.Short() {
		t.Skip("builds upscan; skipped with -short")
	}
	upscanBinary(t) // fills the build cache the install step's go build uses
	a, _ := readAction(t)
	env := append(gitTestEnv(t), "GOFLAGS="+trimpathGoFlags(t, gitTestEnv(t)))
	root := moduleRoot(t)
	url, first, second := twoCommitOrigin(t, env)

	install := newActionRunner(t, a, env, root, t.TempDir())
	var installed bool
	for _, s := range a.Runs.Steps {
		if s.ID == "install" {
			install.run(t, s)
			installed = true
		}
	}
	if !installed {
		t.Fatal("action.yml has no step with id install")
	}
	bin := install.outputs["install"]["path"]
	if bin == "" || !strings.HasPrefix(bin, install.temp) {
		t.Fatalf("the install step's path output %q is not in RUNNER_TEMP", bin)
	}
	if _, err := os.Stat(bin); err != nil {
		t.Fatalf("the install step built no upscan: %v", err)
	}

	// clone makes the checkout actions/checkout makes: depth 1 at rev.
	clone := func(t *testing.T, rev string) string {
		dir := t.TempDir()
		mustExec(t, dir, env, "git", "init", "-q")
		mustExec(t, dir, env, "git", "remote", "add", "origin", url)
		mustExec(t, dir, env, "git", "fetch", "-q", "--no-tags", "--depth=1", "origin", rev)
		mustExec(t, dir, env, "git", "checkout", "-q", "--detach", "FETCH_HEAD")
		if out := mustExec(t, dir, env, "git", "rev-parse", "--is-shallow-repository"); strings.TrimSpace(out) != "true" {
			t.Fatalf("the checkout is not shallow: %s", out)
		}
		return dir
	}
	scan := func(t *testing.T, workspace, event string, payload map[string]any) *actionRunner {
		r := newActionRunner(t, a, env, root, workspace)
		r.eventName, r.event = event, payload
		r.runSteps(t, a, install.outputs["install"])
		return r
	}
	check := func(t *testing.T, r *actionRunner, wantPaths []string, wantScope string) {
		t.Helper()
		if got := r.outputs["scan"]["exit-code"]; got != "1" {
			t.Errorf("exit-code output %q, want 1\n%s", got, r.logs["Scan"])
		}
		if r.codes["Fail on findings"] != 1 {
			t.Errorf("the fail step exited %d, want 1", r.codes["Fail on findings"])
		}
		report, err := os.ReadFile(r.outputs["scan"]["report"])
		if err != nil {
			t.Fatalf("report: %v", err)
		}
		if bytes.Contains(report, []byte(fakeToken[:12])) {
			t.Error("the report contains the token")
		}
		if got := sarifPaths(t, report); !slices.Equal(got, wantPaths) {
			t.Errorf("SARIF findings in %v, want %v\n%s", got, wantPaths, r.logs["Scan"])
		}
		summary, _ := os.ReadFile(r.files["GITHUB_STEP_SUMMARY"])
		for _, want := range append([]string{"### upscan", "Scanned " + wantScope, "UPS101"}, wantPaths...) {
			if !bytes.Contains(summary, []byte(want)) {
				t.Errorf("job summary lacks %q:\n%s", want, summary)
			}
		}
		if slices.Equal(wantPaths, []string{"new.ts"}) && bytes.Contains(summary, []byte("old.ts")) {
			t.Errorf("job summary reports old.ts, which the change did not touch:\n%s", summary)
		}
	}

	t.Run("pull_request", func(t *testing.T) {
		workspace := clone(t, second)
		// What the issue reported: on the default shallow checkout a plain
		// --diff against the base cannot work, and says why.
		out, code := execIn(t, workspace, env, bin, "--no-progress", "--diff", first)
		if code != 2 || !strings.Contains(out, "shallow clone") {
			t.Errorf("upscan --diff BASE on a shallow clone: exit %d, want 2 with the shallow-clone hint:\n%s", code, out)
		}
		r := scan(t, workspace, "pull_request", map[string]any{
			"pull_request": map[string]any{"number": 7, "base": map[string]any{"sha": first}, "head": map[string]any{"sha": second}},
		})
		check(t, r, []string{"new.ts"}, "the lines added since the base commit "+first[:12])
		if !strings.Contains(r.logs["Scan"], "fetching "+first) {
			t.Errorf("the scan step did not fetch the base commit:\n%s", r.logs["Scan"])
		}
	})
	t.Run("push", func(t *testing.T) {
		r := scan(t, clone(t, second), "push", map[string]any{"before": first, "after": second})
		check(t, r, []string{"new.ts"}, "the lines pushed since "+first[:12])
	})
	t.Run("push new branch", func(t *testing.T) {
		r := scan(t, clone(t, second), "push", map[string]any{"before": strings.Repeat("0", 40), "after": second})
		check(t, r, []string{"new.ts", "old.ts"}, "the whole tree")
	})
	t.Run("workflow_dispatch", func(t *testing.T) {
		workspace := clone(t, second)
		r := scan(t, workspace, "workflow_dispatch", map[string]any{})
		check(t, r, []string{"new.ts", "old.ts"}, "the whole tree")
		// The markdown format is the summary itself; text is printed.
		for _, format := range []string{"markdown", "text"} {
			r := newActionRunner(t, a, env, root, workspace)
			r.inputs["format"] = format
			r.runSteps(t, a, install.outputs["install"])
			if got := r.outputs["scan"]["exit-code"]; got != "1" {
				t.Errorf("%s: exit-code output %q, want 1", format, got)
			}
			summary, _ := os.ReadFile(r.files["GITHUB_STEP_SUMMARY"])
			if !bytes.Contains(summary, []byte("UPS101")) || bytes.Count(summary, []byte("### upscan")) != 1 {
				t.Errorf("%s: job summary:\n%s", format, summary)
			}
			if format == "text" && !strings.Contains(r.logs["Scan"], "new.ts") {
				t.Errorf("text: the report is not in the log:\n%s", r.logs["Scan"])
			}
		}
	})
	t.Run("args name the source", func(t *testing.T) {
		// --diff in args wins over the event's choice.
		workspace := clone(t, second)
		mustExec(t, workspace, env, "git", "fetch", "-q", "--depth=1", "origin", first)
		r := newActionRunner(t, a, env, root, workspace)
		r.eventName, r.event = "push", map[string]any{"before": strings.Repeat("0", 40), "after": second}
		r.inputs["args"] = "--diff " + first
		r.runSteps(t, a, install.outputs["install"])
		check(t, r, []string{"new.ts"}, "as the args input says")
	})
}

// fakeRelease writes a release directory laid out as ci/install.sh expects
// (docs/ci.md's naming contract) for this machine: v<version>/ holding
// upscan_<version>_linux_<arch>.tar.gz, whose upscan is a shell script, and
// checksums.txt. The script prints the release version for `upscan version`
// and runs delegate (when not empty) for anything else. It returns the base
// URL (file://) and the archive's name.
func fakeRelease(t *testing.T, env []string, version, delegate string) (string, string) {
	t.Helper()
	arch := map[string]string{"x86_64": "amd64", "amd64": "amd64", "aarch64": "arm64", "arm64": "arm64"}[strings.TrimSpace(mustExec(t, ".", env, "uname", "-m"))]
	if arch == "" || strings.TrimSpace(mustExec(t, ".", env, "uname", "-s")) != "Linux" {
		t.Skip("the fake release is built for linux/amd64 and linux/arm64")
	}
	base := t.TempDir()
	dir := filepath.Join(base, "v"+version)
	src := t.TempDir()
	script := "#!/bin/sh\n"
	if delegate != "" {
		script += "[ \"$1\" = version ] || exec '" + delegate + "' \"$@\"\n"
	}
	script += "echo \"upscan v" + version + " (release)\"\n"
	if err := os.WriteFile(filepath.Join(src, "upscan"), []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	archive := "upscan_" + version + "_linux_" + arch + ".tar.gz"
	mustExec(t, src, env, "tar", "-czf", filepath.Join(dir, archive), "upscan")
	sums := mustExec(t, dir, env, "sha256sum", archive)
	if err := os.WriteFile(filepath.Join(dir, "checksums.txt"), []byte("0000000000000000000000000000000000000000000000000000000000000000  upscan_"+version+"_darwin_arm64.tar.gz\n"+sums), 0o644); err != nil {
		t.Fatal(err)
	}
	return "file://" + filepath.ToSlash(base), archive
}

// TestInstallScript checks ci/install.sh, the release download that the
// Action, the GitLab template and the docs use: it installs the archive
// whose SHA-256 checksums.txt lists, and installs nothing (exit 2, saying
// why) when the archive does not match, is not listed, or the version is not
// a release. The Action's install step uses it when the version input is set.
func TestInstallScript(t *testing.T) {
	env := gitTestEnv(t)
	root := moduleRoot(t)
	script := filepath.Join(root, "ci", "install.sh")
	url, archive := fakeRelease(t, env, "1.2.3", "")
	env = append(env, "UPSCAN_RELEASE_URL="+url)

	dest := filepath.Join(t.TempDir(), "bin")
	out := mustExec(t, ".", env, "sh", script, "v1.2.3", dest)
	if !strings.Contains(out, "SHA-256 verified") {
		t.Errorf("install output: %s", out)
	}
	if got := mustExec(t, ".", env, filepath.Join(dest, "upscan"), "version"); !strings.Contains(got, "v1.2.3 (release)") {
		t.Errorf("installed binary prints %q", got)
	}

	fail := func(name, version, want string) {
		t.Helper()
		dest := filepath.Join(t.TempDir(), "bin")
		out, code := execIn(t, ".", env, "sh", script, version, dest)
		if code != 2 || !strings.Contains(out, want) {
			t.Errorf("%s: exit %d, want 2 with %q:\n%s", name, code, want, out)
		}
		if _, err := os.Stat(filepath.Join(dest, "upscan")); err == nil {
			t.Errorf("%s: upscan was installed", name)
		}
	}
	fail("not a release", "main", "not a release version")
	fail("no such release", "v9.9.9", "could not download")

	// A tampered archive is refused.
	path := filepath.Join(strings.TrimPrefix(url, "file://"), "v1.2.3", archive)
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, append(data, 0), 0o644); err != nil {
		t.Fatal(err)
	}
	fail("tampered archive", "1.2.3", "does not match checksums.txt")

	// An archive checksums.txt does not list is refused.
	sums := filepath.Join(filepath.Dir(path), "checksums.txt")
	if err := os.WriteFile(sums, []byte("0000000000000000000000000000000000000000000000000000000000000000  other.tar.gz\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	fail("unlisted archive", "1.2.3", "is not listed")
}

// TestActionInstallsRelease runs the Action's install step with the version
// input: the release binary, checksum-verified, in RUNNER_TEMP; no go build.
func TestActionInstallsRelease(t *testing.T) {
	a, _ := readAction(t)
	env := gitTestEnv(t)
	url, _ := fakeRelease(t, env, "1.2.3", "")
	// No go on PATH: the release path must not need one.
	env = append(slices.DeleteFunc(env, func(kv string) bool { return strings.HasPrefix(kv, "PATH=") }),
		"UPSCAN_RELEASE_URL="+url, "PATH=/usr/local/bin:/usr/bin:/bin")
	r := newActionRunner(t, a, env, moduleRoot(t), t.TempDir())
	r.inputs["version"] = "v1.2.3"
	for _, s := range a.Runs.Steps {
		if s.ID == "install" {
			r.run(t, s)
		}
	}
	bin := r.outputs["install"]["path"]
	if bin != filepath.Join(r.temp, "upscan-bin", "upscan") {
		t.Fatalf("path output %q", bin)
	}
	if !strings.Contains(r.logs["Install upscan"], "v1.2.3 (release)") || strings.Contains(r.logs["Install upscan"], "building") {
		t.Errorf("install log:\n%s", r.logs["Install upscan"])
	}
}
