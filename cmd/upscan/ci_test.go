package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// The CI integrations at the repository root: the composite GitHub Action,
// the pre-commit hook manifest and the GitLab CI template. These tests lint
// them, and (without -short) run the Action's shell steps and the hooks
// through the real pre-commit.

// moduleRoot is the repository root, two levels above cmd/upscan.
func moduleRoot(t *testing.T) string {
	t.Helper()
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(root, "go.mod")); err != nil {
		t.Fatalf("module root not found: %v", err)
	}
	return root
}

// actionFile is the part of action.yml the lint reads.
type actionFile struct {
	Name        string            `yaml:"name"`
	Description string            `yaml:"description"`
	Author      string            `yaml:"author"`
	Branding    map[string]string `yaml:"branding"`
	Inputs      map[string]struct {
		Description string  `yaml:"description"`
		Required    bool    `yaml:"required"`
		Default     *string `yaml:"default"`
	} `yaml:"inputs"`
	Outputs map[string]struct {
		Description string `yaml:"description"`
		Value       string `yaml:"value"`
	} `yaml:"outputs"`
	Runs struct {
		Using string       `yaml:"using"`
		Steps []actionStep `yaml:"steps"`
	} `yaml:"runs"`
}

type actionStep struct {
	Name  string            `yaml:"name"`
	ID    string            `yaml:"id"`
	If    string            `yaml:"if"`
	Uses  string            `yaml:"uses"`
	Run   string            `yaml:"run"`
	Shell string            `yaml:"shell"`
	Env   map[string]string `yaml:"env"`
	With  map[string]string `yaml:"with"`
}

func readAction(t *testing.T) (actionFile, string) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(moduleRoot(t), "action.yml"))
	if err != nil {
		t.Fatal(err)
	}
	var a actionFile
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&a); err != nil {
		t.Fatalf("action.yml: %v", err)
	}
	return a, string(data)
}

var (
	exprRE      = regexp.MustCompile(`\$\{\{\s*(.*?)\s*\}\}`)
	inputRefRE  = regexp.MustCompile(`\binputs\.([A-Za-z0-9_-]+)`)
	stepRefRE   = regexp.MustCompile(`\bsteps\.([A-Za-z0-9_-]+)\.outputs\.([A-Za-z0-9_-]+)`)
	pinnedUses  = regexp.MustCompile(`^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+(/[A-Za-z0-9_./-]+)?@(v\d+|[0-9a-f]{40})$`)
	outputSetRE = regexp.MustCompile(`echo "([A-Za-z0-9_-]+)=[^"]*" >> "\$GITHUB_OUTPUT"`)
)

// TestActionLint checks action.yml: a composite action whose steps are all
// named, whose run steps set a shell and pass inputs through env (never
// expanded into the script), whose expressions name declared inputs and
// earlier steps' outputs, and whose actions are pinned to a major version.
func TestActionLint(t *testing.T) {
	a, raw := readAction(t)
	if a.Name == "" || a.Description == "" {
		t.Error("action.yml needs name and description")
	}
	if a.Runs.Using != "composite" {
		t.Errorf("runs.using = %q, want composite", a.Runs.Using)
	}
	for _, want := range []string{"path", "format", "fail-on", "args", "version"} {
		if _, ok := a.Inputs[want]; !ok {
			t.Errorf("input %q missing", want)
		}
	}
	for name, in := range a.Inputs {
		if in.Description == "" || in.Default == nil || in.Required {
			t.Errorf("input %q: want a description, a default and required: false", name)
		}
	}
	// Every inputs.X anywhere in the file is declared.
	for _, m := range exprRE.FindAllStringSubmatch(raw, -1) {
		for _, in := range inputRefRE.FindAllStringSubmatch(m[1], -1) {
			if _, ok := a.Inputs[in[1]]; !ok {
				t.Errorf("expression %q names undeclared input %q", m[0], in[1])
			}
		}
	}
	outputsOf := map[string][]string{}
	checkStepRefs := func(where, s string) {
		for _, ref := range stepRefRE.FindAllStringSubmatch(s, -1) {
			outs, ok := outputsOf[ref[1]]
			if !ok {
				t.Errorf("%s refers to step %q, which is not an earlier step", where, ref[1])
			} else if !slices.Contains(outs, ref[2]) {
				t.Errorf("%s refers to output %q of step %q, which it never sets", where, ref[2], ref[1])
			}
		}
	}
	var uploads int
	for i, s := range a.Runs.Steps {
		where := "step " + s.Name
		if s.Name == "" {
			t.Errorf("step %d has no name", i)
		}
		if (s.Uses == "") == (s.Run == "") {
			t.Errorf("%s: want exactly one of uses and run", where)
		}
		checkStepRefs(where+" (if)", s.If)
		for k, v := range s.Env {
			checkStepRefs(where+" env "+k, v)
		}
		for k, v := range s.With {
			checkStepRefs(where+" with "+k, v)
		}
		if s.Uses != "" {
			if !pinnedUses.MatchString(s.Uses) {
				t.Errorf("%s: uses %q is not pinned to a major version or a commit", where, s.Uses)
			}
			if strings.HasPrefix(s.Uses, "github/codeql-action/upload-sarif@") {
				uploads++
				if s.Uses != "github/codeql-action/upload-sarif@v3" {
					t.Errorf("%s: uses %q, want github/codeql-action/upload-sarif@v3", where, s.Uses)
				}
				if !strings.HasPrefix(s.If, "always()") {
					t.Errorf("%s: if %q, want always() so the report is uploaded when findings fail the scan", where, s.If)
				}
			}
			continue
		}
		if s.Shell != "bash" {
			t.Errorf("%s: shell %q, want bash (composite run steps must set one)", where, s.Shell)
		}
		if exprRE.MatchString(s.Run) {
			t.Errorf("%s: the script expands ${{ }} itself; pass values through env (script injection)", where)
		}
		script := s.Run
		cmd := exec.Command("bash", "-n")
		cmd.Stdin = strings.NewReader(script)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Errorf("%s: bash -n: %v\n%s", where, err, out)
		}
		if s.ID != "" {
			for _, m := range outputSetRE.FindAllStringSubmatch(script, -1) {
				outputsOf[s.ID] = append(outputsOf[s.ID], m[1])
			}
		}
		if s.ID != "" {
			if _, ok := outputsOf[s.ID]; !ok {
				outputsOf[s.ID] = nil
			}
		}
	}
	if uploads != 1 {
		t.Errorf("%d upload-sarif steps, want 1", uploads)
	}
	for name, o := range a.Outputs {
		checkStepRefs("output "+name, o.Value)
	}
}

// TestGitLabTemplate checks ci/gitlab/upscan.gitlab-ci.yml: one job that
// writes the gitlab format to the file it declares as its secret_detection
// report, uploaded even when the job fails.
func TestGitLabTemplate(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(moduleRoot(t), "ci", "gitlab", "upscan.gitlab-ci.yml"))
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Variables map[string]string `yaml:"variables"`
		Upscan    struct {
			Stage     string            `yaml:"stage"`
			Image     string            `yaml:"image"`
			Variables map[string]string `yaml:"variables"`
			Script    []string          `yaml:"script"`
			Artifacts struct {
				When    string   `yaml:"when"`
				Paths   []string `yaml:"paths"`
				Reports struct {
					SecretDetection string `yaml:"secret_detection"`
				} `yaml:"reports"`
			} `yaml:"artifacts"`
			Rules []map[string]string `yaml:"rules"`
		} `yaml:"upscan"`
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&doc); err != nil {
		t.Fatalf("upscan.gitlab-ci.yml: %v", err)
	}
	job := doc.Upscan
	const report = "gl-secret-detection-report.json"
	if job.Artifacts.Reports.SecretDetection != report || job.Artifacts.When != "always" {
		t.Errorf("artifacts: reports.secret_detection %q when %q; want %s, always", job.Artifacts.Reports.SecretDetection, job.Artifacts.When, report)
	}
	script := strings.Join(job.Script, "\n")
	for _, want := range []string{"--format gitlab", "--output " + report, "UPSCAN_VERSION", "--fail-on"} {
		if !strings.Contains(script, want) {
			t.Errorf("script lacks %q", want)
		}
	}
	if strings.Contains(script, "@latest") {
		t.Error("script installs @latest; pin UPSCAN_VERSION")
	}
	for _, k := range []string{"UPSCAN_VERSION", "UPSCAN_FAIL_ON", "UPSCAN_ARGS"} {
		if _, ok := doc.Variables[k]; !ok {
			t.Errorf("variable %s not declared", k)
		}
	}
	if job.Image == "" || job.Stage == "" || len(job.Rules) == 0 {
		t.Errorf("job needs image, stage and rules: %q %q %d", job.Image, job.Stage, len(job.Rules))
	}
	cmd := exec.Command("sh", "-n")
	cmd.Stdin = strings.NewReader(script)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Errorf("script: sh -n: %v\n%s", err, out)
	}
}

// hookManifest is one entry of .pre-commit-hooks.yaml.
type hookManifest struct {
	ID             string   `yaml:"id"`
	Name           string   `yaml:"name"`
	Description    string   `yaml:"description"`
	Entry          string   `yaml:"entry"`
	Language       string   `yaml:"language"`
	PassFilenames  *bool    `yaml:"pass_filenames"`
	RequireSerial  bool     `yaml:"require_serial"`
	Types          []string `yaml:"types"`
	MinPreCommitVs string   `yaml:"minimum_pre_commit_version"`
}

// TestPreCommitManifest checks .pre-commit-hooks.yaml: the two hooks, built
// by pre-commit from this repository (language golang).
func TestPreCommitManifest(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(moduleRoot(t), ".pre-commit-hooks.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var hooks []hookManifest
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&hooks); err != nil {
		t.Fatalf(".pre-commit-hooks.yaml: %v", err)
	}
	byID := map[string]hookManifest{}
	for _, h := range hooks {
		byID[h.ID] = h
		if h.Language != "golang" || h.Name == "" || h.Description == "" {
			t.Errorf("hook %s: language %q name %q; want golang and a name and description", h.ID, h.Language, h.Name)
		}
		if !strings.HasPrefix(h.Entry, "upscan ") || !strings.Contains(h.Entry, "--no-progress") {
			t.Errorf("hook %s: entry %q", h.ID, h.Entry)
		}
	}
	if h, ok := byID["upscan-staged"]; !ok || h.Entry != "upscan --staged --no-progress" || h.PassFilenames == nil || *h.PassFilenames {
		t.Errorf("upscan-staged: %+v; want entry upscan --staged --no-progress and pass_filenames: false", h)
	}
	if h, ok := byID["upscan"]; !ok || h.Entry != "upscan --no-progress" || (h.PassFilenames != nil && !*h.PassFilenames) || !slices.Equal(h.Types, []string{"text"}) {
		t.Errorf("upscan: %+v; want entry upscan --no-progress, file names passed, types [text]", h)
	}
	if len(hooks) != 2 {
		t.Errorf("%d hooks, want 2", len(hooks))
	}
	// The configuration `upscan init --pre-commit` writes names a hook that exists.
	var cfg struct {
		Repos []struct {
			Repo  string `yaml:"repo"`
			Rev   string `yaml:"rev"`
			Hooks []struct {
				ID string `yaml:"id"`
			} `yaml:"hooks"`
		} `yaml:"repos"`
	}
	for _, v := range []string{"v1.2.3", "(devel) 0123456789ab"} {
		if err := yaml.Unmarshal([]byte(preCommitConfig(v)), &cfg); err != nil {
			t.Fatalf("init's pre-commit config: %v", err)
		}
		if len(cfg.Repos) != 1 || cfg.Repos[0].Repo != hookRepo || len(cfg.Repos[0].Hooks) != 1 {
			t.Fatalf("init's pre-commit config: %+v", cfg)
		}
		if _, ok := byID[cfg.Repos[0].Hooks[0].ID]; !ok {
			t.Errorf("init's pre-commit config uses hook %q, which the manifest lacks", cfg.Repos[0].Hooks[0].ID)
		}
		want := map[string]string{"v1.2.3": "v1.2.3", "(devel) 0123456789ab": "main"}[v]
		if cfg.Repos[0].Rev != want {
			t.Errorf("version %q: rev %q, want %q", v, cfg.Repos[0].Rev, want)
		}
	}
}

// TestStarterConfigLoads: the .upscan.toml init writes is valid.
func TestStarterConfigLoads(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, ".upscan.toml")
	if err := os.WriteFile(p, []byte(starterConfig), 0o644); err != nil {
		t.Fatal(err)
	}
	s := &scanFlags{configPath: p}
	if _, err := s.resolve([]string{dir}); err != nil {
		t.Fatalf("starter configuration: %v", err)
	}
}

// gitTestEnv returns an environment in which git ignores the machine's
// configuration and commits with a fixed identity.
func gitTestEnv(t *testing.T) []string {
	t.Helper()
	cfg := filepath.Join(t.TempDir(), "gitconfig") // not /dev/null: a shared machine may have replaced it
	if err := os.WriteFile(cfg, []byte("[init]\n\tdefaultBranch = main\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	env := slices.DeleteFunc(os.Environ(), func(kv string) bool {
		return strings.HasPrefix(kv, "GIT_DIR=") || strings.HasPrefix(kv, "GIT_INDEX_FILE=") || strings.HasPrefix(kv, "GIT_WORK_TREE=")
	})
	return append(env, "GIT_CONFIG_GLOBAL="+cfg, "GIT_CONFIG_NOSYSTEM=1",
		"GIT_AUTHOR_NAME=upscan test", "GIT_AUTHOR_EMAIL=test@example.com",
		"GIT_COMMITTER_NAME=upscan test", "GIT_COMMITTER_EMAIL=test@example.com", "NO_COLOR=1")
}

// execIn runs a command in dir with env and returns its combined output and
// exit code; it fails the test when the command cannot start.
func execIn(t *testing.T, dir string, env []string, name string, args ...string) (string, int) {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Dir, cmd.Env = dir, env
	out, err := cmd.CombinedOutput()
	if err != nil {
		var ee *exec.ExitError
		if !errors.As(err, &ee) {
			t.Fatalf("%s %s: %v", name, strings.Join(args, " "), err)
		}
		return string(out), ee.ExitCode()
	}
	return string(out), 0
}

// mustExec is execIn that fails the test on a non-zero exit.
func mustExec(t *testing.T, dir string, env []string, name string, args ...string) string {
	t.Helper()
	out, code := execIn(t, dir, env, name, args...)
	if code != 0 {
		t.Fatalf("%s %s: exit %d\n%s", name, strings.Join(args, " "), code, out)
	}
	return out
}

// Fake credentials built to UPSTASH.md §1.2's documented sample layout.
const (
	fakeToken     = "ATA5AAIncDFkZWFkYmVlZmNhZmVmMDBkMGJhZGMwZGUxMjM0NTY3OHAxMTIzNDU"
	tokenSource   = "import { Redis } from \"@upstash/redis\";\nexport const redis = new Redis({\n  url: \"https://fake-otter-12345.upstash.io\",\n  token: \"" + fakeToken + "\",\n});\n"
	placeholderEn = "UPSTASH_REDIS_REST_URL=\"https://your-database.upstash.io\"\nUPSTASH_REDIS_REST_TOKEN=\"your_token_here\"\n"
)

// copyModule builds a throwaway git repository holding this module as the
// work tree has it (tracked and untracked, not ignored files, uncommitted
// edits included), committed, so pre-commit can clone it.
func copyModule(t *testing.T, env []string) string {
	t.Helper()
	root := moduleRoot(t)
	out, code := execIn(t, root, env, "git", "ls-files", "-z", "--cached", "--others", "--exclude-standard")
	if code != 0 {
		if os.Getenv("CI") == "true" {
			t.Fatalf("git ls-files in %s: %s", root, out)
		}
		t.Skipf("%s is not a git work tree: %s", root, out)
	}
	dst := t.TempDir()
	for _, rel := range strings.Split(out, "\x00") {
		if rel == "" {
			continue
		}
		src := filepath.Join(root, filepath.FromSlash(rel))
		fi, err := os.Lstat(src)
		if err != nil || !fi.Mode().IsRegular() {
			continue // deleted in the work tree, or a symlink
		}
		data, err := os.ReadFile(src)
		if err != nil {
			t.Fatal(err)
		}
		target := filepath.Join(dst, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(target, data, fi.Mode().Perm()); err != nil {
			t.Fatal(err)
		}
	}
	mustExec(t, dst, env, "git", "init", "-q")
	mustExec(t, dst, env, "git", "add", "-A")
	mustExec(t, dst, env, "git", "commit", "-q", "-m", "upscan under test")
	return dst
}

// TestPreCommitHooks runs both hooks of .pre-commit-hooks.yaml through the
// real pre-commit (pre-commit run), configured the way a user configures
// them: .pre-commit-config.yaml names a copy of this repository at its
// commit, which pre-commit clones and builds (go install ./...) once into its
// store for both checks. A staged token blocks the commit (exit 1) without
// the token appearing in the output; a placeholder passes. It needs
// pre-commit (Debian: apt-get install -y pre-commit) and is skipped without
// it, except under CI=true, and with -short (pre-commit builds every command
// of the module).
func TestPreCommitHooks(t *testing.T) {
	requireParsers(t)
	if testing.Short() {
		t.Skip("builds upscan through pre-commit; skipped with -short")
	}
	if _, err := exec.LookPath("pre-commit"); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("pre-commit not installed (apt-get install -y pre-commit)")
		}
		t.Skip("pre-commit not installed (apt-get install -y pre-commit)")
	}
	env := gitTestEnv(t)
	modcache := strings.TrimSpace(mustExec(t, ".", env, "go", "env", "GOMODCACHE"))
	// pre-commit's own cache in a temporary directory; the module cache
	// shared (pre-commit would otherwise download every module again into
	// its GOPATH); no toolchain download; -trimpath, so that go install in
	// pre-commit's clone (a new directory each run) finds the packages the
	// shared binary's build compiled in the build cache.
	upscanBinary(t)
	env = append(env, "PRE_COMMIT_HOME="+t.TempDir(), "GOMODCACHE="+modcache, "GOTOOLCHAIN=local",
		"GOFLAGS="+trimpathGoFlags(t, env))
	upscanRepo := copyModule(t, env)
	rev := strings.TrimSpace(mustExec(t, upscanRepo, env, "git", "rev-parse", "HEAD"))
	config := "repos:\n  - repo: " + upscanRepo + "\n    rev: " + rev + "\n    hooks:\n      - id: upscan-staged\n      - id: upscan\n"

	check := func(name, file, content string, wantCode int) string {
		t.Helper()
		repo := t.TempDir()
		mustExec(t, repo, env, "git", "init", "-q")
		for f, c := range map[string]string{file: content, ".pre-commit-config.yaml": config} {
			if err := os.WriteFile(filepath.Join(repo, f), []byte(c), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		mustExec(t, repo, env, "git", "add", file, ".pre-commit-config.yaml")
		out, code := execIn(t, repo, env, "pre-commit", "run", "--verbose")
		if code != wantCode {
			t.Fatalf("%s: pre-commit run exit %d, want %d\n%s", name, code, wantCode, out)
		}
		if strings.Contains(out, fakeToken[:12]) {
			t.Fatalf("%s: the pre-commit output contains the token beyond its 4-character prefix", name)
		}
		t.Logf("%s: pre-commit run exit %d:\n%s", name, code, out)
		return out
	}
	out := check("staged token", "redis.ts", tokenSource, 1)
	for _, want := range []string{"upscan (staged)", "upscan", "Failed", "UPS101", "redis.ts"} {
		if !strings.Contains(out, want) {
			t.Errorf("staged token: output lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "Passed") {
		t.Errorf("staged token: a hook passed:\n%s", out)
	}
	out = check("placeholder", ".env.example", placeholderEn, 0)
	if strings.Count(out, "Passed") != 2 {
		t.Errorf("placeholder: want both hooks to pass:\n%s", out)
	}
}

// actionRunner runs the Action's shell steps the way a runner would: each
// step gets RUNNER_TEMP, the GITHUB_* command files, PATH (with what earlier
// steps added to GITHUB_PATH) and its env with ${{ }} expressions evaluated
// against the inputs and earlier steps' outputs.
type actionRunner struct {
	env       []string // gitTestEnv
	root      string   // github.action_path
	workspace string   // the checkout being scanned; the steps' working directory
	temp      string   // RUNNER_TEMP
	files     map[string]string
	inputs    map[string]string
	outputs   map[string]map[string]string
	path      string
	codes     map[string]int // exit code by step name
}

func newActionRunner(t *testing.T, a actionFile, env []string, root, workspace string) *actionRunner {
	t.Helper()
	r := &actionRunner{env: env, root: root, workspace: workspace, temp: t.TempDir(),
		files: map[string]string{}, inputs: map[string]string{}, outputs: map[string]map[string]string{},
		path: os.Getenv("PATH"), codes: map[string]int{}}
	for _, k := range []string{"GITHUB_OUTPUT", "GITHUB_PATH", "GITHUB_STEP_SUMMARY"} {
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

// eval replaces the ${{ }} expressions in s.
func (r *actionRunner) eval(t *testing.T, s string) string {
	t.Helper()
	return exprRE.ReplaceAllStringFunc(s, func(e string) string {
		expr := exprRE.FindStringSubmatch(e)[1]
		switch {
		case expr == "github.action_path":
			return r.root
		case strings.HasPrefix(expr, "inputs."):
			return r.inputs[strings.TrimPrefix(expr, "inputs.")]
		case stepRefRE.MatchString(expr):
			m := stepRefRE.FindStringSubmatch(expr)
			return r.outputs[m[1]][m[2]]
		}
		t.Fatalf("unsupported expression %s", e)
		return ""
	})
}

// run runs one run step and records its exit code and outputs; a step
// other than "Fail on findings" must succeed, and none may print the token.
func (r *actionRunner) run(t *testing.T, s actionStep) {
	t.Helper()
	stepEnv := append(slices.Clone(r.env), "RUNNER_TEMP="+r.temp, "PATH="+r.path)
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
	r.codes[s.Name] = code
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
	if p, _ := os.ReadFile(r.files["GITHUB_PATH"]); len(p) > 0 {
		r.path = strings.TrimSpace(string(p)) + string(os.PathListSeparator) + os.Getenv("PATH")
	}
}

// installStep is the name of the Action's step that builds upscan.
const installStep = "Install upscan"

// TestActionSteps runs the Action's shell steps the way the runner would
// (install from the action's checkout, scan, fail per the exit code) in a
// repository with a fake token: the SARIF report is written and valid JSON
// without the secret, the exit-code output is 1 and the final step fails.
// The install step runs once, its go build -trimpath finding the shared
// binary's packages in the build cache, and every format's run uses the
// upscan it put on GITHUB_PATH. The upload step (a JavaScript action) is not
// run. Skipped with -short.
func TestActionSteps(t *testing.T) {
	requireParsers(t)
	if testing.Short() {
		t.Skip("builds upscan; skipped with -short")
	}
	upscanBinary(t) // fills the build cache the install step's go build uses
	a, _ := readAction(t)
	env := gitTestEnv(t)
	root := moduleRoot(t)
	workspace := t.TempDir()
	mustExec(t, workspace, env, "git", "init", "-q")
	if err := os.WriteFile(filepath.Join(workspace, "redis.ts"), []byte(tokenSource), 0o644); err != nil {
		t.Fatal(err)
	}
	mustExec(t, workspace, env, "git", "add", ".")
	mustExec(t, workspace, env, "git", "commit", "-q", "-m", "leak")

	install := newActionRunner(t, a, env, root, workspace)
	var installed bool
	for _, s := range a.Runs.Steps {
		if s.Name == installStep {
			install.run(t, s)
			installed = true
		}
	}
	if !installed {
		t.Fatalf("action.yml has no step %q", installStep)
	}
	if _, err := os.Stat(filepath.Join(install.temp, "upscan-bin", "upscan")); err != nil {
		t.Fatalf("the install step built no upscan: %v", err)
	}

	for _, format := range []string{"sarif", "markdown"} {
		t.Run(format, func(t *testing.T) {
			r := newActionRunner(t, a, env, root, workspace)
			r.inputs["format"] = format
			r.path = install.path // the install step's GITHUB_PATH
			for _, s := range a.Runs.Steps {
				if s.Run != "" && s.Name != installStep {
					r.run(t, s)
				}
			}
			if got := r.outputs["scan"]["exit-code"]; got != "1" {
				t.Errorf("exit-code output %q, want 1", got)
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
			switch format {
			case "sarif":
				var log struct {
					Runs []struct {
						Results []json.RawMessage `json:"results"`
					} `json:"runs"`
				}
				if err := json.Unmarshal(report, &log); err != nil || len(log.Runs) != 1 || len(log.Runs[0].Results) == 0 {
					t.Errorf("SARIF report: %v, %d runs; want one run with results", err, len(log.Runs))
				}
			case "markdown":
				summary, _ := os.ReadFile(r.files["GITHUB_STEP_SUMMARY"])
				if !bytes.Contains(summary, []byte("UPS101")) {
					t.Errorf("job summary lacks the finding:\n%s", summary)
				}
			}
		})
	}
}
