package player

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/tuner-iptv/tuner/internal/testutil"
)

func TestMain(m *testing.M) {
	if os.Getenv(fakeEnv) != "" {
		fakeMain()
		return
	}
	os.Exit(m.Run())
}

// fakeBin links the test binary under each name in a fresh directory and
// returns the directory; started from there, it behaves as a fake player.
func fakeBin(t *testing.T, names ...string) string {
	t.Helper()
	dir := t.TempDir()
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range names {
		if err := os.Symlink(self, filepath.Join(dir, n)); err != nil {
			t.Fatal(err)
		}
	}
	t.Setenv(fakeEnv, "1")
	return dir
}

func waitEvent(t *testing.T, p Player, kind EventKind, gen int) Event {
	t.Helper()
	timeout := time.After(15 * time.Second)
	for {
		select {
		case e := <-p.Events():
			if e.Kind == kind && e.Gen == gen {
				return e
			}
		case <-timeout:
			t.Fatalf("no %v event for play %d", kind, gen)
		}
	}
}

func TestSplitCommand(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"mpv", []string{"mpv"}},
		{"mpv --vo=null  --ao=null", []string{"mpv", "--vo=null", "--ao=null"}},
		{`vlc --meta-title "My TV"`, []string{"vlc", "--meta-title", "My TV"}},
		{`player '{url}' --x='a b'`, []string{"player", "{url}", "--x=a b"}},
		{`a\ b c`, []string{"a b", "c"}},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := SplitCommand(tt.in)
			if err != nil || !slices.Equal(got, tt.want) {
				t.Errorf("SplitCommand(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
			}
		})
	}
	if _, err := SplitCommand(`mpv "unfinished`); err == nil {
		t.Error("an unfinished quote was accepted")
	}
}

func TestMissingPlayerSaysHowToInstall(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	tests := []struct {
		command, want string
	}{
		{"mpv --vo=null", "mpv not found: install it with `sudo apt install mpv` (or brew install mpv), or choose another with --player"},
		{"ffplay", "ffplay not found: install it with `sudo apt install ffmpeg` (or brew install ffmpeg), or choose another with --player"},
		{"myplayer {url}", "myplayer not found: install it, or choose another player with --player"},
	}
	for _, tt := range tests {
		t.Run(tt.command, func(t *testing.T) {
			_, err := New(tt.command, Options{})
			var nf *NotFoundError
			if !errors.As(err, &nf) || err.Error() != tt.want {
				t.Errorf("New(%q) = %v\nwant %s", tt.command, err, tt.want)
			}
		})
	}
}

func TestFirstWordPicksTheAdapter(t *testing.T) {
	dir := fakeBin(t, "mpv", "cvlc", "ffplay", "myplayer")
	tests := []struct{ command, want string }{
		{"mpv --vo=null --ao=null", "mpv"},
		{filepath.Join(dir, "mpv"), "mpv"},
		{"cvlc", "vlc"},
		{"ffplay -fs", "ffplay"},
		{"myplayer --x {url}", "myplayer"},
	}
	t.Setenv("PATH", dir)
	for _, tt := range tests {
		t.Run(tt.command, func(t *testing.T) {
			p, err := New(tt.command, Options{})
			if err != nil || p.Name() != tt.want {
				t.Errorf("New(%q) = %v, %v; want the %s adapter", tt.command, p, err, tt.want)
			}
		})
	}
}

// liveServer streams endless bytes and counts open requests.
type liveServer struct {
	open, total atomic.Int32
	status      atomic.Int32
}

func (l *liveServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if s := l.status.Load(); s != 0 {
		w.WriteHeader(int(s))
		return
	}
	l.open.Add(1)
	l.total.Add(1)
	defer l.open.Add(-1)
	w.Header().Set("Content-Type", "video/mp2t")
	rc := http.NewResponseController(w)
	for {
		if _, err := w.Write(make([]byte, 4096)); err != nil || rc.Flush() != nil {
			return
		}
		select {
		case <-r.Context().Done():
			return
		case <-time.After(5 * time.Millisecond):
		}
	}
}

func TestMPVAdapterWithFakeMPV(t *testing.T) {
	dir := fakeBin(t, "mpv")
	log := filepath.Join(t.TempDir(), "args")
	t.Setenv(fakeLogEnv, log)
	live := &liveServer{}
	srv := httptest.NewServer(live)
	defer srv.Close()

	p, err := New(filepath.Join(dir, "mpv")+" --vo=null --ao=null", Options{})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	defer p.Close(ctx)
	if err := p.Play(ctx, srv.URL+"/a.ts", "Channel A"); err != nil {
		t.Fatal(err)
	}
	waitEvent(t, p, Started, 1)
	proc := p.Process()
	if st := p.Status(); !st.Playing || st.Width != 1280 || st.Height != 720 || proc.IsZero() || !proc.Alive() {
		t.Fatalf("after start: status %+v, process %+v", st, proc)
	}

	// Zap: the same process takes the new URL and drops the old one.
	if err := p.Play(ctx, srv.URL+"/b.ts", "Channel B"); err != nil {
		t.Fatal(err)
	}
	waitEvent(t, p, Started, 2)
	if p.Process() != proc {
		t.Errorf("zap started a new process: %+v, was %+v", p.Process(), proc)
	}
	testutil.Eventually(t, "the first stream to close", func() bool { return live.open.Load() == 1 })

	if err := p.Stop(ctx); err != nil {
		t.Fatal(err)
	}
	if st := p.Status(); !st.Idle || st.Playing {
		t.Errorf("after Stop: %+v", st)
	}
	testutil.Eventually(t, "the stream to close on Stop", func() bool { return live.open.Load() == 0 })

	if err := p.Close(ctx); err != nil {
		t.Fatal(err)
	}
	if proc.Alive() || !p.Process().IsZero() {
		t.Error("mpv still runs after Close")
	}
	b, _ := os.ReadFile(log)
	args := string(b)
	for _, want := range []string{"--vo=null", "--ao=null", "--idle=yes", "--input-ipc-server="} {
		if !strings.Contains(args, want) {
			t.Errorf("mpv started with %q, missing %s", args, want)
		}
	}
	if strings.Contains(args, srv.URL) {
		t.Errorf("a stream URL reached mpv's command line: %q", args)
	}
}

func TestVLCAdapterWithFakeVLC(t *testing.T) {
	dir := fakeBin(t, "vlc")
	live := &liveServer{}
	srv := httptest.NewServer(live)
	defer srv.Close()
	p, err := New(filepath.Join(dir, "vlc"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	defer p.Close(ctx)
	for i, ch := range []string{"/a.ts", "/b.ts"} {
		if err := p.Play(ctx, srv.URL+ch, ""); err != nil {
			t.Fatal(err)
		}
		waitEvent(t, p, Started, i+1)
	}
	testutil.Eventually(t, "one stream after the zap", func() bool { return live.total.Load() == 2 && live.open.Load() == 1 })
	proc := p.Process()
	p.Stop(ctx)
	testutil.Eventually(t, "the stream to close on stop", func() bool { return live.open.Load() == 0 })
	p.Close(ctx)
	if proc.Alive() {
		t.Error("vlc still runs after Close")
	}
}

func TestMPVReportsAFailedOpen(t *testing.T) {
	dir := fakeBin(t, "mpv")
	live := &liveServer{}
	live.status.Store(http.StatusUnauthorized)
	srv := httptest.NewServer(live)
	defer srv.Close()
	p, err := New(filepath.Join(dir, "mpv"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close(context.Background())
	if err := p.Play(context.Background(), srv.URL+"/a.ts", ""); err != nil {
		t.Fatal(err)
	}
	if e := waitEvent(t, p, Ended, 1); e.Err == nil {
		t.Error("a refused open ended without an error")
	}
}

func TestStubbornPlayerIsKilled(t *testing.T) {
	for _, name := range []string{"mpv", "myplayer"} {
		t.Run(name, func(t *testing.T) {
			dir := fakeBin(t, name)
			t.Setenv(stubbornEnv, "1")
			srv := httptest.NewServer(&liveServer{})
			defer srv.Close()
			p, err := New(filepath.Join(dir, name), Options{StopTimeout: 300 * time.Millisecond})
			if err != nil {
				t.Fatal(err)
			}
			if err := p.Play(context.Background(), srv.URL+"/a.ts", ""); err != nil {
				t.Fatal(err)
			}
			proc := p.Process()
			if !proc.Alive() {
				t.Fatal("player did not start")
			}
			p.Close(context.Background())
			if proc.Alive() {
				t.Error("a player that ignores quit and SIGTERM survived Close")
			}
		})
	}
}

func TestRestartingPlayerPlacesTheURL(t *testing.T) {
	dir := fakeBin(t, "myplayer")
	log := filepath.Join(t.TempDir(), "args")
	t.Setenv(fakeLogEnv, log)
	tests := []struct{ command, want string }{
		{"myplayer --fs", "--fs http://x/1.ts"},
		{"myplayer --in {url} --fs", "--in http://x/1.ts --fs"},
	}
	for _, tt := range tests {
		t.Run(tt.command, func(t *testing.T) {
			os.Remove(log)
			p, err := New(filepath.Join(dir, tt.command), Options{})
			if err != nil {
				t.Fatal(err)
			}
			if err := p.Play(context.Background(), "http://x/1.ts", "A"); err != nil {
				t.Fatal(err)
			}
			proc := p.Process()
			testutil.Eventually(t, "the player to start", func() bool { b, _ := os.ReadFile(log); return len(b) > 0 })
			p.Stop(context.Background())
			if proc.Alive() {
				t.Error("player survived Stop")
			}
			if b, _ := os.ReadFile(log); strings.TrimSpace(string(b)) != tt.want {
				t.Errorf("started with %q, want %q", b, tt.want)
			}
		})
	}
}

// clipServer plays testdata/clip.ts in a loop at about real time.
func clipServer(t *testing.T, live *atomic.Int32) *httptest.Server {
	clip, err := os.ReadFile("testdata/clip.ts")
	if err != nil {
		t.Fatal(err)
	}
	return httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		live.Add(1)
		defer live.Add(-1)
		w.Header().Set("Content-Type", "video/mp2t")
		rc := http.NewResponseController(w)
		for {
			if _, err := w.Write(clip); err != nil || rc.Flush() != nil {
				return
			}
			select {
			case <-r.Context().Done():
				return
			case <-time.After(2 * time.Second):
			}
		}
	}))
}

func TestRealMPV(t *testing.T) {
	testutil.RequireTool(t, "mpv")
	var live atomic.Int32
	srv := clipServer(t, &live)
	defer srv.Close()
	p, err := New("mpv --vo=null --ao=null", Options{})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	defer p.Close(ctx)
	for gen, ch := range []string{"/1.ts", "/2.ts"} {
		if err := p.Play(ctx, srv.URL+ch, "Test "+ch); err != nil {
			t.Fatal(err)
		}
		waitEvent(t, p, Started, gen+1)
	}
	testutil.Eventually(t, "mpv to report the video size", func() bool { return p.Status().Width == 160 })
	testutil.Eventually(t, "one stream open after the zap", func() bool { return live.Load() == 1 })
	proc := p.Process()
	if err := p.Stop(ctx); err != nil {
		t.Fatal(err)
	}
	testutil.Eventually(t, "mpv to close the stream on Stop", func() bool { return live.Load() == 0 })
	if err := p.Close(ctx); err != nil {
		t.Fatal(err)
	}
	if proc.Alive() {
		t.Error("mpv still runs after Close")
	}
}

func TestKindOfACommand(t *testing.T) {
	for cmd, want := range map[string]string{
		"mpv --vo=null --ao=null":     "mpv",
		"'/usr/local/bin/mpv' --fs":   "mpv",
		"cvlc --no-video":             "vlc",
		"ffplay -fs":                  "ffplay",
		"/opt/my player/play {url}":   "my",
		`"/opt/my player/play" {url}`: "play",
		"":                            "",
		"mpv 'unterminated":           "",
	} {
		if got := Kind(cmd); got != want {
			t.Errorf("Kind(%q) = %q, want %q", cmd, got, want)
		}
	}
}
