package session

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/tuner-iptv/tuner/internal/sim"
	"github.com/tuner-iptv/tuner/playlist"
	"github.com/tuner-iptv/tuner/session/lease"
)

// The test binary doubles as a simple player: linked as "fakeplayer" and
// started with fakeEnv set, it fetches the URL it is given, like a player
// would, reads until killed, and exits 1 when the fetch fails.
const fakeEnv = "TUNER_SESSION_FAKE_PLAYER"

// With fakeQuitsEnv set to an exit status, the fake player reads a little
// of the stream and ends with that status, as a player without a sound
// device does.
const fakeQuitsEnv = "TUNER_SESSION_FAKE_PLAYER_QUITS"

func TestMain(m *testing.M) {
	if os.Getenv(fakeTermEnv) != "" {
		fakeTerminalMain()
	}
	if os.Getenv(fakeEnv) != "" {
		url := os.Args[len(os.Args)-1]
		resp, err := http.Get(url)
		if err != nil || resp.StatusCode != http.StatusOK {
			fmt.Fprintln(os.Stderr, "failed to open")
			os.Exit(1)
		}
		if status := os.Getenv(fakeQuitsEnv); status != "" {
			// A player with no sound device: it reads a little, complains, prints
			// a progress line and ends.
			io.CopyN(io.Discard, resp.Body, 64<<10)
			fmt.Fprintln(os.Stderr, "SDL_OpenAudio (2 channels, 48000 Hz): ALSA: Couldn't open audio device")
			fmt.Fprint(os.Stderr, "   0.52 M-A:  0.000 fd=   0 aq=    0KB vq=    0KB sq=    0B \r")
			code, _ := strconv.Atoi(status)
			os.Exit(code)
		}
		io.Copy(io.Discard, resp.Body)
		os.Exit(0)
	}
	if spec := os.Getenv(tunerEnv); spec != "" {
		os.Exit(tunerMain(spec))
	}
	os.Exit(m.Run())
}

// As "mpv" with fakeTermEnv set, the test binary is mpv drawing in the
// terminal: it reads the stream it is given and quits on q from stdin.
const fakeTermEnv = "TUNER_SESSION_FAKE_TERMINAL_MPV"

func fakeTerminalMain() {
	url := os.Args[len(os.Args)-1]
	go func() {
		resp, err := http.Get(url)
		if err != nil || resp.StatusCode != http.StatusOK {
			fmt.Fprintln(os.Stderr, "failed to open")
			os.Exit(1)
		}
		fmt.Println("frame")
		io.Copy(io.Discard, resp.Body)
		os.Exit(0)
	}()
	in := bufio.NewReader(os.Stdin)
	for {
		b, err := in.ReadByte()
		if err != nil || b == 'q' {
			os.Exit(0)
		}
	}
}

// The test binary also doubles as a second tuner: started with tunerEnv set
// to "STOREDIR|STREAMURL|direct?", it plays the URL with headless mpv, says
// "playing" on stdout and runs until killed or signalled.
const tunerEnv = "TUNER_SESSION_TUNER_HELPER"

func tunerMain(spec string) int {
	parts := strings.Split(spec, "|")
	store, err := lease.Open(parts[0])
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	m, err := New(Options{Player: headless, Store: store, Direct: parts[2] == "direct"})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	done := make(chan struct{})
	stop := OnSignals(m, 5*time.Second, func(os.Signal) { close(done) })
	defer stop()
	if err := m.Play(context.Background(), playlist.Channel{Name: "Helper", URL: parts[1]}); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	fmt.Println("playing")
	<-done
	return 0
}

// startTuner runs a second tuner process playing url and waits until it plays.
func startTuner(t *testing.T, store *lease.Store, url string, direct bool) *exec.Cmd {
	t.Helper()
	mode := "gate"
	if direct {
		mode = "direct"
	}
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), tunerEnv+"="+store.Dir()+"|"+url+"|"+mode)
	cmd.Stderr = os.Stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	line, err := bufio.NewReader(out).ReadString('\n')
	if err != nil || line != "playing\n" {
		t.Fatalf("second tuner did not start playing: %q %v", line, err)
	}
	return cmd
}

func fakePlayer(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "fakeplayer")
	if err := os.Symlink(self, path); err != nil {
		t.Fatal(err)
	}
	t.Setenv(fakeEnv, "1")
	return path
}

func tempStore(t *testing.T) *lease.Store { return tempStoreB(t) }

func tempStoreB(t testing.TB) *lease.Store {
	t.Helper()
	s, err := lease.Open(filepath.Join(t.TempDir(), "state"))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func newManager(t *testing.T, opts Options) *Manager {
	t.Helper()
	if opts.Store == nil {
		opts.Store = tempStore(t)
	}
	if opts.StartTimeout == 0 {
		opts.StartTimeout = 20 * time.Second
	}
	m, err := New(opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { m.Close(context.Background()) })
	return m
}

func startSim(t testing.TB, cfg sim.Config) *sim.Server {
	t.Helper()
	s := sim.New(cfg)
	if err := s.Start("127.0.0.1:0"); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(s.Close)
	return s
}

func simChannel(s *sim.Server, id int, ext string) playlist.Channel {
	name := fmt.Sprintf("channel %d", id)
	if c, ok := s.Channel(id); ok {
		name = c.Name
	}
	return playlist.Channel{Name: name, URL: s.StreamURL(id, ext), Source: "sim"}
}

func simWait(t testing.TB, s *sim.Server, active int) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := s.WaitActive(ctx, active); err != nil {
		t.Fatalf("simulator: %d connections, want %d: %v", s.Active(), active, err)
	}
}
