package tui

import (
	"fmt"
	"net/url"
	"strings"

	"github.com/tuner-iptv/tuner/tui/common"
)

// GateController is a Controller whose stream gate can be forwarded over SSH,
// so a player on the person's own computer plays while tuner on the server
// holds and gives back the slot.
type GateController interface {
	// GateURL is the gate's URL for the channel playing now (it carries an
	// opaque token, never the provider's URL or password), "" when none.
	GateURL() string
}

// overSSH reports an SSH session with no graphical display: the player
// would open on a machine nobody is looking at.
func (m *Model) overSSH() bool {
	env := m.opts.Getenv
	ssh := env("SSH_CONNECTION") != "" || env("SSH_CLIENT") != "" || env("SSH_TTY") != ""
	return ssh && env("DISPLAY") == "" && env("WAYLAND_DISPLAY") == ""
}

// sshNote says once per start, over SSH with no display, where the video
// went.
func (m *Model) sshNote() {
	if m.overSSH() {
		m.status = common.StatusMsg{Text: "over SSH with no display: the player runs on this server · ? for other ways"}
	}
}

// sshHelp is the full help's part about watching over SSH.
func (m *Model) sshHelp() []string {
	if !m.overSSH() {
		return nil
	}
	out := []string{
		"Over SSH without a display",
		"  The player runs on this server, where no window can open. Start tuner",
		"  with --player for video in the terminal (mpv --vo=tct) or sound only",
		"  (mpv --no-video). Or watch on your own computer: forward tuner's gate with",
	}
	gate := m.gateURL()
	port := gatePort(gate)
	if port == "" {
		return append(out, "  the line shown here once a channel plays.")
	}
	out = append(out, fmt.Sprintf("    ssh -L %s:127.0.0.1:%s %s", port, port, m.sshTarget()))
	return append(out, "  then open "+gate+" in a player there.")
}

func (m *Model) gateURL() string {
	if g, ok := m.opts.Controller.(GateController); ok && m.playing() {
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
// the server address the SSH session came in on.
func (m *Model) sshTarget() string {
	host := "this-server"
	if f := strings.Fields(m.opts.Getenv("SSH_CONNECTION")); len(f) >= 3 {
		host = f[2]
	}
	if u := m.opts.Getenv("USER"); u != "" {
		return u + "@" + host
	}
	return host
}
