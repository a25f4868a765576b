package player

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

func envOf(m map[string]string) func(string) string { return func(k string) string { return m[k] } }

func TestChoose(t *testing.T) {
	ssh := envOf(map[string]string{"SSH_CONNECTION": "10.0.0.2 5555 10.0.0.1 22"})
	desk := envOf(map[string]string{"DISPLAY": ":0"})
	sshX := envOf(map[string]string{"SSH_TTY": "/dev/pts/3", "DISPLAY": "localhost:10.0"})
	none := envOf(nil)
	for _, tc := range []struct {
		name    string
		command string
		mode    Mode
		env     func(string) string
		want    Setup
		wantErr string
	}{
		{name: "a window on a desktop", command: "mpv", env: desk, want: Setup{Command: "mpv"}},
		{name: "with no display and no SSH mpv draws in the terminal and says so", command: "mpv --fs", env: none,
			want: Setup{Command: "mpv --fs", Terminal: true, Note: "no display: video plays in this terminal (q in mpv comes back); --mode audio for sound only, --mode remote to watch on your own computer"}},
		{name: "with no display and no SSH a command that names its output is kept", command: "mpv --vo=null --ao=null", env: none,
			want: Setup{Command: "mpv --vo=null --ao=null"}},
		{name: "with no display and no SSH another player plays sound only", command: "ffplay", env: none,
			want: Setup{Command: "ffplay -nodisp", Note: "no display: playing sound only; --player mpv to watch in this terminal, --mode remote to watch on your own computer"}},
		{name: "a window over SSH with X forwarded", command: "mpv", env: sshX, want: Setup{Command: "mpv"}},
		{name: "over SSH without a display mpv draws in the terminal and says so", command: "mpv", env: ssh,
			want: Setup{Command: "mpv", Terminal: true, Note: "over SSH with no display: video plays in this terminal (q in mpv comes back); --mode audio for sound only, --mode remote to watch on your own computer"}},
		{name: "over SSH without a display another player plays sound only", command: "vlc", env: ssh,
			want: Setup{Command: "vlc --no-video", Note: "over SSH with no display: playing sound only on this server; --mode remote to watch on your own computer"}},
		{name: "over SSH a mode asked for is kept, without a note", command: "mpv", mode: ModeWindow, env: ssh, want: Setup{Command: "mpv"}},
		{name: "audio with mpv", command: "mpv", mode: ModeAudio, env: desk, want: Setup{Command: "mpv --no-video"}},
		{name: "audio with ffplay", command: "ffplay -fs", mode: ModeAudio, env: desk, want: Setup{Command: "ffplay -fs -nodisp"}},
		{name: "direct", command: "mpv", mode: ModeDirect, env: desk, want: Setup{Command: "mpv", Direct: true}},
		{name: "server-display sets the player's DISPLAY", command: "mpv", mode: ModeServerDisplay, env: ssh, want: Setup{Command: "mpv", Env: []string{"DISPLAY=:0"}}},
		{name: "terminal keeps mpv's arguments", command: "mpv --ao=null", mode: ModeTerminal, env: desk, want: Setup{Command: "mpv --ao=null", Terminal: true}},
		{name: "remote over SSH", command: "mpv", mode: ModeRemote, env: ssh, want: Setup{Command: "mpv", Remote: true}},
		{name: "terminal needs mpv", command: "vlc", mode: ModeTerminal, env: ssh, wantErr: `player mode terminal needs mpv, which draws video as text (--vo=tct); "vlc" cannot`},
		{name: "audio for an unknown player", command: "myplayer --x", mode: ModeAudio, env: desk, wantErr: `player mode audio: tuner knows no sound-only flag for "myplayer"; add one to --player yourself`},
		{name: "an unknown mode", command: "mpv", mode: "hologram", env: desk, wantErr: `unknown player mode "hologram": use window, terminal, audio, server-display, remote or direct`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := ChooseOn(tc.command, tc.mode, tc.env, machine("/dev/snd"))
			if tc.wantErr != "" {
				if err == nil || err.Error() != tc.wantErr {
					t.Fatalf("err %v, want %q", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got.Command != tc.want.Command || got.Direct != tc.want.Direct || got.Terminal != tc.want.Terminal ||
				got.Remote != tc.want.Remote || got.Note != tc.want.Note || !slices.Equal(got.Env, tc.want.Env) {
				t.Errorf("got %+v\nwant %+v", got, tc.want)
			}
		})
	}
}

// machine is a file system that has the paths given.
func machine(paths ...string) func(string) bool {
	return func(p string) bool { return slices.Contains(paths, p) }
}

func TestChooseWhereThereIsNoSoundOrScreen(t *testing.T) {
	none := envOf(nil)
	s, err := ChooseOn("vlc", "", none, machine())
	if err != nil || s.Command != "vlc --no-video" || !strings.Contains(s.Note, "no sound device") {
		t.Errorf("vlc with no display and no sound: %+v %v", s, err)
	}
	sd, _ := ChooseOn("mpv", ModeServerDisplay, none, machine())
	if err := DisplayMissing(sd.Env, machine()); err == nil || !strings.Contains(err.Error(), "no display :0") {
		t.Errorf("server-display without :0: %v", err)
	}
	if err := DisplayMissing(sd.Env, machine("/tmp/.X11-unix/X0")); err != nil {
		t.Errorf("server-display with :0: %v", err)
	}
	if err := DisplayMissing(nil, machine()); err != nil {
		t.Errorf("no display asked for: %v", err)
	}
}

func TestDisplayDetection(t *testing.T) {
	for _, tc := range []struct {
		name              string
		env               map[string]string
		display, headless bool
	}{
		{"nothing set", nil, false, false},
		{"X11", map[string]string{"DISPLAY": ":0"}, true, false},
		{"Wayland", map[string]string{"WAYLAND_DISPLAY": "wayland-0"}, true, false},
		{"SSH_CONNECTION alone", map[string]string{"SSH_CONNECTION": "1 2 3 4"}, false, true},
		{"SSH_CLIENT alone", map[string]string{"SSH_CLIENT": "1 2 3"}, false, true},
		{"SSH_TTY alone", map[string]string{"SSH_TTY": "/dev/pts/0"}, false, true},
		{"SSH with X forwarded", map[string]string{"SSH_CONNECTION": "1 2 3 4", "DISPLAY": "localhost:10.0"}, true, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			env := envOf(tc.env)
			if got := DisplayIn(env); got != tc.display {
				t.Errorf("DisplayIn = %v, want %v", got, tc.display)
			}
			if got := HeadlessSSH(env); got != tc.headless {
				t.Errorf("HeadlessSSH = %v, want %v", got, tc.headless)
			}
		})
	}
}

// Server-display is not headless: the screens and the player see the
// display the mode gives the player, and tuner's own environment is left
// as it was.
func TestServerDisplayIsAValueNotTheProcessEnvironment(t *testing.T) {
	ssh := envOf(map[string]string{"SSH_CONNECTION": "1 2 3 4", "USER": "alice"})
	s, err := Choose("mpv", ModeServerDisplay, ssh)
	if err != nil {
		t.Fatal(err)
	}
	env := s.Getenv(ssh)
	if HeadlessSSH(env) || !DisplayIn(env) || env("DISPLAY") != ":0" || env("USER") != "alice" {
		t.Errorf("as the player sees it: DISPLAY %q, USER %q, headless %v", env("DISPLAY"), env("USER"), HeadlessSSH(env))
	}
	if w, _ := Choose("mpv", ModeWindow, ssh); w.Getenv(ssh)("DISPLAY") != "" {
		t.Error("a window mode made up a display")
	}
}

// The player process gets Options.Env on top of tuner's environment; one
// started without it gets tuner's.
func TestPlayerProcessGetsTheModesEnvironment(t *testing.T) {
	t.Setenv("DISPLAY", ":5")
	for _, tc := range []struct {
		env  []string
		want string
	}{
		{[]string{"DISPLAY=:0"}, ":0"},
		{nil, ":5"},
	} {
		out := filepath.Join(t.TempDir(), "display")
		p, err := New(`sh -c 'echo "$DISPLAY" > `+out+`'`, Options{Env: tc.env})
		if err != nil {
			t.Fatal(err)
		}
		ctx := context.Background()
		if err := p.Play(ctx, "http://127.0.0.1:1/x.ts", ""); err != nil {
			t.Fatal(err)
		}
		waitEvent(t, p, Exited, 1)
		b, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		if got := strings.TrimSpace(string(b)); got != tc.want {
			t.Errorf("with Env %v the player saw DISPLAY=%q, want %q", tc.env, got, tc.want)
		}
		closeCtx, cancel := context.WithTimeout(ctx, 5*time.Second)
		p.Close(closeCtx)
		cancel()
		if os.Getenv("DISPLAY") != ":5" {
			t.Fatalf("tuner's own DISPLAY changed to %q", os.Getenv("DISPLAY"))
		}
	}
}
