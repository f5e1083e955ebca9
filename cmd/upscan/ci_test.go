package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
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
	pinnedUses  = regexp.MustCompile(`^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+(/[A-Za-z0-9_./-]+)?@[0-9a-f]{40}$`)
	outputSetRE = regexp.MustCompile(`echo "([A-Za-z0-9_-]+)=[^"]*" >> "\$GITHUB_OUTPUT"`)
	// actionScriptRE matches a run step calling one of the action's scripts.
	actionScriptRE = regexp.MustCompile(`bash "\$GITHUB_ACTION_PATH/([A-Za-z0-9_./-]+\.sh)"`)
)

// uploadSARIF is the upload-sarif action the Action uses: v4 (v3 is
// deprecated), pinned by commit SHA like every action it uses. The SHA is
// the v4.31.9 release commit of github/codeql-action.
const uploadSARIF = "github/codeql-action/upload-sarif@5d4e8d1aca955e8d8589aabd499c5cae939e33c7"

// TestActionLint checks action.yml: a composite action whose steps are all
// named, whose run steps set a shell and pass inputs through env (never
// expanded into the script), whose expressions name declared inputs and
// earlier steps' outputs, and whose actions are pinned by commit SHA with
// the version in a comment. actionlint (make lint) checks the rest.
func TestActionLint(t *testing.T) {
	a, raw := readAction(t)
	if a.Name == "" || a.Description == "" {
		t.Error("action.yml needs name and description")
	}
	if a.Runs.Using != "composite" {
		t.Errorf("runs.using = %q, want composite", a.Runs.Using)
	}
	for _, want := range []string{"path", "format", "fail-on", "args", "version", "category"} {
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
			if !pinnedUses.MatchString(s.Uses) || !regexp.MustCompile(`uses: `+regexp.QuoteMeta(s.Uses)+` # v\d+`).MatchString(raw) {
				t.Errorf("%s: uses %q is not pinned to a commit SHA followed by a # vN comment", where, s.Uses)
			}
			if strings.HasPrefix(s.Uses, "github/codeql-action/upload-sarif@") {
				uploads++
				if s.Uses != uploadSARIF || !strings.Contains(raw, uploadSARIF+" # v4.") {
					t.Errorf("%s: uses %q, want %s # v4.x", where, s.Uses, uploadSARIF)
				}
				if s.With["category"] != "${{ inputs.category }}" {
					t.Errorf("%s: category %q, want the category input", where, s.With["category"])
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
		if strings.Contains(s.Run, "GITHUB_PATH") || strings.Contains(s.Run, "GITHUB_ENV") {
			t.Errorf("%s: writes GITHUB_PATH or GITHUB_ENV, changing the caller's later steps", where)
		}
		script := s.Run
		cmd := exec.Command("bash", "-n")
		cmd.Stdin = strings.NewReader(script)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Errorf("%s: bash -n: %v\n%s", where, err, out)
		}
		// A step that runs a script of the action's own (bash
		// "$GITHUB_ACTION_PATH/ci/github/run.sh") sets what that script sets.
		for _, m := range actionScriptRE.FindAllStringSubmatch(script, -1) {
			data, err := os.ReadFile(filepath.Join(moduleRoot(t), filepath.FromSlash(m[1])))
			if err != nil {
				t.Errorf("%s: %v", where, err)
				continue
			}
			script += "\n" + string(data)
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

// gitlabTemplate is the part of ci/gitlab/upscan.gitlab-ci.yml the tests read.
type gitlabTemplate struct {
	Variables map[string]string `yaml:"variables"`
	Upscan    struct {
		Stage     string            `yaml:"stage"`
		Image     string            `yaml:"image"`
		Variables map[string]string `yaml:"variables"`
		Cache     struct {
			Key   string   `yaml:"key"`
			Paths []string `yaml:"paths"`
		} `yaml:"cache"`
		Script    []string `yaml:"script"`
		Artifacts struct {
			When    string   `yaml:"when"`
			Paths   []string `yaml:"paths"`
			Reports struct {
				SecretDetection string `yaml:"secret_detection"`
				SAST            string `yaml:"sast"`
			} `yaml:"reports"`
		} `yaml:"artifacts"`
		Rules []map[string]string `yaml:"rules"`
	} `yaml:"upscan"`
}

func readGitLabTemplate(t *testing.T) gitlabTemplate {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(moduleRoot(t), "ci", "gitlab", "upscan.gitlab-ci.yml"))
	if err != nil {
		t.Fatal(err)
	}
	var doc gitlabTemplate
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&doc); err != nil {
		t.Fatalf("upscan.gitlab-ci.yml: %v", err)
	}
	return doc
}

// The report files of the GitLab template.
const (
	gitlabSecretReport = "gl-secret-detection-report.json"
	gitlabSASTReport   = "gl-sast-report.json"
)

// TestGitLabTemplate checks ci/gitlab/upscan.gitlab-ci.yml: one job that
// writes the gitlab format to the file it declares as its secret_detection
// report and the gitlab-sast format to its sast report, both uploaded even
// when the job fails, and caches the installed binary by version.
func TestGitLabTemplate(t *testing.T) {
	doc := readGitLabTemplate(t)
	job := doc.Upscan
	if job.Artifacts.Reports.SecretDetection != gitlabSecretReport || job.Artifacts.Reports.SAST != gitlabSASTReport || job.Artifacts.When != "always" {
		t.Errorf("artifacts: reports %+v when %q; want secret_detection %s, sast %s, always", job.Artifacts.Reports, job.Artifacts.When, gitlabSecretReport, gitlabSASTReport)
	}
	if !strings.Contains(job.Cache.Key, "$UPSCAN_VERSION") || !slices.Equal(job.Cache.Paths, []string{".upscan-cache/"}) {
		t.Errorf("cache %+v; want the binary's directory keyed by $UPSCAN_VERSION", job.Cache)
	}
	script := strings.Join(job.Script, "\n")
	for _, want := range []string{"--format gitlab --output " + gitlabSecretReport, "--format gitlab-sast --output " + gitlabSASTReport,
		"UPSCAN_VERSION", "--fail-on", "install.sh", ".upscan-cache"} {
		if !strings.Contains(script, want) {
			t.Errorf("script lacks %q", want)
		}
	}
	if strings.Contains(script, "@latest") {
		t.Error("script installs @latest; pin UPSCAN_VERSION")
	}
	for _, k := range []string{"UPSCAN_VERSION", "UPSCAN_INSTALL", "UPSCAN_FAIL_ON", "UPSCAN_ARGS"} {
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

// TestGitLabTemplateRuns runs the template's script as a GitLab runner
// would (sh -e, the job's variables in the environment) in a two-commit
// repository, with a fake upscan release that runs the shared binary: the
// first job downloads and verifies the release into the cache directory,
// the second takes it from there. A branch pipeline reports the credentials
// of both commits in the secret detection report and the plaintext URL in
// the SAST report; a merge request pipeline only what the second commit
// added. Both jobs fail (exit 1) with both reports written.
func TestGitLabTemplateRuns(t *testing.T) {
	if testing.Short() {
		t.Skip("builds upscan; skipped with -short")
	}
	bin := upscanBinary(t)
	env := gitTestEnv(t)
	doc := readGitLabTemplate(t)
	url, _ := fakeRelease(t, env, "1.2.3", bin)
	root := moduleRoot(t)

	repo := t.TempDir()
	mustExec(t, repo, env, "git", "init", "-q")
	commit := func(files map[string]string) string {
		for name, content := range files {
			if err := os.WriteFile(filepath.Join(repo, name), []byte(content), 0o644); err != nil {
				t.Fatal(err)
			}
			mustExec(t, repo, env, "git", "add", name)
		}
		mustExec(t, repo, env, "git", "commit", "-q", "-m", "change")
		return strings.TrimSpace(mustExec(t, repo, env, "git", "rev-parse", "HEAD"))
	}
	base := commit(map[string]string{"old.ts": tokenSource})
	commit(map[string]string{"new.ts": tokenSource,
		"plain.ts": "import Redis from \"ioredis\";\nexport const client = new Redis(\"redis://fake-otter-12345.upstash.io:6379\");\n"})

	jobEnv := append(slices.Clone(env), "UPSCAN_RELEASE_URL="+url, "UPSCAN_INSTALL_SCRIPT=file://"+filepath.ToSlash(filepath.Join(root, "ci", "install.sh")))
	for k, v := range doc.Variables {
		if k == "UPSCAN_VERSION" {
			v = "v1.2.3"
		}
		jobEnv = append(jobEnv, k+"="+v)
	}
	script := strings.Join(doc.Upscan.Script, "\n")
	// reportRules returns the rule and file of each vulnerability in a report.
	reportRules := func(name, wantType string) []string {
		t.Helper()
		data, err := os.ReadFile(filepath.Join(repo, name))
		if err != nil {
			t.Fatal(err)
		}
		var r struct {
			Scan struct {
				Type     string
				Messages []struct{ Value string }
			}
			Vulnerabilities []struct {
				Identifiers []struct{ Value string }
				Location    struct{ File string }
			}
		}
		if err := json.Unmarshal(data, &r); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if r.Scan.Type != wantType {
			t.Errorf("%s: scan.type %q, want %s", name, r.Scan.Type, wantType)
		}
		for _, m := range r.Scan.Messages {
			if strings.Contains(m.Value, ".upscan-cache") {
				t.Errorf("%s: the scan saw the cache directory: %s", name, m.Value)
			}
		}
		var got []string
		for _, v := range r.Vulnerabilities {
			got = append(got, v.Identifiers[0].Value+" "+v.Location.File)
		}
		slices.Sort(got)
		return got
	}
	for _, tc := range []struct {
		name, mrBase, wantLog string
		secrets, sast         []string
	}{
		{"branch pipeline", "", "SHA-256 verified", []string{"UPS101 new.ts", "UPS101 old.ts"}, []string{"UPS301 plain.ts"}},
		{"merge request pipeline", base, "from the cache", []string{"UPS101 new.ts"}, []string{"UPS301 plain.ts"}},
	} {
		out, code := execIn(t, repo, append(slices.Clone(jobEnv), "CI_MERGE_REQUEST_DIFF_BASE_SHA="+tc.mrBase), "sh", "-e", "-c", script)
		if code != 1 || !strings.Contains(out, tc.wantLog) {
			t.Fatalf("%s: exit %d, want 1 with %q in the log:\n%s", tc.name, code, tc.wantLog, out)
		}
		if strings.Contains(out, fakeToken[:12]) {
			t.Errorf("%s: the job log contains the token", tc.name)
		}
		if got := reportRules(gitlabSecretReport, "secret_detection"); !slices.Equal(got, tc.secrets) {
			t.Errorf("%s: secret detection report %v, want %v", tc.name, got, tc.secrets)
		}
		if got := reportRules(gitlabSASTReport, "sast"); !slices.Equal(got, tc.sast) {
			t.Errorf("%s: SAST report %v, want %v", tc.name, got, tc.sast)
		}
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

// TestPreCommitManifest checks .pre-commit-hooks.yaml: the staged and the
// file-name hook, each built by pre-commit from this repository (language
// golang) and with the upscan on PATH (language system), all serial.
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
		if h.Name == "" || h.Description == "" {
			t.Errorf("hook %s: want a name and a description", h.ID)
		}
		if !strings.HasPrefix(h.Entry, "upscan ") || !strings.Contains(h.Entry, "--no-progress") {
			t.Errorf("hook %s: entry %q", h.ID, h.Entry)
		}
		// pre-commit would run file-name batches in parallel otherwise.
		if !h.RequireSerial {
			t.Errorf("hook %s: want require_serial: true", h.ID)
		}
	}
	// Each hook, built by pre-commit (golang) and from the upscan on PATH
	// (system).
	for id, want := range map[string]struct {
		language, entry string
		files           bool
	}{
		"upscan-staged":        {"golang", "upscan --staged --no-progress", false},
		"upscan":               {"golang", "upscan --no-progress --project .", true},
		"upscan-staged-system": {"system", "upscan --staged --no-progress", false},
		"upscan-system":        {"system", "upscan --no-progress --project .", true},
	} {
		h, ok := byID[id]
		passes := h.PassFilenames == nil || *h.PassFilenames
		if !ok || h.Language != want.language || h.Entry != want.entry || passes != want.files {
			t.Errorf("%s: %+v; want language %s, entry %q, file names passed %v", id, h, want.language, want.entry, want.files)
		}
		if want.files && !slices.Equal(h.Types, []string{"text"}) {
			t.Errorf("%s: types %v, want [text]", id, h.Types)
		}
	}
	if len(hooks) != 4 {
		t.Errorf("%d hooks, want 4", len(hooks))
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
		want := map[string]string{"v1.2.3": "v1.2.3", "(devel) 0123456789ab": placeholderRev}[v]
		if cfg.Repos[0].Rev != want {
			t.Errorf("version %q: rev %q, want %q", v, cfg.Repos[0].Rev, want)
		}
	}
}

// TestReleaseRev checks which versions `upscan init --pre-commit` pins the
// hook to: release tags only, never a branch, a pseudo-version or a commit.
func TestReleaseRev(t *testing.T) {
	for v, want := range map[string]string{
		"v1.2.3":                               "v1.2.3",
		"1.2.3":                                "v1.2.3", // GoReleaser's {{.Version}}
		"v1.2.3-rc.1":                          "v1.2.3-rc.1",
		"v0.0.0-20251201123456-abcdef123456":   "", // go install @main
		"v1.2.4-0.20251201123456-abcdef123456": "", // go install @commit after v1.2.3
		"v1.2.3-4-gabcdef0":                    "", // git describe, 4 commits after the tag
		"v1.2.3-dirty":                         "", // git describe --dirty: edits after the tag
		"v1.2.3-4-gabcdef0-dirty":              "",
		"v1.2.3+build.5":                       "",
		"(devel)":                              "",
		"(devel) 0123456789ab":                 "",
		"v1.2.3 0123456789ab":                  "",
		"main":                                 "",
		"":                                     "",
	} {
		got, ok := releaseRev(v)
		if got != want || ok != (want != "") {
			t.Errorf("releaseRev(%q) = %q, %v; want %q", v, got, ok, want)
		}
	}
	if s := preCommitSnippet("(devel)"); !strings.Contains(s, "rev: "+placeholderRev+" # placeholder: set an upscan release tag") {
		t.Errorf("development build snippet:\n%s", s)
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

// TestPreCommitHooks runs the hooks of .pre-commit-hooks.yaml through the
// real pre-commit (pre-commit run), configured the way a user configures
// them: .pre-commit-config.yaml names a copy of this repository at its
// commit, which pre-commit clones and builds (go install ./...) once into its
// store; the system hooks run the shared binary from PATH instead. For each
// pair, a staged token blocks the commit (exit 1) without the token
// appearing in the output, and a placeholder passes. The hook environment
// holds upscan's commands, not the bench harness. A commit whose file names
// exceed pre-commit's command-line limit is split into batches, and every
// finding is kept, also one that needs a file of another batch. It needs
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
	// shared binary's build compiled in the build cache. The shared binary
	// is first on PATH, for the system hooks.
	bin := upscanBinary(t)
	home := t.TempDir()
	env = slices.DeleteFunc(env, func(kv string) bool { return strings.HasPrefix(kv, "PATH=") })
	env = append(env, "PRE_COMMIT_HOME="+home, "GOMODCACHE="+modcache, "GOTOOLCHAIN=local",
		"GOFLAGS="+trimpathGoFlags(t, env), "PATH="+filepath.Dir(bin)+string(os.PathListSeparator)+os.Getenv("PATH"))
	upscanRepo := copyModule(t, env)
	rev := strings.TrimSpace(mustExec(t, upscanRepo, env, "git", "rev-parse", "HEAD"))
	config := func(ids ...string) string {
		c := "repos:\n  - repo: " + upscanRepo + "\n    rev: " + rev + "\n    hooks:\n"
		for _, id := range ids {
			c += "      - id: " + id + "\n"
		}
		return c
	}

	// run commits files (path: content) with config in a new repository
	// and returns pre-commit run's output, checking its exit code.
	run := func(name, config string, files map[string]string, wantCode int) string {
		t.Helper()
		repo := t.TempDir()
		mustExec(t, repo, env, "git", "init", "-q")
		files[".pre-commit-config.yaml"] = config
		for f, c := range files {
			p := filepath.Join(repo, filepath.FromSlash(f))
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(p, []byte(c), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		mustExec(t, repo, env, "git", "add", ".")
		out, code := execIn(t, repo, env, "pre-commit", "run", "--verbose")
		if code != wantCode {
			t.Fatalf("%s: pre-commit run exit %d, want %d\n%s", name, code, wantCode, out)
		}
		if strings.Contains(out, fakeToken[:12]) {
			t.Fatalf("%s: the pre-commit output contains the token beyond its 4-character prefix", name)
		}
		t.Logf("%s: pre-commit run exit %d:\n%.3000s", name, code, out)
		return out
	}
	for _, hooks := range [][]string{{"upscan-staged", "upscan"}, {"upscan-staged-system", "upscan-system"}} {
		cfg := config(hooks...)
		out := run(hooks[1]+": staged token", cfg, map[string]string{"redis.ts": tokenSource}, 1)
		for _, want := range []string{"upscan (staged)", "upscan", "Failed", "UPS101", "redis.ts"} {
			if !strings.Contains(out, want) {
				t.Errorf("%s: staged token: output lacks %q:\n%s", hooks[1], want, out)
			}
		}
		if strings.Contains(out, "Passed") {
			t.Errorf("%s: staged token: a hook passed:\n%s", hooks[1], out)
		}
		out = run(hooks[1]+": placeholder", cfg, map[string]string{".env.example": placeholderEn}, 0)
		if strings.Count(out, "Passed") != 2 {
			t.Errorf("%s: placeholder: want both hooks to pass:\n%s", hooks[1], out)
		}
	}

	// The golang hooks' environment: upscan's commands, no bench harness.
	envBins, _ := filepath.Glob(filepath.Join(home, "repo*", "golangenv-*", "bin", "*"))
	var installed []string
	for _, b := range envBins {
		installed = append(installed, filepath.Base(b))
	}
	slices.Sort(installed)
	if !slices.Contains(installed, "upscan") || slices.Contains(installed, "bench") {
		t.Errorf("the hook environment holds %v; want upscan and no bench harness", installed)
	}
	t.Logf("hook environment: %v", installed)

	// A large commit: the client component (app/) and the module with the
	// token it imports (lib/) are separated by enough long file names
	// (b/…) that pre-commit's 128 KiB command-line limit puts them in
	// different batches. Every batch reports in its own files with the
	// whole project as context, so UPS202 (which needs both files) and
	// UPS101 are each reported once per hook, as one run over the whole
	// project reports them.
	files := map[string]string{
		"app/page.tsx": "\"use client\";\nimport { redis } from \"../lib/redis\";\nexport default function Page() {\n  return <button onClick={() => redis.incr(\"clicks\")}>+1</button>;\n}\n",
		"lib/redis.ts": tokenSource,
	}
	long := strings.Repeat("generated_module_with_a_long_descriptive_name_", 4)
	for i := range 900 {
		files[fmt.Sprintf("b/%s%04d.ts", long, i)] = fmt.Sprintf("export const n%d = %d;\n", i, i)
	}
	out := run("batches", config("upscan", "upscan-system"), files, 1)
	summaries := regexp.MustCompile(`(?m)^(No findings|\d+ findings?\b)[^\n]* in \d+ files?\b`).FindAllString(out, -1)
	if len(summaries) < 4 {
		t.Errorf("batches: %d upscan runs, want at least 2 per hook (the commit must be split):\n%s", len(summaries), summaries)
	}
	for _, id := range []string{"(UPS202)", "(UPS101)"} {
		if n := strings.Count(out, id); n != 2 {
			t.Errorf("batches: %s reported %d times, want once per hook", id, n)
		}
	}
	if !strings.Contains(out, "app/page.tsx → lib/redis.ts") {
		t.Errorf("batches: the cross-file finding does not name the import:\n%.3000s", out)
	}
}
