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
	"github.com/tuner-iptv/tuner/tui/common"
	"github.com/tuner-iptv/tuner/tui/refusal"
)

// closeTimeout bounds how long quitting waits for playback to stop.
const closeTimeout = 10 * time.Second

// playback plays what the person asks for through the Controller, follows
// its events, and opens the refusal screen when a provider refuses. The
// status bar reads what it says about playback.
type playback struct {
	app  *hub
	ctx  context.Context
	com  *common.Common
	opts *Options
	ssh  sshInfo

	seq     int
	state   session.State
	channel playlist.Channel
	message string
	stats   session.Stats
	slots   session.SlotStatus
	// starting is true while a Play call is under way; its refusal comes
	// back as its result, so the event that also reports it is not needed.
	starting bool
	// closedOutside is true once the player was closed from outside tuner
	// (another tuner took the slot over): the stop is not the person's, so
	// the status bar says why.
	closedOutside bool
	// reconnecting is true while tuner waits to open again a stream the
	// provider cut: the status bar says what happened, not just "starting".
	reconnecting bool
	// then is what the next-episode key plays, in order; resumeAt is where
	// the next start begins, 0 for the start.
	then     []playlist.Channel
	resumeAt time.Duration
}

func newPlayback(ctx context.Context, app *hub, com *common.Common, opts *Options) *playback {
	return &playback{app: app, ctx: ctx, com: com, opts: opts, ssh: sshInfo{opts: opts}}
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

// keys enables the keys that apply now: only on the browser while it takes
// no text (onBrowser), Copy with a channel selected, Stop while something
// plays.
func (p *playback) keys(onBrowser bool, selected *playlist.Channel) playKeys {
	k := newPlayKeys(p.com.Keys)
	k.Copy.SetEnabled(onBrowser && selected != nil)
	k.Stop.SetEnabled(onBrowser && p.opts.Controller != nil && p.playing())
	return k
}

func (p *playback) playing() bool {
	return p.state == session.Playing || p.state == session.Starting
}

// handleKey acts on s and y; ok is false for any other key.
func (p *playback) handleKey(msg tea.KeyPressMsg, onBrowser bool, selected *playlist.Channel) (tea.Cmd, bool) {
	k := p.keys(onBrowser, selected)
	switch {
	case key.Matches(msg, k.Stop):
		return p.stop(), true
	case key.Matches(msg, k.Copy):
		return p.copyURL(selected), true
	}
	return nil, false
}

func (p *playback) update(msg tea.Msg) (tea.Cmd, bool) {
	switch msg := msg.(type) {
	case browser.PlayMsg:
		return p.askPlay(msg), true
	case resumeMsg:
		return p.start(msg.ch, msg.then, msg.at), true
	case watchRecordingMsg:
		return p.watchRecording(msg.ch), true
	case stopThenPlayMsg:
		return p.stopThenPlay(msg), true
	case stoppedForPlayMsg:
		return p.handleStoppedForPlay(msg), true
	case seekedMsg:
		return p.handleSeeked(msg), true
	case refusal.PlayMsg:
		p.app.closeRefusal()
		return p.handlePlay(msg.Channel), true
	case stoppedMsg:
		return p.handleStopped(msg), true
	case playResultMsg:
		return p.handlePlayResult(msg), true
	case terminalDoneMsg:
		return p.handleTerminalDone(msg), true
	case eventMsg:
		return p.handleEvent(msg), true
	}
	return nil, false
}

// stop stops playback; the Stopped event follows from the controller.
func (p *playback) stop() tea.Cmd {
	p.seq++ // a start still under way no longer counts
	p.starting = false
	p.state = session.Stopping
	seq, ctrl, ctx := p.seq, p.opts.Controller, p.ctx
	return func() tea.Msg {
		return stoppedMsg{seq: seq, err: ctrl.Stop(ctx)}
	}
}

type stoppedMsg struct {
	seq int
	err error
}

func (p *playback) handleStopped(msg stoppedMsg) tea.Cmd {
	if msg.seq != p.seq {
		return nil
	}
	if msg.err != nil {
		p.app.status = common.StatusMsg{Text: "stopping: " + playlist.MaskURL(msg.err.Error()), Err: true}
	}
	if p.state == session.Stopping {
		p.state = session.Stopped
	}
	return p.markPlaying()
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

func (p *playback) handlePlay(ch playlist.Channel) tea.Cmd {
	if !p.begin(ch) {
		p.app.status.Err = false
		p.app.status.Text = "stream: " + playlist.MaskURL(ch.URL)
		return nil
	}
	seq, ctx := p.seq, p.ctx
	if tc, ok := p.terminalController(); ok {
		return p.playInTerminal(tc, seq, ch)
	}
	return p.run(seq, p.playCall(ctx, ch))
}

// begin readies the state for a start of ch; false without a controller.
func (p *playback) begin(ch playlist.Channel) bool {
	if p.opts.Controller == nil {
		return false
	}
	p.seq++
	p.state = session.Starting
	p.channel = ch
	p.message = ""
	p.stats = session.Stats{}
	p.starting = true
	p.reconnecting = false
	p.app.status = common.StatusMsg{}
	return true
}

// run calls play off the UI goroutine and reports it as start seq's result.
func (p *playback) run(seq int, play func() error) tea.Cmd {
	ctrl := p.opts.Controller
	return func() tea.Msg {
		err := play()
		return playResultMsg{seq: seq, err: err, slots: ctrl.Slots()}
	}
}

func (p *playback) handlePlayResult(msg playResultMsg) tea.Cmd {
	p.slots = msg.slots
	if msg.seq != p.seq {
		return nil // the person zapped on meanwhile
	}
	p.starting = false
	var refused *session.RefusedError
	var busy *session.SlotBusyError
	var taken *session.SlotTakenError
	switch {
	case msg.err == nil:
		if p.state == session.Starting {
			p.state = session.Playing
		}
		if note := p.ssh.note(); note != "" {
			p.app.status = common.StatusMsg{Text: note}
		}
	case errors.As(msg.err, &refused):
		p.state = session.Refused
		p.message = playlist.MaskURL(msg.err.Error())
		return tea.Batch(p.markPlaying(), p.app.openRefusal(refusal.New(p.ctx, p.com, refusalOptions(p.opts), p.channel, refused.Refusal)))
	case errors.As(msg.err, &busy):
		p.state = session.Failed
		p.message = "another tuner holds the slot"
		return tea.Batch(p.markPlaying(), p.app.openRefusal(refusal.NewBusy(p.ctx, p.com, refusalOptions(p.opts), p.channel, busy)))
	case errors.As(msg.err, &taken) && taken.Recording != nil && p.opts.Recorder != nil:
		p.state = session.Failed
		p.message = "a recording holds the slot"
		return tea.Batch(p.markPlaying(), p.app.push(newSlotTakenScreen(p.com, p.channel, taken, p.opts.Now().Location())))
	case errors.Is(msg.err, context.Canceled):
		p.state = session.Stopped
	default:
		p.state = session.Failed
		p.message = session.Words(msg.err)
	}
	return p.markPlaying()
}

func (p *playback) handleEvent(msg eventMsg) tea.Cmd {
	if !msg.ok {
		return nil
	}
	p.slots = msg.slots
	ev := msg.ev
	var open tea.Cmd
	if ev.State == session.Refused && ev.Refusal != nil && !p.starting && p.app.refusal() == nil {
		// Refused while playing (an HLS segment, a reconnect): Play has
		// returned long ago, so the event is the only word of it.
		open = p.app.openRefusal(refusal.New(p.ctx, p.com, refusalOptions(p.opts), ev.Channel, ev.Refusal))
	}
	p.state = ev.State
	p.closedOutside = ev.State == session.Stopped && errors.Is(ev.Err, session.ErrPlayerClosed)
	p.reconnecting = ev.State == session.Starting && ev.Err != nil
	if ev.State == session.Playing {
		p.stats = ev.Stats
	}
	if ev.Channel.Name != "" {
		p.channel = ev.Channel
	}
	switch {
	case ev.Message != "":
		p.message = playlist.MaskURL(ev.Message)
	case ev.Err != nil:
		p.message = session.Words(ev.Err)
	default:
		p.message = ""
	}
	if ev.Note != "" {
		p.app.status = common.StatusMsg{Text: ev.Note}
	}
	if ev.Warning != nil {
		// The stream is closed either way; what may be wrong is tuner's own
		// record of the slot, so it is a note beside the state, not a state.
		p.app.status = common.StatusMsg{Text: playlist.MaskURL(ev.Warning.Error()), Err: true}
	}
	return tea.Batch(p.markPlaying(), listenCmd(p.opts.Controller), open)
}

// text is what the status bar says about playback, "" for nothing.
func (p *playback) text() string {
	name := p.channel.Name
	switch p.state {
	case session.Starting:
		if p.reconnecting {
			return name + ": " + p.message
		}
		return "starting " + name + "…"
	case session.Playing:
		return p.nowPlaying().String()
	case session.Stopping:
		return "stopping " + name + "…"
	case session.Stopped:
		if p.closedOutside {
			return p.message // the whole line is needed at 80 columns; the channel was the one playing
		}
	case session.Refused, session.Failed:
		if p.message != "" {
			return name + ": " + p.message
		}
		return name + ": " + p.state.String()
	}
	return ""
}

// nowPlaying is the status bar's word on what plays: a channel's name, a
// movie's or an episode's with its kind, a replay's with when it aired.
func (p *playback) nowPlaying() nowPlaying {
	name, stats := p.channel.Name, p.stats
	switch k := p.channel.Kind(); k {
	case playlist.KindLive:
	case playlist.KindReplay:
		name, stats = replayText(p.channel, p.stats, p.opts.Now())
	default:
		name = k.String() + " · " + name
	}
	return newNowPlaying(name, stats)
}

// markPlaying tells whoever subscribes (the browser, under any screen)
// which channel plays.
func (p *playback) markPlaying() tea.Cmd {
	var ch *playlist.Channel
	if p.playing() {
		ch = &p.channel
	}
	return p.app.send(browser.PlayingMsg{Channel: ch})
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
