package cmd

// Startup as a person sees it, for the browser's targets: the first frame
// within 100 ms of start, and a 300,000-entry local playlist browsable within
// 1 s. The built binary runs in tmux at 80x24 with empty XDG folders (no
// cached copy), and the screen is polled until the list shows its count.
//
//	go test -run '^$' -bench BrowserStartup -benchtime 5x ./cmd/

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
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
		f, br := startBrowser(b, dir, i, tuner, list)
		first, browsable = append(first, f), append(browsable, br)
	}
	b.ReportMetric(float64(median(first).Milliseconds()), "first-frame-ms")
	b.ReportMetric(float64(median(browsable).Milliseconds()), "browsable-ms")
}

// startBrowser runs tuner once in a tmux server of its own and returns the
// times to the first frame and to browsable. Each run gets its own socket and
// kills its server when done: a server left to exit after its last session
// is still shutting down when the next run's client connects to the same
// socket, and that run then fails.
func startBrowser(b *testing.B, dir string, i int, tuner, list string) (first, browsable time.Duration) {
	xdg := filepath.Join(dir, fmt.Sprint("run", i))
	sock := filepath.Join(dir, fmt.Sprintf("tmux%d.sock", i))
	defer exec.Command("tmux", "-S", sock, "kill-server").Run()
	shell := fmt.Sprintf("XDG_CONFIG_HOME=%[1]s/c XDG_STATE_HOME=%[1]s/s XDG_CACHE_HOME=%[1]s/k %s --playlist %s", xdg, tuner, list)
	start := time.Now()
	if out, err := exec.Command("tmux", "-S", sock, "new-session", "-d", "-s", "t", "-x", "80", "-y", "24", shell).CombinedOutput(); err != nil {
		b.Fatalf("tmux: %v %s", err, out)
	}
	f, ok := waitScreen(sock, start, func(s string) bool { return strings.Contains(s, "Groups") })
	br, ok2 := waitScreen(sock, start, func(s string) bool { return strings.Contains(s, "All · 300,000") })
	if !ok || !ok2 {
		b.Fatalf("the browser never became usable")
	}
	return f, br
}

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
