//go:build unix

package tui

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"slices"
	"syscall"
	"testing"
	"time"

	"github.com/tuner-iptv/tuner/playlist"
	"github.com/tuner-iptv/tuner/playlist/cache"
	"github.com/tuner-iptv/tuner/tui/browser"
)

// cachedDirEnv names the cache directory the child of
// BenchmarkCachedBrowsable300kFreshProcess loads from.
const cachedDirEnv = "TUNER_CACHED_BROWSABLE_DIR"

// BenchmarkCachedBrowsable300kFreshProcess is a second start up to the
// browsable catalogue, in a new process each time so nothing is warm: the
// cached copy loaded and the catalogue built (names, groups; the search index
// goes on in the background). x-floor is that against mapping the same file
// and counting its newlines in the same process, the first frame left out.
//
//	go test -run '^$' -bench CachedBrowsable -benchtime 5x -count 5 ./tui/
func BenchmarkCachedBrowsable300kFreshProcess(b *testing.B) {
	dir := b.TempDir()
	if err := cache.New(dir).Save("k", big()); err != nil {
		b.Fatal(err)
	}
	var ratios []float64
	var alloc float64
	for b.Loop() {
		cmd := exec.Command(os.Args[0], "-test.run=^TestCachedBrowsableChild$")
		cmd.Env = append(os.Environ(), cachedDirEnv+"="+dir)
		out, err := cmd.Output()
		if err != nil {
			b.Fatalf("child: %v", err)
		}
		var took, floor, n int64
		if _, err := fmt.Sscanf(string(out), "browsable %d floor %d alloc %d", &took, &floor, &n); err != nil {
			b.Fatalf("child said %q: %v", out, err)
		}
		ratios = append(ratios, float64(took)/float64(floor))
		alloc = float64(n) / 1e6
	}
	slices.Sort(ratios)
	b.ReportMetric(ratios[len(ratios)/2], "x-floor")
	b.ReportMetric(ratios[0], "min-x-floor")
	b.ReportMetric(alloc, "MB-alloc")
}

// TestCachedBrowsableChild is the child of
// BenchmarkCachedBrowsable300kFreshProcess and does nothing in a test run.
func TestCachedBrowsableChild(t *testing.T) {
	dir := os.Getenv(cachedDirEnv)
	if dir == "" {
		return
	}
	c := cache.New(dir)
	floor := mapAndCount(t, c.Path("k"))
	newSearcher := New(Options{}).opts.NewSearcher
	before := totalAlloc()
	start := time.Now()
	p, _, err := c.Load("k")
	if err != nil {
		t.Fatal(err)
	}
	cat := browser.Build([]*playlist.Playlist{p}, newSearcher, nil)
	took := time.Since(start)
	alloc := totalAlloc() - before
	if cat.Len() != bigN {
		t.Fatalf("%d names, want %d", cat.Len(), bigN)
	}
	fmt.Printf("browsable %d floor %d alloc %d\n", took, floor, alloc)
}

func mapAndCount(t *testing.T, path string) time.Duration {
	start := time.Now()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		t.Fatal(err)
	}
	data, err := syscall.Mmap(int(f.Fd()), 0, int(fi.Size()), syscall.PROT_READ, syscall.MAP_SHARED)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Count(data, []byte{'\n'}) < 0 {
		t.Fatal("negative count")
	}
	syscall.Munmap(data)
	return time.Since(start)
}

func totalAlloc() uint64 {
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return ms.TotalAlloc
}
