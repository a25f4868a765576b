package player

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/tuner-iptv/tuner/internal/testutil"
)

// screen is a terminal's output side that tests can read while a player
// writes to it.
type screen struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (s *screen) Write(b []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.buf.Write(b)
}

func (s *screen) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.buf.String()
}

func TestTerminalModeNeedsMPV(t *testing.T) {
	dir := fakeBin(t, "ffplay", "vlc")
	for _, prog := range []string{"ffplay", "vlc"} {
		if _, err := New(filepath.Join(dir, prog), Options{Terminal: true}); err == nil || !strings.Contains(err.Error(), "needs mpv") {
			t.Errorf("New(%s) in terminal mode = %v, want an error naming mpv", prog, err)
		}
	}
}

func TestTerminalPlayerArguments(t *testing.T) {
	dir := fakeBin(t, "mpv")
	t.Setenv(terminalEnv, "1")
	tests := []struct{ name, command, want string }{
		{"text video by default", "mpv --ao=null", "--ao=null --vo=tct --force-media-title=News --idle=no --keep-open=no -- http://x/1.ts"},
		{"the person's own video output is kept", "mpv --vo=kitty", "--vo=kitty --force-media-title=News --idle=no --keep-open=no -- http://x/1.ts"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			log := filepath.Join(t.TempDir(), "args")
			t.Setenv(fakeLogEnv, log)
			p, err := New(filepath.Join(dir, tt.command), Options{Terminal: true})
			if err != nil {
				t.Fatal(err)
			}
			in, keys := io.Pipe()
			defer keys.Close()
			p.(Attacher).Attach(Terminal{In: in, Out: &screen{}})
			if err := p.Play(context.Background(), "http://x/1.ts", "News"); err != nil {
				t.Fatal(err)
			}
			defer p.Close(context.Background())
			testutil.Eventually(t, "the player to start", func() bool { b, _ := os.ReadFile(log); return len(b) > 0 })
			if b, _ := os.ReadFile(log); strings.TrimSpace(string(b)) != tt.want {
				t.Errorf("started with %q, want %q", b, tt.want)
			}
		})
	}
}

func TestTerminalPlayerRunsOnTheHandedTerminalUntilQ(t *testing.T) {
	dir := fakeBin(t, "mpv")
	t.Setenv(terminalEnv, "1")
	p, err := New(filepath.Join(dir, "mpv"), Options{Terminal: true})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	defer p.Close(ctx)
	if err := p.Play(ctx, "http://x/1.ts", "News"); !errors.Is(err, ErrNoTerminal) {
		t.Fatalf("Play with no terminal handed over = %v, want ErrNoTerminal", err)
	}

	in, keys := io.Pipe()
	defer keys.Close()
	out := &screen{}
	p.(Attacher).Attach(Terminal{In: in, Out: out})
	if err := p.Play(ctx, "http://x/1.ts", "News"); err != nil {
		t.Fatal(err)
	}
	waitEvent(t, p, Started, 1)
	testutil.Eventually(t, "a frame on the terminal", func() bool { return strings.Contains(out.String(), "frame") })
	proc := p.Process()
	if proc.IsZero() {
		t.Fatal("no process while playing")
	}
	keys.Write([]byte("q"))
	if e := waitEvent(t, p, Exited, 1); e.Err != nil {
		t.Errorf("quitting with q reported %v, want a clean exit", e.Err)
	}
	if proc.Alive() || !p.Process().IsZero() {
		t.Error("the player still runs after q")
	}

	if err := p.Play(ctx, "http://x/2.ts", "Sport"); !errors.Is(err, ErrNoTerminal) {
		t.Errorf("second Play on a terminal used once = %v, want ErrNoTerminal", err)
	}
}

func TestTerminalPlayerStops(t *testing.T) {
	dir := fakeBin(t, "mpv")
	t.Setenv(terminalEnv, "1")
	p, err := New(filepath.Join(dir, "mpv"), Options{Terminal: true})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	in, keys := io.Pipe()
	defer keys.Close()
	p.(Attacher).Attach(Terminal{In: in, Out: &screen{}})
	if err := p.Play(ctx, "http://x/1.ts", "News"); err != nil {
		t.Fatal(err)
	}
	proc := p.Process()
	if err := p.Close(ctx); err != nil {
		t.Fatal(err)
	}
	if proc.Alive() {
		t.Error("the player survived Close")
	}
	if e := waitEvent(t, p, Exited, 1); e.Err != nil {
		t.Errorf("a player tuner stopped reported %v, want no error", e.Err)
	}
}

// TestRealMPVDrawsInTheTerminal plays a clip with real mpv in terminal mode
// and checks that frames arrive as 24-bit colour cells.
func TestRealMPVDrawsInTheTerminal(t *testing.T) {
	testutil.RequireTool(t, "mpv")
	var live atomic.Int32
	srv := clipServer(t, &live)
	defer srv.Close()
	p, err := New("mpv --ao=null", Options{Terminal: true})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	in, keys := io.Pipe()
	defer keys.Close()
	out := &screen{}
	p.(Attacher).Attach(Terminal{In: in, Out: out})
	if err := p.Play(ctx, srv.URL+"/1.ts", "Clip"); err != nil {
		t.Fatal(err)
	}
	testutil.Eventually(t, "text video on the terminal", func() bool { return strings.Contains(out.String(), "\x1b[48;2;") })
	if err := p.Close(ctx); err != nil {
		t.Fatal(err)
	}
	testutil.Eventually(t, "mpv to close the stream", func() bool { return live.Load() == 0 })
}

func TestTerminalPlayerExitStatus(t *testing.T) {
	dir := fakeBin(t, "mpv")
	t.Setenv(terminalEnv, "1")
	tests := []struct {
		name    string
		key     string
		wantErr bool
	}{
		{"q quits cleanly", "q", false},
		{"ctrl-c is a quit, not a failure", "c", false},
		{"a failed stream is reported", "e", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := New(filepath.Join(dir, "mpv"), Options{Terminal: true})
			if err != nil {
				t.Fatal(err)
			}
			in, keys := io.Pipe()
			defer keys.Close()
			p.(Attacher).Attach(Terminal{In: in, Out: &screen{}})
			if err := p.Play(context.Background(), "http://x/1.ts", "News"); err != nil {
				t.Fatal(err)
			}
			keys.Write([]byte(tt.key))
			if e := waitEvent(t, p, Exited, 1); (e.Err != nil) != tt.wantErr {
				t.Errorf("exit reported %v, want an error: %v", e.Err, tt.wantErr)
			}
		})
	}
}
