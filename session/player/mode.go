package player

import (
	"fmt"
	"runtime"
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
// getenv reads and on this machine's file system. With no mode, tuner
// picks: a window where there is a display; without one (over SSH or not),
// video drawn in this terminal when the player is mpv, since it needs
// neither a display nor a sound device (a headless machine often has
// neither, and sound only then ends at once), else sound only. Every error
// is a mistake in the mode or command asked for, or a mode this machine
// cannot give.
func Choose(command string, mode Mode, getenv func(string) string) (Setup, error) {
	return ChooseOn(command, mode, getenv, pathExists)
}

// ChooseOn is Choose with exists telling whether a path exists.
func ChooseOn(command string, mode Mode, getenv func(string) string, exists func(string) bool) (Setup, error) {
	s := Setup{Command: command}
	if mode == "" {
		if !noDisplay(getenv) || !HeadlessSSH(getenv) && namesOutput(command) {
			return s, nil
		}
		mode, s.Note = noDisplayDefault(Kind(command), HeadlessSSH(getenv), SoundIn(getenv, exists))
	}
	return s.apply(mode)
}

// noDisplay reports an environment with no graphical display, where a
// window would not open or open where nobody looks. macOS and Windows open
// windows without DISPLAY.
func noDisplay(getenv func(string) string) bool {
	return !DisplayIn(getenv) && runtime.GOOS != "darwin" && runtime.GOOS != "windows"
}

// namesOutput reports a player command that already says where its video
// goes ("mpv --vo=null", "ffplay -nodisp"): outside SSH tuner leaves that
// choice alone.
func namesOutput(command string) bool {
	args, err := SplitCommand(command)
	return err == nil && hasFlag(args, "--vo", "-vo", "--no-video", "-nodisp", "--vout")
}

// noDisplayDefault is the mode with no display, and what to say of it.
func noDisplayDefault(kind string, ssh, sound bool) (Mode, string) {
	where := "no display"
	if ssh {
		where = "over SSH with no display"
	}
	if kind == "mpv" {
		return ModeTerminal, where + ": video plays in this terminal (q in mpv comes back); --mode audio for sound only, --mode remote to watch on your own computer"
	}
	if !sound {
		return ModeAudio, where + " and no sound device: sound only will fail here; --player mpv to watch in this terminal, --mode remote to watch on your own computer"
	}
	if ssh {
		return ModeAudio, where + ": playing sound only on this server; --mode remote to watch on your own computer"
	}
	return ModeAudio, where + ": playing sound only; --player mpv to watch in this terminal, --mode remote to watch on your own computer"
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
