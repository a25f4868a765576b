package player

import (
	"fmt"
	"strings"
)

// Mode says where and how the player shows video; the values are the
// config's and --mode's.
type Mode string

// Player modes.
const (
	ModeWindow        Mode = "window"         // a window on this machine's display
	ModeTerminal      Mode = "terminal"       // mpv draws the video in the terminal (--vo=tct)
	ModeAudio         Mode = "audio"          // sound only
	ModeServerDisplay Mode = "server-display" // the display attached to the machine tuner runs on
	ModeRemote        Mode = "remote"         // no player here: one on another computer, through a forwarded gate
	ModeDirect        Mode = "direct"         // the URL goes straight to the player, bypassing the gate
)

// serverDisplay is the display of the machine itself, for server-display.
const serverDisplay = ":0"

// Setup is a player command and how it shows video, as a mode makes it.
type Setup struct {
	Command  string
	Direct   bool     // hand stream URLs straight to the player
	Terminal bool     // mpv draws in the terminal, which the screen hands over
	Remote   bool     // no player here: the person watches on their own computer
	Env      []string // for the player process (Options.Env): DISPLAY for server-display
	Note     string   // said to the person when tuner picked the mode itself
}

// Choose makes the Setup of a player command in a mode, in the environment
// getenv reads. With no mode, tuner picks: a window where there is a display;
// over SSH without one, video drawn in this terminal when the player is mpv,
// since it needs neither a display nor a sound device (a headless server
// often has neither, and sound only then ends at once), else sound only.
// Every error is a mistake in the mode or command asked for.
func Choose(command string, mode Mode, getenv func(string) string) (Setup, error) {
	s := Setup{Command: command}
	if mode == "" {
		if !HeadlessSSH(getenv) {
			return s, nil
		}
		mode, s.Note = sshDefault(Kind(command))
	}
	return s.apply(mode)
}

// sshDefault is the mode over SSH without a display, and what to say of it.
func sshDefault(kind string) (Mode, string) {
	if kind == "mpv" {
		return ModeTerminal, "over SSH with no display: video plays in this terminal (q in mpv comes back); --mode audio for sound only, --mode remote to watch on your own computer"
	}
	return ModeAudio, "over SSH with no display: playing sound only on this server; --mode remote to watch on your own computer"
}

func (s Setup) apply(mode Mode) (Setup, error) {
	kind := Kind(s.Command)
	switch mode {
	case ModeWindow:
	case ModeDirect:
		s.Direct = true
	case ModeServerDisplay:
		s.Env = []string{"DISPLAY=" + serverDisplay}
	case ModeAudio:
		flag := audioOnlyFlag(kind)
		if flag == "" {
			return s, fmt.Errorf("player mode audio: tuner knows no sound-only flag for %q; add one to --player yourself", kind)
		}
		s.Command += " " + flag
	case ModeTerminal:
		if kind != "mpv" {
			return s, fmt.Errorf("player mode terminal needs mpv, which draws video as text (--vo=tct); %q cannot", kind)
		}
		s.Terminal = true
	case ModeRemote:
		s.Remote = true
	default:
		return s, fmt.Errorf("unknown player mode %q: use window, terminal, audio, server-display, remote or direct", mode)
	}
	return s, nil
}

func audioOnlyFlag(kind string) string {
	switch kind {
	case "mpv", "vlc":
		return "--no-video"
	case "ffplay":
		return "-nodisp"
	}
	return ""
}

// Getenv is getenv as the player sees it, Env on top: what decides whether
// it has a display.
func (s Setup) Getenv(getenv func(string) string) func(string) string {
	if len(s.Env) == 0 {
		return getenv
	}
	return func(key string) string {
		for i := len(s.Env) - 1; i >= 0; i-- {
			if k, v, _ := strings.Cut(s.Env[i], "="); k == key {
				return v
			}
		}
		return getenv(key)
	}
}
