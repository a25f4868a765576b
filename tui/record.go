package tui

import (
	"cmp"
	"context"
	"strconv"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/tuner-iptv/tuner/playlist"
	"github.com/tuner-iptv/tuner/tui/browser"
	"github.com/tuner-iptv/tuner/tui/common"
	"github.com/tuner-iptv/tuner/tui/guide"
	"github.com/tuner-iptv/tuner/tui/library"
)

// Recorder records channels to files under their own lease, through the
// same gate as playback (session.Manager does, wrapped by the caller with
// where the files go).
type Recorder interface {
	// Record starts recording ch until until (zero: until stopped), the
	// programme's title naming the file when known. It returns once the
	// provider sends the stream, or why not: a recording never takes a
	// slot something else holds.
	Record(ctx context.Context, ch playlist.Channel, until time.Time, title string) (path string, err error)
	// StopRecording ends the recording of ch, if there is one.
	StopRecording(ctx context.Context, ch playlist.Channel) error
	// Recording reports whether ch is being recorded, and until when.
	Recording(ch playlist.Channel) (until time.Time, ok bool)
	// Count is how many recordings run.
	Count() int
	// Watch plays the recording of ch from its start as it grows, on the
	// connection the recording holds: no second one opens. Whatever played
	// is stopped first; stopping the watching leaves the recording alone.
	Watch(ctx context.Context, ch playlist.Channel) error
}

// Scheduler keeps recordings to make later, for a recorder that runs at
// their time (tuner recorder), and can start one.
type Scheduler interface {
	// Schedule adds a recording of ch from start to stop, padded as the
	// config says, and says what was scheduled; an overlap on a one-slot
	// account is refused, naming the other.
	Schedule(ctx context.Context, ch playlist.Channel, start, stop time.Time, title string) (string, error)
	// RecorderRunning reports whether a recorder runs to make them.
	RecorderRunning() bool
	// StartRecorder starts one in the background, outliving tuner.
	StartRecorder(ctx context.Context) (string, error)
	// Due lists the scheduled recordings on ch's account whose padded
	// start comes within `within`, and those recording now, soonest first.
	Due(ch playlist.Channel, within time.Duration) ([]library.Item, error)
}

// recordKey records the selected channel, or stops its recording.
func recordKey(o common.KeyOverrides) key.Binding {
	return o.Bind(common.ActionRecord, key.NewBinding(key.WithKeys("R"), key.WithHelp("R", "record")))
}

// recordings starts and stops recordings for the browser and the schedule,
// and says on the status bar what records.
type recordings struct {
	app  *hub
	ctx  context.Context
	com  *common.Common
	opts *Options
}

// recordMsg asks for ch to be recorded until until, or its recording
// stopped when it records already.
type recordMsg struct {
	ch    playlist.Channel
	until time.Time
	title string
}

type recordedMsg struct {
	ch      playlist.Channel
	path    string
	stopped bool
	err     error
}

func (r recordings) update(msg tea.Msg) (tea.Cmd, bool) {
	switch msg := msg.(type) {
	case recordMsg:
		return r.toggle(msg), true
	case guide.RecordMsg:
		return r.toggle(recordMsg{ch: msg.Channel, until: msg.Until, title: msg.Title}), true
	case recordedMsg:
		r.app.status = r.said(msg)
		return nil, true
	case guide.ScheduleMsg:
		return r.schedule(msg), true
	case scheduledMsg:
		return r.scheduled(msg), true
	case startRecorderMsg:
		return r.startRecorder(), true
	case recorderStartedMsg:
		r.app.status = common.StatusMsg{Text: r.com.Mask(msg.text), Err: msg.err != nil}
		if msg.err != nil {
			r.app.status.Text = "the recorder did not start: " + r.com.Mask(msg.err.Error())
		}
		return nil, true
	}
	return nil, false
}

func (r recordings) toggle(msg recordMsg) tea.Cmd {
	rec, ctx := r.opts.Recorder, r.ctx
	if rec == nil {
		return nil
	}
	if _, on := rec.Recording(msg.ch); on {
		return func() tea.Msg {
			return recordedMsg{ch: msg.ch, stopped: true, err: rec.StopRecording(ctx, msg.ch)}
		}
	}
	r.app.status = common.StatusMsg{Text: "starting to record " + playlist.Printable(msg.ch.Name) + "…"}
	return func() tea.Msg {
		path, err := rec.Record(ctx, msg.ch, msg.until, msg.title)
		return recordedMsg{ch: msg.ch, path: path, err: err}
	}
}

func (r recordings) said(msg recordedMsg) common.StatusMsg {
	name := playlist.Printable(msg.ch.Name)
	switch {
	case msg.err != nil:
		return common.StatusMsg{Text: "not recording " + name + ": " + r.com.Mask(msg.err.Error()), Err: true}
	case msg.stopped:
		return common.StatusMsg{Text: "stopped recording " + name}
	}
	text := "recording " + name
	if until, ok := r.opts.Recorder.Recording(msg.ch); ok && !until.IsZero() {
		text += " until " + until.In(r.opts.Now().Location()).Format("15:04")
	}
	return common.StatusMsg{Text: text + " to " + playlist.Printable(msg.path)}
}

// recordSelected is the record key on the browser: the channel under the
// cursor, live TV only.
func (m *Model) recordSelected() tea.Cmd {
	ch := m.browser.SelectedChannel()
	if ch == nil || m.opts.Recorder == nil || m.browser.Tab() != browser.TabLive {
		return nil
	}
	if _, on := m.opts.Recorder.Recording(*ch); on {
		msg := recordMsg{ch: *ch}
		return func() tea.Msg { return msg } // R again stops it
	}
	return m.push(newRecordFor(m.com, *ch, m.browser.OnNow(), cmp.Or(m.opts.RecordAfter, 5*time.Minute), m.opts.Now))
}

// recordingText is the status bar's word on the recordings running.
func (m *Model) recordingText() string {
	if m.opts.Recorder == nil {
		return ""
	}
	switch n := m.opts.Recorder.Count(); n {
	case 0:
		return ""
	case 1:
		return "● rec"
	default:
		return "● rec ×" + strconv.Itoa(n)
	}
}

// watchRecording plays the recording of ch on the connection it holds, as
// a start the status bar follows like any other.
func (p *playback) watchRecording(ch playlist.Channel) tea.Cmd {
	rec := p.opts.Recorder
	if rec == nil || !p.begin(asRecording(ch)) {
		return nil
	}
	ctx := p.ctx
	return p.run(p.seq, func() error { return rec.Watch(ctx, ch) })
}

// asRecording is ch as what plays while its recording is watched: a file,
// so the seek keys apply and the status bar says "recording".
func asRecording(ch playlist.Channel) playlist.Channel {
	out := playlist.Channel{Name: ch.Name, Group: ch.Group, Logo: ch.Logo, Source: ch.Source}
	out.Extra = &playlist.Extra{Kind: playlist.KindRecording, Item: &playlist.Item{Title: ch.Name}}
	return out
}

// stopThenPlay stops the recording that holds the slot, then plays what the
// person asked for on the connection it gave back.
func (p *playback) stopThenPlay(msg stopThenPlayMsg) tea.Cmd {
	rec, ctx := p.opts.Recorder, p.ctx
	if rec == nil {
		return nil
	}
	return func() tea.Msg {
		msg.err = rec.StopRecording(ctx, msg.rec)
		return stoppedForPlayMsg(msg)
	}
}

// stoppedForPlayMsg is stopThenPlayMsg done: the recording stopped (or
// why not).
type stoppedForPlayMsg stopThenPlayMsg

func (p *playback) handleStoppedForPlay(msg stoppedForPlayMsg) tea.Cmd {
	if msg.err != nil {
		p.app.status = common.StatusMsg{Text: "not stopping the recording of " + playlist.Printable(msg.rec.Name) +
			": " + p.com.Mask(msg.err.Error()), Err: true}
		return nil
	}
	return p.start(msg.want, nil, 0)
}

type scheduledMsg struct {
	text    string
	err     error
	running bool
}

type startRecorderMsg struct{}

type recorderStartedMsg struct {
	text string
	err  error
}

func (r recordings) schedule(msg guide.ScheduleMsg) tea.Cmd {
	s, ctx := r.opts.Scheduler, r.ctx
	if s == nil {
		return nil
	}
	return func() tea.Msg {
		text, err := s.Schedule(ctx, msg.Channel, msg.Start, msg.Stop, msg.Title)
		return scheduledMsg{text: text, err: err, running: err == nil && s.RecorderRunning()}
	}
}

// scheduled says what was scheduled, and asks to start a recorder when
// none runs: without one, nothing scheduled records.
func (r recordings) scheduled(msg scheduledMsg) tea.Cmd {
	if msg.err != nil {
		r.app.status = common.StatusMsg{Text: "not scheduled: " + r.com.Mask(msg.err.Error()), Err: true}
		return nil
	}
	r.app.status = common.StatusMsg{Text: r.com.Mask(msg.text)}
	if msg.running {
		return nil
	}
	return r.app.push(newRecorderAsk(r.com, msg.text))
}

func (r recordings) startRecorder() tea.Cmd {
	s, ctx := r.opts.Scheduler, r.ctx
	return func() tea.Msg {
		text, err := s.StartRecorder(ctx)
		return recorderStartedMsg{text: text, err: err}
	}
}
