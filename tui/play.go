package tui

import (
	"context"
	"errors"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/tuner-iptv/tuner/playlist"
	"github.com/tuner-iptv/tuner/session"
	"github.com/tuner-iptv/tuner/tui/browser"
	"github.com/tuner-iptv/tuner/tui/common"
)

// closeTimeout bounds how long quitting waits for playback to stop.
const closeTimeout = 10 * time.Second

// playState is what the status bar says about playback.
type playState struct {
	seq     int
	state   session.State
	channel playlist.Channel
	message string
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
	m.status = common.StatusMsg{}
	seq, ch, ctx := m.play.seq, msg.Channel, m.ctx
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
	var refused *session.RefusedError
	switch {
	case msg.err == nil:
		if m.play.state == session.Starting {
			m.play.state = session.Playing
		}
	case errors.As(msg.err, &refused):
		m.play.state = session.Refused
		m.play.message = playlist.MaskURL(msg.err.Error())
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
	m.play.state = ev.State
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
	return tea.Batch(m.markPlaying(), listenCmd(m.opts.Controller))
}

// markPlaying tells the browser which row to mark as playing.
func (m *Model) markPlaying() tea.Cmd {
	var ch *playlist.Channel
	if m.play.state == session.Playing || m.play.state == session.Starting {
		ch = &m.play.channel
	}
	return m.forward(browser.PlayingMsg{Channel: ch})
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
