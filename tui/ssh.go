package tui

import (
	"fmt"
	"net/url"
	"strings"

	"github.com/tuner-iptv/tuner/session/player"
)

// GateController is a Controller whose stream gate can be forwarded over SSH,
// so a player on the person's own computer plays while tuner on the server
// holds and gives back the slot.
type GateController interface {
	// GateURL is the gate's URL for the channel playing now (it carries an
	// opaque token, never the provider's URL or password), "" when none.
	GateURL() string
}

// sshInfo is what tuner tells a person on an SSH session with no display:
// where the picture went, and how to watch on their own computer instead.
type sshInfo struct{ opts *Options }

// overSSH reports an SSH session with no graphical display: the player
// would open on a machine nobody is looking at.
func (s sshInfo) overSSH() bool { return player.HeadlessSSH(s.opts.Getenv) }

// note is said once per start, over SSH with no display: where the video
// went; "" elsewhere.
func (s sshInfo) note() string {
	if rc, ok := s.opts.Controller.(RemoteController); ok && rc.WatchesRemotely() {
		return "" // the remote panel says where to watch
	}
	if !s.overSSH() {
		return ""
	}
	text := s.opts.PlayerNote
	if text == "" {
		text = "over SSH with no display: the player runs on this server"
	}
	return text + " · ? for other ways"
}

// help is the full help's part about watching over SSH.
func (s sshInfo) help(playing bool) []string {
	if !s.overSSH() {
		return nil
	}
	out := []string{
		"Over SSH without a display",
		"  The player runs on this server, where no window can open. Start tuner",
		"  with --mode terminal for video in the terminal (mpv --vo=tct), --mode",
		"  audio for sound only, or --mode remote to watch on your own computer",
		"  while tuner here holds the slot. To watch there, forward tuner's gate with",
	}
	gate := s.gateURL(playing)
	port := gatePort(gate)
	if port == "" {
		return append(out, "  the line shown here once a channel plays.")
	}
	out = append(out, "    "+s.forward(port))
	return append(out, "  then open "+gate+" in a player there.")
}

func (s sshInfo) gateURL(playing bool) string {
	if g, ok := s.opts.Controller.(GateController); ok && playing {
		return g.GateURL()
	}
	return ""
}

// gatePort is the port of a gate URL on 127.0.0.1, "" if there is none.
func gatePort(gate string) string {
	u, err := url.Parse(gate)
	if err != nil || u.Port() == "" {
		return ""
	}
	return u.Port()
}

// sshTarget is user@host as the person would type it to reach this server:
// the server address the SSH session came in on, and its port when that is
// not ssh's own.
func (s sshInfo) target() string {
	host, port := "this-server", ""
	if f := strings.Fields(s.opts.Getenv("SSH_CONNECTION")); len(f) >= 4 {
		host, port = f[2], f[3]
	}
	if u := s.opts.Getenv("USER"); u != "" {
		host = u + "@" + host
	}
	if port != "" && port != "22" {
		return "-p " + port + " " + host
	}
	return host
}

// forward is the command that brings the gate's port to the person's
// own computer.
func (s sshInfo) forward(port string) string {
	return fmt.Sprintf("ssh -L %s:127.0.0.1:%s %s", port, port, s.target())
}

// RemoteController is a Controller that runs no player: the person watches
// on their own computer through a forward of the gate.
type RemoteController interface {
	GateController
	WatchesRemotely() bool
	// RemoteViewer reports whether a player there reads the stream now.
	RemoteViewer() bool
}

// panel is what to run on the person's computer while a channel waits
// for them there; nil otherwise.
func (s sshInfo) panel(playing bool) []string {
	rc, ok := s.opts.Controller.(RemoteController)
	if !ok || !rc.WatchesRemotely() || !playing {
		return nil
	}
	gate := rc.GateURL()
	port := gatePort(gate)
	if port == "" {
		return nil
	}
	// The URL is the same for every channel: a player kept open there
	// follows each zap, so the state line says whether one is connected.
	state := "no player connected"
	if rc.RemoteViewer() {
		state = "a player is connected"
	}
	return []string{
		" Watch on your own computer (s stops, frees the slot): " + state,
		"   " + s.forward(port),
		"   mpv " + gate,
	}
}
