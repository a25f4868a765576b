// Package player drives the external program that shows the video. mpv is
// reused through its JSON IPC; VLC through its rc interface; ffplay and any
// other command are started afresh for every channel.
//
// A player is only ever given gate URLs (or, in direct mode, what the caller
// passes), never a password on its command line.
package player

import (
	"context"
	"fmt"
	"net/http"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"github.com/tuner-iptv/tuner/session/lease"
)

// Player is one external player.
type Player interface {
	// Name is the adapter's name: "mpv", "vlc", "ffplay" or the command's.
	Name() string
	// Play starts url, replacing whatever plays. It returns once the player
	// took the URL, not once video shows.
	Play(ctx context.Context, url, title string) error
	// Stop ends playback. A reusable player (mpv, VLC) stays open and idle;
	// others exit. A player that will not stop is killed.
	Stop(ctx context.Context) error
	// Close quits the player, killing its process group if it will not go.
	Close(ctx context.Context) error
	// Process is the running player process; zero when none runs.
	Process() lease.Proc
	// Status is what the player last reported.
	Status() Status
	// Events reports playback starting and ending.
	Events() <-chan Event
	// Gen is the generation of the latest Play (1 for the first); events
	// carry the generation they belong to.
	Gen() int
}

// HeaderSetter is a player that can send a channel's HTTP headers itself,
// which direct mode needs (through the gate, the gate sends them).
type HeaderSetter interface {
	SetHeaders(ctx context.Context, h http.Header) error
}

// Status is a player's last report. Zero fields are unknown.
type Status struct {
	Playing      bool // video is moving
	Idle         bool // nothing loaded
	Paused       bool
	Elapsed      time.Duration
	Width        int
	Height       int
	VideoBitrate float64 // bits per second
	AudioBitrate float64
	CacheSeconds float64
	// Position and Length are where the file being played stands and how
	// long it is (mpv's time-pos and duration); Position stays at its last
	// value once the file ends, until the next Play.
	Position time.Duration
	Length   time.Duration
}

// EventKind says what happened.
type EventKind int

// Player events.
const (
	Started EventKind = iota // playback of the current URL began
	Ended                    // the current URL ended; Err says why when it failed
	Exited                   // the player process exited
)

func (k EventKind) String() string {
	return [...]string{"started", "ended", "exited"}[k]
}

// Event is one change reported by a player. Gen is the Play call it belongs
// to (1 for the first), so a late report about an earlier channel can be told
// apart.
type Event struct {
	Kind EventKind
	Gen  int
	Err  error
	// Output is the player's own last word on an Ended or Exited event:
	// the line of its output (or, for mpv, its log) that says what went
	// wrong, masked; "" when it said nothing.
	Output string
}

// Options tune how players are started.
type Options struct {
	// RuntimeDir holds mpv's IPC socket; default a private temp directory.
	RuntimeDir string
	// StopTimeout is how long a player may take to stop or quit before its
	// process group is killed; default 3 s.
	StopTimeout time.Duration
	// Display says whether a graphical display is available; mpv then keeps
	// its window open between channels.
	Display bool
	// Terminal runs mpv in the foreground of a terminal handed over before
	// each Play (see Attacher), drawing video as text; only mpv can.
	Terminal bool
	// Env is set for the player process on top of tuner's environment, as
	// "KEY=value" (Setup.Env: DISPLAY for server-display).
	Env []string
	// SecretEnv names environment variables that hold a password (a
	// config's password_env) to keep from the player, besides every TUNER_
	// variable.
	SecretEnv []string
}

func (o Options) withDefaults() Options {
	if o.StopTimeout <= 0 {
		o.StopTimeout = 3 * time.Second
	}
	return o
}

// New parses a player command ("mpv", "mpv --vo=null --ao=null", "vlc",
// "ffplay -fs", "myplayer --flag {url}") and returns its adapter. The first
// word picks the adapter. A program that is not installed is an error that
// says how to install one.
func New(command string, opts Options) (Player, error) {
	args, err := SplitCommand(command)
	if err != nil {
		return nil, fmt.Errorf("--player %q: %w", command, err)
	}
	if len(args) == 0 {
		args = []string{"mpv"}
	}
	path, err := exec.LookPath(args[0])
	if err != nil {
		return nil, notFound(args[0])
	}
	opts = opts.withDefaults()
	if kind(args[0]) == "mpv" {
		if opts.Terminal {
			return newAttached(path, args[1:], opts), nil
		}
		return newMPV(path, args[1:], opts), nil
	}
	if opts.Terminal {
		return nil, fmt.Errorf("player mode terminal needs mpv (it draws video as text with --vo=tct); %s cannot", kind(args[0]))
	}
	if kind(args[0]) == "vlc" {
		return newVLC(path, args[1:], opts), nil
	}
	return newRestarting(kind(args[0]), path, args[1:], opts), nil
}

// kind is the adapter a program name picks.
// Kind names the adapter a player command gets, from its first word: "mpv",
// "vlc", or the program's own name ("ffplay", "myplayer"); "" for an empty
// or unparsable command.
func Kind(command string) string {
	args, err := SplitCommand(command)
	if err != nil || len(args) == 0 {
		return ""
	}
	return kind(args[0])
}

func kind(prog string) string {
	base := strings.TrimSuffix(filepath.Base(prog), ".exe")
	switch base {
	case "mpv", "mpv.com":
		return "mpv"
	case "vlc", "cvlc", "nvlc":
		return "vlc"
	}
	return base
}

// NotFoundError is returned by New for a program that is not installed.
type NotFoundError struct {
	Program string
	Package string // what to install, when known
}

func (e *NotFoundError) Error() string {
	if e.Package == "" {
		return e.Program + " not found: install it, or choose another player with --player"
	}
	return fmt.Sprintf("%s not found: install it with `sudo apt install %s` (or brew install %s), or choose another with --player",
		e.Program, e.Package, e.Package)
}

func notFound(prog string) error {
	pkg := map[string]string{"mpv": "mpv", "vlc": "vlc", "ffplay": "ffmpeg"}[kind(prog)]
	return &NotFoundError{Program: prog, Package: pkg}
}

// Private reports whether the player receives URLs over a private channel
// (mpv's IPC socket, VLC's rc port) rather than on its command line, where
// every user of the machine can read them.
func Private(p Player) bool {
	switch p.(type) {
	case *mpv, *vlc:
		return true
	}
	return false
}
