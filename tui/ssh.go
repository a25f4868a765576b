package tui

import (
	"fmt"

	tea "charm.land/bubbletea/v2"
	"net/url"
	"strings"

	"github.com/tuner-iptv/tuner/session/player"
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
func (m *Model) overSSH() bool { return player.HeadlessSSH(m.opts.Getenv) }

// sshNote says once per start, over SSH with no display, where the video
// went.
func (m *Model) sshNote() {
	if rc, ok := m.opts.Controller.(RemoteController); ok && rc.WatchesRemotely() {
		return // the remote panel says where to watch
	}
	if !m.overSSH() {
		return
	}
	text := m.opts.PlayerNote
	if text == "" {
		text = "over SSH with no display: the player runs on this server"
	}
	m.status = common.StatusMsg{Text: text + " · ? for other ways"}
}

// sshHelp is the full help's part about watching over SSH.
func (m *Model) sshHelp() []string {
	if !m.overSSH() {
		return nil
	}
	out := []string{
		"Over SSH without a display",
		"  The player runs on this server, where no window can open. Start tuner",
		"  with --mode terminal for video in the terminal (mpv --vo=tct), --mode",
		"  audio for sound only, or --mode remote to watch on your own computer",
		"  while tuner here holds the slot. To watch there, forward tuner's gate with",
	}
	gate := m.gateURL()
	port := gatePort(gate)
	if port == "" {
		return append(out, "  the line shown here once a channel plays.")
	}
	out = append(out, "    "+m.sshForward(port))
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
// the server address the SSH session came in on, and its port when that is
// not ssh's own.
func (m *Model) sshTarget() string {
	host, port := "this-server", ""
	if f := strings.Fields(m.opts.Getenv("SSH_CONNECTION")); len(f) >= 4 {
		host, port = f[2], f[3]
	}
	if u := m.opts.Getenv("USER"); u != "" {
		host = u + "@" + host
	}
	if port != "" && port != "22" {
		return "-p " + port + " " + host
	}
	return host
}

// sshForward is the command that brings the gate's port to the person's
// own computer.
func (m *Model) sshForward(port string) string {
	return fmt.Sprintf("ssh -L %s:127.0.0.1:%s %s", port, port, m.sshTarget())
}

// RemoteController is a Controller that runs no player: the person watches
// on their own computer through a forward of the gate.
type RemoteController interface {
	GateController
	WatchesRemotely() bool
}

// remotePanel is what to run on the person's computer while a channel waits
// for them there; nil otherwise.
func (m *Model) remotePanel() []string {
	rc, ok := m.opts.Controller.(RemoteController)
	if !ok || !rc.WatchesRemotely() || !m.playing() {
		return nil
	}
	gate := rc.GateURL()
	port := gatePort(gate)
	if port == "" {
		return nil
	}
	return []string{
		" Watch on your own computer: run there (s stops and frees the slot)",
		"   " + m.sshForward(port),
		"   mpv " + gate,
	}
}

// relayout shows or hides the remote panel after playback changed, giving
// the screen above it the rest of the height.
func (m *Model) relayout(cmd tea.Cmd) tea.Cmd {
	panel := m.remotePanel()
	resize := len(panel) != len(m.remote)
	m.remote = panel
	if resize && m.com.Width > 0 {
		m.setSize(m.com.Width, m.com.Height)
	}
	return cmd
}
