package tui

import (
	"context"
	"errors"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/tuner-iptv/tuner/playlist"
	"github.com/tuner-iptv/tuner/session"
	"github.com/tuner-iptv/tuner/session/schedule"
	"github.com/tuner-iptv/tuner/tui/common"
	"github.com/tuner-iptv/tuner/tui/library"
)

// upcomingEvery is how often the schedule is read while something plays.
const upcomingEvery = 15 * time.Second

// upcoming warns, while something plays, of a scheduled recording about to
// take the account's slot, and once the recorder took it from the player,
// says so and offers to watch the recording.
type upcoming struct {
	app  *hub
	ctx  context.Context
	com  *common.Common
	opts *Options
	play *playback
	*upcomingState
}

type upcomingState struct {
	warned map[string]bool // entries already said on the status bar
	line   string          // the status bar's short word on the next one
	ticks  int             // looks due, and answers read: what tests wait on
	looks  int
}

type upcomingTickMsg struct{}

// dueMsg is what the schedule holds soon on the account of ch, read for
// why.
type dueMsg struct {
	ch    playlist.Channel
	items []library.Item
	err   error
	why   dueWhy
}

type dueWhy int

const (
	dueWarn  dueWhy = iota // to warn while something plays
	dueTaken               // the player was closed from outside
	dueWatch               // the taken screen's w: the recording's file
)

// watchTakenMsg asks to watch the scheduled recording that took the slot.
type watchTakenMsg struct {
	ch playlist.Channel
	id string
}

func newUpcoming(ctx context.Context, app *hub, com *common.Common, opts *Options, play *playback) upcoming {
	return upcoming{app: app, ctx: ctx, com: com, opts: opts, play: play, upcomingState: &upcomingState{warned: map[string]bool{}}}
}

func (u upcoming) init() tea.Cmd {
	if u.opts.Scheduler == nil || u.opts.Controller == nil {
		return nil
	}
	return u.tick()
}

func (u upcoming) tick() tea.Cmd {
	return tea.Tick(upcomingEvery, func(time.Time) tea.Msg { return upcomingTickMsg{} })
}

func (u upcoming) update(msg tea.Msg) (tea.Cmd, bool) {
	switch msg := msg.(type) {
	case upcomingTickMsg:
		u.ticks++
		return tea.Batch(u.check(), u.tick()), true
	case eventMsg:
		if msg.ok && msg.ev.State == session.Stopped && errors.Is(msg.ev.Err, session.ErrPlayerClosed) {
			return u.due(u.play.channel, time.Minute, dueTaken), true
		}
	case dueMsg:
		return u.handleDue(msg), true
	case watchTakenMsg:
		return u.due(msg.ch, time.Minute, dueWatch), true
	}
	return nil, false
}

// check asks for what comes soon on the account of what plays.
func (u upcoming) check() tea.Cmd {
	if !u.play.playing() || u.play.channel.Kind() == playlist.KindRecording {
		u.line = ""
		return nil
	}
	return u.due(u.play.channel, schedule.WarnBefore, dueWarn)
}

func (u upcoming) due(ch playlist.Channel, within time.Duration, why dueWhy) tea.Cmd {
	s := u.opts.Scheduler
	if s == nil {
		return nil
	}
	return func() tea.Msg {
		items, err := s.Due(ch, within)
		return dueMsg{ch: ch, items: items, err: err, why: why}
	}
}

func (u upcoming) handleDue(msg dueMsg) tea.Cmd {
	u.looks++
	if msg.err != nil {
		u.com.Logger.Debug("schedule not read", "err", msg.err)
		return nil
	}
	now := u.opts.Now()
	it, ok := takingNow(msg.items, now)
	switch {
	case msg.why == dueWarn:
		u.warn(msg.items, now)
	case !ok:
	case msg.why == dueTaken:
		// The warning said before is out of date: what it warned of came.
		u.app.status, u.line = common.StatusMsg{}, ""
		return u.app.push(newTakenScreen(u.com, msg.ch, it, now.Location()))
	case it.Path == "":
		u.app.status = common.StatusMsg{Text: "the recording of " + playlist.Printable(it.Name()) +
			" has written nothing yet: W finds it in the recordings in a moment"}
	default:
		return u.play.playItem(it)
	}
	return nil
}

// takingNow is the recording of items that records now or starts within
// the minute: the one a player closed from outside gave its slot to.
func takingNow(items []library.Item, now time.Time) (library.Item, bool) {
	for _, it := range items {
		if it.State == library.Recording || it.State == library.Scheduled && !it.Start.After(now.Add(time.Minute)) {
			return it, true
		}
	}
	return library.Item{}, false
}

// warn puts the next scheduled recording on the status bar, and says it in
// words the first time.
func (u upcoming) warn(items []library.Item, now time.Time) {
	u.line = ""
	for _, it := range items {
		if it.State != library.Scheduled || !it.Start.After(now) {
			continue
		}
		at := it.Start.In(now.Location()).Format("15:04")
		u.line = "⚠ rec " + at
		if !u.warned[it.ID] {
			u.warned[it.ID] = true
			mins := max(int(it.Start.Sub(now).Round(time.Minute)/time.Minute), 1)
			u.app.status = common.StatusMsg{Text: "at " + at + " the scheduled recording of " + playlist.Printable(it.Name()) +
				" takes the slot (in " + shortLength(time.Duration(mins)*time.Minute) + "); W to cancel it"}
		}
		return
	}
}
