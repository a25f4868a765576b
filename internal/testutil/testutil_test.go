package testutil

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
)

// recorder stands in for a test, to see whether a helper skipped or failed it.
type recorder struct {
	testing.TB
	skipped, failed string
}

func (r *recorder) Helper() {}

func (r *recorder) Skipf(format string, args ...any) {
	r.skipped = fmt.Sprintf(format, args...)
	runtime.Goexit()
}

func (r *recorder) Fatalf(format string, args ...any) {
	r.failed = fmt.Sprintf(format, args...)
	runtime.Goexit()
}

func (r *recorder) Fatal(args ...any) {
	r.failed = fmt.Sprint(args...)
	runtime.Goexit()
}

// run calls f with a recorder on its own goroutine, as the testing package
// runs a test, so that skipping or failing ends only f.
func run(t *testing.T, f func(tb testing.TB)) *recorder {
	r := &recorder{TB: t}
	done := make(chan struct{})
	go func() {
		defer close(done)
		f(r)
	}()
	<-done
	return r
}

func TestRequireTool(t *testing.T) {
	dir := t.TempDir()
	tool := filepath.Join(dir, "sometool")
	if err := os.WriteFile(tool, []byte("#!/bin/sh\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", dir)
	for _, ci := range []string{"", "true"} {
		t.Setenv("CI", ci)
		var path string
		r := run(t, func(tb testing.TB) { path = RequireTool(tb, "sometool") })
		if path != tool || r.skipped != "" || r.failed != "" {
			t.Errorf("CI=%q: an installed tool gives %q, skipped %q, failed %q", ci, path, r.skipped, r.failed)
		}
	}

	t.Setenv("CI", "")
	r := run(t, func(tb testing.TB) { RequireTool(tb, "othertool") })
	if !strings.Contains(r.skipped, "othertool not installed") || r.failed != "" {
		t.Errorf("outside CI a missing tool skipped %q, failed %q", r.skipped, r.failed)
	}
	t.Setenv("CI", "true")
	r = run(t, func(tb testing.TB) { RequireTool(tb, "othertool") })
	if !strings.Contains(r.failed, "othertool not installed") || r.skipped != "" {
		t.Errorf("under CI a missing tool skipped %q, failed %q", r.skipped, r.failed)
	}
}

func TestEventually(t *testing.T) {
	calls := 0
	r := run(t, func(tb testing.TB) {
		eventually(tb, "the third call", func() bool { calls++; return calls == 3 }, time.Minute)
	})
	if calls != 3 || r.failed != "" {
		t.Errorf("a condition true at the third call: %d calls, failed %q", calls, r.failed)
	}
	r = run(t, func(tb testing.TB) { eventually(tb, "the impossible", func() bool { return false }, 0) })
	if r.failed != "timed out waiting for the impossible" {
		t.Errorf("a condition that never holds failed %q", r.failed)
	}
}

// corpusHome lays out a module in a folder of its own and works in one of its
// package folders, two levels down.
func corpusHome(t *testing.T) (home string) {
	home = t.TempDir()
	pkg := filepath.Join(home, "repo", "playlist", "m3u")
	if err := os.MkdirAll(pkg, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(home, "repo", "go.mod"), []byte("module x\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Chdir(pkg)
	return home
}

func TestCorpusAbsent(t *testing.T) {
	corpusHome(t)
	t.Setenv("CI", "")
	r := run(t, func(tb testing.TB) { Corpus(tb, "list.m3u") })
	if !strings.Contains(r.skipped, "../shared/corpus") || r.failed != "" {
		t.Errorf("outside CI a missing corpus skipped %q, failed %q", r.skipped, r.failed)
	}
	t.Setenv("CI", "true")
	r = run(t, func(tb testing.TB) { Corpus(tb, "list.m3u") })
	if !strings.Contains(r.failed, "../shared/corpus") || r.skipped != "" {
		t.Errorf("under CI a missing corpus skipped %q, failed %q", r.skipped, r.failed)
	}
}

func TestCorpusPresent(t *testing.T) {
	home := corpusHome(t)
	t.Setenv("CI", "")
	want := filepath.Join(home, "shared", "corpus", "realworld", "list.m3u")
	if err := os.MkdirAll(filepath.Dir(want), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(want, []byte("#EXTM3U\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	var got string
	r := run(t, func(tb testing.TB) { got = Corpus(tb, "realworld/list.m3u") })
	if got != want || r.skipped != "" || r.failed != "" {
		t.Errorf("Corpus = %q, skipped %q, failed %q; want %q", got, r.skipped, r.failed, want)
	}
	if p, err := CorpusPath("realworld/other.m3u"); err != nil || p != filepath.Join(filepath.Dir(want), "other.m3u") {
		t.Errorf("CorpusPath = %q, %v", p, err)
	}
	// A corpus that lacks the entry is incomplete, which no skip should hide.
	r = run(t, func(tb testing.TB) { Corpus(tb, "realworld/other.m3u") })
	if !strings.Contains(r.failed, "realworld/other.m3u") || r.skipped != "" {
		t.Errorf("a missing entry skipped %q, failed %q", r.skipped, r.failed)
	}
}
