package scan

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync/atomic"
	"testing"
	"unicode/utf16"
)

// TestRunCancel: a scan whose context is cancelled part-way returns
// context.Canceled without analysing the rest of the tree. The bound is the
// outcome (the error, the files analysed), not a duration.
func TestRunCancel(t *testing.T) {
	const n = 600
	files := map[string]string{}
	for i := range n {
		files[fmt.Sprintf("src/m%03d/route%d.ts", i/50, i)] = fmt.Sprintf(
			"import { Redis } from '@upstash/redis'\nconst redis = Redis.fromEnv()\nexport async function GET() { return Response.json(await redis.get('k%d')) }\n", i)
	}
	dir := writeTree(t, files)
	for _, jobs := range []int{1, 4} {
		ctx, cancel := context.WithCancel(context.Background())
		var analysed atomic.Int64
		res, err := Run(ctx, Options{Paths: []string{dir}, Jobs: jobs, Progress: func(files, _ int64) {
			analysed.Store(max(analysed.Load(), files))
			if files == 5 {
				cancel()
			}
		}})
		cancel()
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("jobs=%d: err %v (result %v), want context.Canceled", jobs, err, res != nil)
		}
		if got := analysed.Load(); got >= n {
			t.Errorf("jobs=%d: %d of %d files analysed after the cancel", jobs, got, n)
		}
	}
}

// The FAKE Redis REST token of UPSTASH.md §1.2 (standard, new format).
const fakeRESTToken = "ATA5AAIncDFkZWFkYmVlZmNhZmVmMDBkMGJhZGMwZGUxMjM0NTY3OHAxMTIzNDU"

// utf16LE encodes s as UTF-16LE with a byte order mark, as Windows
// PowerShell 5 writes `>` redirections.
func utf16LE(s string, bom bool) string {
	var b []byte
	if bom {
		b = append(b, 0xFF, 0xFE)
	}
	for _, u := range utf16.Encode([]rune(s)) {
		b = append(b, byte(u), byte(u>>8))
	}
	return string(b)
}

// TestRunEncodings: a token in a UTF-16 env file (with or without a byte
// order mark), behind lone CR line ends, or next to invalid UTF-8 is found
// on its line.
func TestRunEncodings(t *testing.T) {
	env := "# written by PowerShell\r\nAPP=demo\r\nUPSTASH_REDIS_REST_URL=https://fake-otter-12345.upstash.io\r\nUPSTASH_REDIS_REST_TOKEN=" + fakeRESTToken + "\r\n"
	dir := writeTree(t, map[string]string{
		"ps/.env":        utf16LE(env, true),
		"nobom/.env":     utf16LE(env, false),
		"mac/.env":       strings.ReplaceAll(env, "\r\n", "\r"),
		"latin/.env":     strings.ReplaceAll(env, "demo", "d\xe9mo\xff"),
		"binary/app.bin": "\x00\x01\x02" + env,
	})
	t.Chdir(dir)
	res, err := Run(context.Background(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]int{}
	for _, f := range res.Findings {
		if f.RuleID == "UPS101" {
			got[f.Path] = f.Line
		}
	}
	for _, p := range []string{"ps/.env", "nobom/.env", "mac/.env", "latin/.env"} {
		if got[p] != 4 {
			t.Errorf("%s: UPS101 on line %d, want 4 (findings %v)", p, got[p], got)
		}
	}
	if _, ok := got["binary/app.bin"]; ok {
		t.Error("binary/app.bin: a binary file was read as text")
	}
	if len(res.Skipped) != 1 || res.Skipped[0].Path != "binary/app.bin" || res.Skipped[0].Message != "binary" {
		t.Errorf("skipped = %v, want binary/app.bin noted as binary", res.Skipped)
	}
}

// TestUntilDone: an analysis still running when the scan is cancelled is
// left behind, not waited for.
func TestUntilDone(t *testing.T) {
	if !untilDone(context.Background(), func() {}) {
		t.Error("untilDone(Background) did not run fn to its end")
	}
	ctx, cancel := context.WithCancel(context.Background())
	release := make(chan struct{})
	started := make(chan struct{})
	go func() {
		<-started
		cancel()
	}()
	if untilDone(ctx, func() { close(started); <-release }) {
		t.Error("untilDone waited for fn after the cancel")
	}
	close(release)
	ran := false
	if untilDone(ctx, func() { ran = true }) || ran {
		t.Error("untilDone ran fn with a cancelled context")
	}
	ctx2, cancel2 := context.WithCancel(context.Background())
	defer cancel2()
	if !untilDone(ctx2, func() { ran = true }) || !ran {
		t.Error("untilDone with a live context did not report fn's end")
	}
}
