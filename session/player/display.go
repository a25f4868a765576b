package player

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// This file is the one place that says whether there is a display: the
// command line choosing a mode, the players and the screens all ask here.

// DisplayIn reports whether an environment reaches a graphical display (X11
// or Wayland), for Options.Display. Over SSH without one, the video cannot
// open a window.
func DisplayIn(getenv func(string) string) bool {
	return getenv("DISPLAY") != "" || getenv("WAYLAND_DISPLAY") != ""
}

// HasDisplay is DisplayIn of tuner's own environment.
func HasDisplay() bool { return DisplayIn(os.Getenv) }

// HeadlessSSH reports an SSH session with no graphical display: a window
// would open on a machine nobody is looking at, or not at all.
func HeadlessSSH(getenv func(string) string) bool {
	ssh := getenv("SSH_CONNECTION") != "" || getenv("SSH_CLIENT") != "" || getenv("SSH_TTY") != ""
	return ssh && !DisplayIn(getenv)
}

// SoundIn reports whether a player could reach a sound device: a sound
// server (PulseAudio or PipeWire, named by PULSE_SERVER or by its socket
// under XDG_RUNTIME_DIR) or the kernel's sound devices in /dev/snd. A
// headless server or container often has none, and a sound-only player
// there ends at once. exists reports whether a path exists.
func SoundIn(getenv func(string) string, exists func(string) bool) bool {
	if getenv("PULSE_SERVER") != "" {
		return true
	}
	if run := getenv("XDG_RUNTIME_DIR"); run != "" {
		for _, sock := range []string{"pulse/native", "pipewire-0"} {
			if exists(filepath.Join(run, sock)) {
				return true
			}
		}
	}
	return exists("/dev/snd")
}

// HasSound is SoundIn of tuner's own environment and file system.
func HasSound() bool { return SoundIn(os.Getenv, pathExists) }

func pathExists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}

// Advice is what to try when the player ended at once, as far as this
// machine tells, the action first since a status bar may cut the rest: a
// sound server where there is none, another mode where there is no display.
func Advice(getenv func(string) string, exists func(string) bool) string {
	display, sound := DisplayIn(getenv), SoundIn(getenv, exists)
	switch {
	case !sound && !display:
		return "try --mode terminal or --mode remote: no display or sound device here (a sound server: PipeWire or PulseAudio)"
	case !sound:
		return "try --mode terminal, or install a sound server (PipeWire or PulseAudio): no sound device here"
	case !display:
		return "try --mode terminal, --mode audio or --mode remote: no display here"
	}
	return "try another --mode (window, terminal, audio, remote) or another --player"
}

// DisplayMissing is the error for a player environment (Options.Env) that
// names a display of this machine, as server-display does with :0, when no
// X server listens for it: the player would claim to play into nothing.
// nil when env names no local display or one that is there.
func DisplayMissing(env []string, exists func(string) bool) error {
	d := Setup{Env: env}.Getenv(func(string) string { return "" })("DISPLAY")
	num, ok := strings.CutPrefix(d, ":")
	if !ok || num == "" {
		return nil
	}
	num, _, _ = strings.Cut(num, ".")
	sock := "/tmp/.X11-unix/X" + num
	if exists(sock) {
		return nil
	}
	return fmt.Errorf("player mode server-display: this machine shows no display %s (no X server at %s); start one, or use --mode terminal or --mode remote", d, sock)
}

// HasDisplayFor is DisplayMissing on this machine's file system.
func HasDisplayFor(env []string) error { return DisplayMissing(env, pathExists) }
