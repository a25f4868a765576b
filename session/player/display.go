package player

import "os"

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
