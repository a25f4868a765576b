package tui

import (
	"context"
	"errors"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/tuner-iptv/tuner/playlist"
	"github.com/tuner-iptv/tuner/session"
	"github.com/tuner-iptv/tuner/tui/browser"
	"github.com/tuner-iptv/tuner/tui/clipboard"
	"github.com/tuner-iptv/tuner/tui/common"
	"github.com/tuner-iptv/tuner/tui/refusal"
)

// closeTimeout bounds how long quitting waits for playback to stop.
const closeTimeout = 10 * time.Second

// playState is what the status bar says about playback.
type playState struct {
	seq     int
	state   session.State
	channel playlist.Channel
	message string
	stats   session.Stats
	// starting is true while a Play call is under way; its refusal comes
	// back as its result, so the event that also reports it is not needed.
	starting bool
	// closedOutside is true once the player was closed from outside tuner
	// (another tuner took the slot over): the stop is not the person's, so
	// the status bar says why.
	closedOutside bool
	// screen is the refusal screen while it is open.
	screen *refusal.Model
}

// playKeys act on playback from the browser.
type playKeys struct {
	Stop key.Binding
	Copy key.Binding
}

func newPlayKeys(o common.KeyOverrides) playKeys {
	return playKeys{
		Stop: o.Bind(common.ActionStop, key.NewBinding(key.WithKeys("s"), key.WithHelp("s", "stop"))),
		Copy: o.Bind(common.ActionCopyURL, key.NewBinding(key.WithKeys("y"), key.WithHelp("y", "copy stream URL"))),
	}
}

// playKeysFor enables the keys that apply now: only on the browser while it
// takes no text, Stop only while something plays.
func (m *Model) playKeysFor() playKeys {
	k := newPlayKeys(m.com.Keys)
	onBrowser := m.active == common.Component(m.browser) && !m.browser.Capturing()
	k.Copy.SetEnabled(onBrowser && m.browser.SelectedChannel() != nil)
	k.Stop.SetEnabled(onBrowser && m.opts.Controller != nil && m.playing())
	return k
}

func (m *Model) playing() bool {
	return m.play.state == session.Playing || m.play.state == session.Starting
}

// handlePlayKey acts on s and y; ok is false for any other key.
func (m *Model) handlePlayKey(msg tea.KeyPressMsg) (tea.Cmd, bool) {
	k := m.playKeysFor()
	switch {
	case key.Matches(msg, k.Stop):
		return m.stop(), true
	case key.Matches(msg, k.Copy):
		return m.copyURL(), true
	}
	return nil, false
}

// stop stops playback; the Stopped event follows from the controller.
func (m *Model) stop() tea.Cmd {
	m.play.seq++ // a start still under way no longer counts
	m.play.starting = false
	m.play.state = session.Stopping
	seq, ctrl, ctx := m.play.seq, m.opts.Controller, m.ctx
	return func() tea.Msg {
		return stoppedMsg{seq: seq, err: ctrl.Stop(ctx)}
	}
}

type stoppedMsg struct {
	seq int
	err error
}

func (m *Model) handleStopped(msg stoppedMsg) tea.Cmd {
	if msg.seq != m.play.seq {
		return nil
	}
	if msg.err != nil {
		m.status = common.StatusMsg{Text: "stopping: " + playlist.MaskURL(msg.err.Error()), Err: true}
	}
	if m.play.state == session.Stopping {
		m.play.state = session.Stopped
	}
	return m.markPlaying()
}

// copyURL puts the selected channel's stream URL on the clipboard through
// the terminal (OSC 52, which also works over SSH). The person asked for the
// URL as it is, password included; the screen shows it masked.
func (m *Model) copyURL() tea.Cmd {
	ch := m.browser.SelectedChannel()
	if ch == nil {
		return nil
	}
	m.status = common.StatusMsg{Text: "copied " + playlist.MaskURL(ch.URL)}
	return clipboard.Copy(ch.URL, m.opts.Getenv)
}

type playResultMsg struct {
	seq   int
	err   error
	slots session.SlotStatus
}

type eventMsg struct {
	ev    session.Event
	slots session.SlotStatus
	ok    bool // false once the controller closed its channel
}

type closedMsg struct{ err error }

func (m *Model) handlePlay(msg browser.PlayMsg) tea.Cmd {
	ctrl := m.opts.Controller
	if ctrl == nil {
		m.status.Err = false
		m.status.Text = "stream: " + playlist.MaskURL(msg.Channel.URL)
		return nil
	}
	m.play.seq++
	m.play.state = session.Starting
	m.play.channel = msg.Channel
	m.play.message = ""
	m.play.stats = session.Stats{}
	m.play.starting = true
	m.status = common.StatusMsg{}
	seq, ch, ctx := m.play.seq, msg.Channel, m.ctx
	if tc, ok := m.terminalController(); ok {
		return m.playInTerminal(tc, seq, ch)
	}
	return func() tea.Msg {
		err := ctrl.Play(ctx, ch)
		return playResultMsg{seq: seq, err: err, slots: ctrl.Slots()}
	}
}

func (m *Model) handlePlayResult(msg playResultMsg) tea.Cmd {
	m.slots = msg.slots
	if msg.seq != m.play.seq {
		return nil // the person zapped on meanwhile
	}
	m.play.starting = false
	var refused *session.RefusedError
	var busy *session.SlotBusyError
	switch {
	case msg.err == nil:
		if m.play.state == session.Starting {
			m.play.state = session.Playing
		}
		m.sshNote()
	case errors.As(msg.err, &refused):
		m.play.state = session.Refused
		m.play.message = playlist.MaskURL(msg.err.Error())
		return tea.Batch(m.markPlaying(), m.openRefusal(refusal.New(m.ctx, m.com, m.refusalOptions(), m.play.channel, refused.Refusal)))
	case errors.As(msg.err, &busy):
		m.play.state = session.Failed
		m.play.message = "another tuner holds the slot"
		return tea.Batch(m.markPlaying(), m.openRefusal(refusal.NewBusy(m.ctx, m.com, m.refusalOptions(), m.play.channel, busy)))
	case errors.Is(msg.err, context.Canceled):
		m.play.state = session.Stopped
	default:
		m.play.state = session.Failed
		m.play.message = playlist.MaskURL(msg.err.Error())
	}
	return m.markPlaying()
}

func (m *Model) handleEvent(msg eventMsg) tea.Cmd {
	if !msg.ok {
		return nil
	}
	m.slots = msg.slots
	ev := msg.ev
	var open tea.Cmd
	if ev.State == session.Refused && ev.Refusal != nil && !m.play.starting && m.play.screen == nil {
		// Refused while playing (an HLS segment, a reconnect): Play has
		// returned long ago, so the event is the only word of it.
		open = m.openRefusal(refusal.New(m.ctx, m.com, m.refusalOptions(), ev.Channel, ev.Refusal))
	}
	m.play.state = ev.State
	m.play.closedOutside = ev.State == session.Stopped && errors.Is(ev.Err, session.ErrPlayerClosed)
	if ev.State == session.Playing {
		m.play.stats = ev.Stats
	}
	if ev.Channel.Name != "" {
		m.play.channel = ev.Channel
	}
	switch {
	case ev.Message != "":
		m.play.message = playlist.MaskURL(ev.Message)
	case ev.Err != nil:
		m.play.message = playlist.MaskURL(ev.Err.Error())
	default:
		m.play.message = ""
	}
	return tea.Batch(m.markPlaying(), listenCmd(m.opts.Controller), open)
}

// markPlaying tells the browser which row to mark as playing.
func (m *Model) markPlaying() tea.Cmd {
	var ch *playlist.Channel
	if m.play.state == session.Playing || m.play.state == session.Starting {
		ch = &m.play.channel
	}
	_, cmd := m.browser.Update(browser.PlayingMsg{Channel: ch}) // also behind another screen
	return cmd
}

// listenCmd waits for the next playback event.
func listenCmd(ctrl session.Controller) tea.Cmd {
	return func() tea.Msg {
		ev, ok := <-ctrl.Events()
		return eventMsg{ev: ev, ok: ok, slots: ctrl.Slots()}
	}
}

func closeCmd(ctrl session.Controller) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), closeTimeout)
		defer cancel()
		return closedMsg{err: ctrl.Close(ctx)}
	}
}
