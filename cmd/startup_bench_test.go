package cmd

// Startup as a person sees it, for the browser's targets: the first frame
// within 100 ms of start, and a 300,000-entry local playlist browsable within
// 1 s. The built binary runs in tmux at 80x24 with empty XDG folders (no
// cached copy), and the screen is polled until the list shows its count.
//
//	go test -run '^$' -bench BrowserStartup -benchtime 5x ./cmd/
//
// The Cached case starts from a cached copy of the same list instead.

import (
	"bufio"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/tuner-iptv/tuner/internal/m3ugen"
	"github.com/tuner-iptv/tuner/internal/testutil"
)

func BenchmarkBrowserStartup300k(b *testing.B) {
	testutil.RequireTool(b, "tmux")
	dir := b.TempDir()
	list := filepath.Join(dir, "big.m3u")
	writeGuidelessPlaylist(b, list, 300000)
	tuner := goBuild(b, dir, "tuner", "github.com/tuner-iptv/tuner")
	var first, browsable []time.Duration
	for i := 0; b.Loop(); i++ {
		f, br := startBrowser(b, dir, i, filepath.Join(dir, fmt.Sprint("run", i)), tuner, list)
		first, browsable = append(first, f), append(browsable, br)
	}
	b.ReportMetric(float64(median(first).Milliseconds()), "first-frame-ms")
	b.ReportMetric(float64(median(browsable).Milliseconds()), "browsable-ms")
}

// BenchmarkBrowserStartupCached300k is a second start on a playlist URL: the
// first run fills the cache, and every measured run shows the cached copy
// while the refresh waits on a server that never answers it, so what is
// timed is the cache and the first screen alone.
func BenchmarkBrowserStartupCached300k(b *testing.B) {
	testutil.RequireTool(b, "tmux")
	dir := b.TempDir()
	list := filepath.Join(dir, "big.m3u")
	writeGuidelessPlaylist(b, list, 300000)
	tuner := goBuild(b, dir, "tuner", "github.com/tuner-iptv/tuner")
	var served atomic.Bool
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if served.CompareAndSwap(false, true) {
			http.ServeFile(w, r, list)
			return
		}
		<-r.Context().Done()
	}))
	defer srv.Close()
	xdg := filepath.Join(dir, "xdg")
	fillCache(b, dir, xdg, tuner, srv.URL+"/big.m3u")
	var first, browsable []time.Duration
	for i := 0; b.Loop(); i++ {
		f, br := startBrowser(b, dir, i, xdg, tuner, srv.URL+"/big.m3u")
		first, browsable = append(first, f), append(browsable, br)
	}
	b.ReportMetric(float64(median(first).Milliseconds()), "first-frame-ms")
	b.ReportMetric(float64(median(browsable).Milliseconds()), "browsable-ms")
}

// fillCache runs tuner once until it has saved its copy of list, for at most
// 60 s: fetching, parsing and saving 300,000 entries is slow on a busy
// machine.
func fillCache(b *testing.B, dir, xdg, tuner, list string) {
	sock := filepath.Join(dir, "fill.sock")
	defer exec.Command("tmux", "-S", sock, "kill-server").Run()
	newSession(b, sock, xdg, tuner, list)
	for start := time.Now(); time.Since(start) < 60*time.Second; time.Sleep(50 * time.Millisecond) {
		if m, _ := filepath.Glob(filepath.Join(xdg, "k", "tuner", "*.playlist")); len(m) > 0 {
			return
		}
	}
	b.Fatal("the first run left no cached copy")
}

// newSession starts tuner on list in a new tmux server at sock, with its
// XDG folders under xdg.
func newSession(b *testing.B, sock, xdg, tuner, list string) {
	shell := fmt.Sprintf("XDG_CONFIG_HOME=%[1]s/c XDG_STATE_HOME=%[1]s/s XDG_CACHE_HOME=%[1]s/k %s --playlist %s", xdg, tuner, list)
	if out, err := exec.Command("tmux", "-S", sock, "new-session", "-d", "-s", "t", "-x", "80", "-y", "24", shell).CombinedOutput(); err != nil {
		b.Fatalf("tmux: %v %s", err, out)
	}
}

// startBrowser runs tuner once in a tmux server of its own and returns the
// times to the first frame and to browsable. Each run gets its own socket and
// kills its server when done: a server left to exit after its last session
// is still shutting down when the next run's client connects to the same
// socket, and that run then fails.
func startBrowser(b *testing.B, dir string, i int, xdg, tuner, list string) (first, browsable time.Duration) {
	sock := filepath.Join(dir, fmt.Sprintf("tmux%d.sock", i))
	defer exec.Command("tmux", "-S", sock, "kill-server").Run()
	start := time.Now()
	newSession(b, sock, xdg, tuner, list)
	f, ok := waitScreen(sock, start, func(s string) bool { return strings.Contains(s, "Groups") })
	// The generated list holds movies and series too, so the Live tab counts
	// fewer than 300,000: any six-figure count says the list is in.
	br, ok2 := waitScreen(sock, start, loadedPane.MatchString)
	if !ok || !ok2 {
		b.Fatalf("the browser never became usable")
	}
	return f, br
}

var loadedPane = regexp.MustCompile(`All · \d{3},\d{3}`)

// writeGuidelessPlaylist generates a playlist without the header's guide
// URLs: the browser would try to fetch them, and a benchmark talks to no one.
func writeGuidelessPlaylist(b *testing.B, path string, n int) {
	pr, pw := io.Pipe()
	go func() {
		pw.CloseWithError(m3ugen.Generate(pw, n, 1))
	}()
	out, err := os.Create(path)
	if err != nil {
		b.Fatal(err)
	}
	defer out.Close()
	r := bufio.NewReaderSize(pr, 1<<20)
	w := bufio.NewWriterSize(out, 1<<20)
	header, err := r.ReadString('\n')
	if err != nil || !strings.HasPrefix(header, "#EXTM3U") {
		b.Fatalf("generated playlist starts with %q: %v", header, err)
	}
	w.WriteString("#EXTM3U\n")
	if _, err := w.ReadFrom(r); err != nil {
		b.Fatal(err)
	}
	if err := w.Flush(); err != nil {
		b.Fatal(err)
	}
}

// waitScreen polls the pane until ok says so, for at most 10 s.
func waitScreen(sock string, start time.Time, ok func(string) bool) (time.Duration, bool) {
	for time.Since(start) < 10*time.Second {
		out, _ := exec.Command("tmux", "-S", sock, "capture-pane", "-p", "-t", "t").Output()
		if ok(string(out)) {
			return time.Since(start), true
		}
		time.Sleep(2 * time.Millisecond)
	}
	return 0, false
}

func median(ds []time.Duration) time.Duration {
	s := slices.Clone(ds)
	slices.Sort(s)
	return s[len(s)/2]
}
