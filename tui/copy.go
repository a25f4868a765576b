package tui

import (
	"strings"

	tea "charm.land/bubbletea/v2"

	"github.com/tuner-iptv/tuner/playlist"
	"github.com/tuner-iptv/tuner/tui/clipboard"
	"github.com/tuner-iptv/tuner/tui/common"
)

// copyURL puts a URL to play on the clipboard through the terminal (OSC 52,
// which also works over SSH) and says exactly which. In remote mode that is
// the gate's URL, the one the person's own player opens: the provider's URL
// opened there would take a second connection and earn a 401. Elsewhere it
// is the selected channel's URL with its password hidden, unless Reveal
// gives the one a request sends.
func (p *playback) copyURL(ch *playlist.Channel) tea.Cmd {
	if ch == nil {
		return nil
	}
	if rc, ok := p.opts.Controller.(RemoteController); ok && rc.WatchesRemotely() {
		return p.copyGateURL(rc)
	}
	url, note := p.com.Mask(ch.URL), "copied the channel URL"
	if strings.Contains(url, playlist.Placeholder) {
		note += " (password hidden)"
	}
	if p.opts.Reveal != nil {
		url, note = p.opts.Reveal(*ch), "copied the channel URL with its password (--show-secrets)"
	}
	p.app.status = common.StatusMsg{Text: note + ": " + p.com.Mask(ch.URL)}
	return clipboard.Copy(url, p.opts.Getenv)
}

// copyGateURL copies the gate's URL for what plays; nothing plays, nothing
// is copied.
func (p *playback) copyGateURL(rc RemoteController) tea.Cmd {
	gate := ""
	if p.playing() {
		gate = rc.GateURL()
	}
	if gate == "" {
		p.app.status = common.StatusMsg{Text: "nothing plays: enter plays a channel, then y copies the gate URL for the remote player"}
		return nil
	}
	p.app.status = common.StatusMsg{Text: "copied the gate URL for the remote player: " + gate}
	return clipboard.Copy(gate, p.opts.Getenv)
}
