// Package guide is the schedule screen: the programmes of one channel from
// the programme guide, from what is on now onwards, with the details of the
// one under the cursor. It is opened from the browser and asks to be closed
// (popped) with CloseMsg; it does no loading of its own.
package guide

import (
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/tuner-iptv/tuner/playlist"
	"github.com/tuner-iptv/tuner/playlist/catchup"
	"github.com/tuner-iptv/tuner/playlist/epg"
	"github.com/tuner-iptv/tuner/tui/common"
)

// CloseMsg asks the root to go back to the screen the schedule came from:
// it pops the schedule, as any screen pops.
type CloseMsg = common.PopMsg

// Before and After bound the schedule around now: a little of what was on,
// and the week a guide usually holds.
const (
	Before = 3 * time.Hour
	After  = 8 * 24 * time.Hour
)

// Model is the schedule screen.
type Model struct {
	com  *common.Common
	keys KeyMap

	ch    playlist.Channel
	g     *epg.Guide
	k     epg.Key
	now   time.Time
	progs []epg.Programme
	onAir int // index in progs of the programme on air, -1 when none

	cursor, offset int
	width, height  int
	loading        bool // no guide yet, but one is on its way

	archive catchup.Spec // what the channel's archive keeps; none mostly
	// recordAfter is how long a recording of the programme on now goes on
	// past its end; 0 offers no recording.
	recordAfter time.Duration
	schedules   bool // the record key schedules what is still to come
}

// OfferScheduling lets the record key schedule a programme still to come.
func (m *Model) OfferScheduling(on bool) {
	m.schedules = on
	m.updateKeys()
}

// OfferRecording lets the record key record the programme on now, going
// on after past its end.
func (m *Model) OfferRecording(after time.Duration) {
	m.recordAfter = after
	m.updateKeys()
}

// ReplayMsg asks for a programme of the channel to be replayed from the
// provider's archive: one that aired, or the one on now from its start.
type ReplayMsg struct {
	Channel playlist.Channel
	Spec    catchup.Spec
	Start   time.Time
	Stop    time.Time
	Title   string
}

// RecordMsg asks for the channel to be recorded now, until Until (the
// programme's end and a margin), the programme's title naming the file.
type RecordMsg struct {
	Channel playlist.Channel
	Until   time.Time
	Title   string
}

// ScheduleMsg asks for a programme still to come to be recorded at its
// time.
type ScheduleMsg struct {
	Channel     playlist.Channel
	Start, Stop time.Time
	Title       string
}

// PlayLiveMsg asks for the channel to be played live.
type PlayLiveMsg struct{ Channel playlist.Channel }

// New builds the schedule of ch from g at now. g may be nil (no guide
// loaded) and k zero (the channel has no guide channel); the screen then
// says so and why.
func New(com *common.Common, now time.Time, ch playlist.Channel, g *epg.Guide, k epg.Key) *Model {
	return NewWithArchive(com, now, ch, g, k, catchup.Spec{})
}

// NewWithArchive is New for a channel whose archive keeps what spec says:
// the schedule reaches back over the archive, and what it holds plays.
func NewWithArchive(com *common.Common, now time.Time, ch playlist.Channel, g *epg.Guide, k epg.Key, spec catchup.Spec) *Model {
	m := &Model{com: com, keys: NewKeyMap(com.Keys), ch: ch, g: g, k: k, now: now, onAir: -1, width: 80, height: 22, archive: spec}
	if g != nil && k.Valid() {
		m.progs = g.Schedule(k, now.Add(-max(Before, spec.Window())), now.Add(After))
	}
	m.cursor = m.firstCurrent()
	m.updateKeys()
	return m
}

// firstCurrent finds the programme on air, or else the first one to come,
// where the cursor starts.
func (m *Model) firstCurrent() int {
	for i, p := range m.progs {
		if !p.Start.After(m.now) && (p.Stop.IsZero() || p.Stop.After(m.now)) {
			m.onAir = i
			return i
		}
		if p.Start.After(m.now) {
			return i
		}
	}
	return max(len(m.progs)-1, 0)
}

// SetLoading says a guide is being loaded, so an empty schedule says to
// wait rather than that there is no guide.
func (m *Model) SetLoading(on bool) { m.loading = on }

// Programmes returns the programmes listed, in order.
func (m *Model) Programmes() []epg.Programme { return m.progs }

// Cursor implements common.Component: no terminal cursor here.
func (m *Model) Cursor() *tea.Cursor { return nil }

// Init implements common.Component.
func (m *Model) Init() tea.Cmd { return nil }

// Capturing implements common.Component: nothing is typed here.
func (m *Model) Capturing() bool { return false }

// SetSize implements common.Component.
func (m *Model) SetSize(w, h int) {
	m.width, m.height = w, h
	m.scroll()
}

// ShortHelp implements help.KeyMap.
func (m *Model) ShortHelp() []key.Binding { return m.keys.ShortHelp() }

// FullHelp implements help.KeyMap.
func (m *Model) FullHelp() [][]key.Binding { return NewKeyMap(m.com.Keys).FullHelp() }

// Update implements common.Component.
func (m *Model) Update(msg tea.Msg) (common.Component, tea.Cmd) {
	kp, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return m, nil
	}
	n := len(m.progs)
	switch {
	case key.Matches(kp, m.keys.Back):
		return m, func() tea.Msg { return CloseMsg{} }
	case key.Matches(kp, m.keys.Up):
		m.cursor--
	case key.Matches(kp, m.keys.Down):
		m.cursor++
	case key.Matches(kp, m.keys.PageUp):
		m.cursor -= m.listHeight()
	case key.Matches(kp, m.keys.PageDown):
		m.cursor += m.listHeight()
	case key.Matches(kp, m.keys.Top):
		m.cursor = 0
	case key.Matches(kp, m.keys.Bottom):
		m.cursor = n - 1
	case key.Matches(kp, m.keys.Now):
		m.cursor = m.firstCurrent()
	case key.Matches(kp, m.keys.Play):
		return m, m.play(false)
	case key.Matches(kp, m.keys.FromStart):
		return m, m.play(true)
	case key.Matches(kp, m.keys.Record):
		return m, m.record()
	}
	m.cursor = min(max(m.cursor, 0), max(n-1, 0))
	m.scroll()
	m.updateKeys()
	return m, nil
}

func (m *Model) updateKeys() {
	has := len(m.progs) > 0
	for _, b := range []*key.Binding{&m.keys.Up, &m.keys.Down, &m.keys.PageUp, &m.keys.PageDown, &m.keys.Top, &m.keys.Bottom, &m.keys.Now} {
		b.SetEnabled(has)
	}
	p := m.selected()
	m.keys.Play.SetEnabled(p != nil && (m.replayable(p) || m.onNow(p)))
	m.keys.FromStart.SetEnabled(p != nil && m.onNow(p) && m.replayable(p))
	now := p != nil && m.onNow(p) && !p.Stop.IsZero() && m.recordAfter > 0
	later := p != nil && p.Start.After(m.now) && !p.Stop.IsZero() && m.schedules
	m.keys.Record.SetEnabled(now || later)
	m.keys.Record.SetHelp(m.keys.Record.Help().Key, "record to its end")
	if later {
		m.keys.Record.SetHelp(m.keys.Record.Help().Key, "record at its time")
	}
	m.keys.Play.SetHelp(m.keys.Play.Help().Key, "play live")
	if p != nil && !m.onNow(p) && m.replayable(p) {
		m.keys.Play.SetHelp(m.keys.Play.Help().Key, "replay")
	}
}

func (m *Model) selected() *epg.Programme {
	if m.cursor < 0 || m.cursor >= len(m.progs) {
		return nil
	}
	return &m.progs[m.cursor]
}

func (m *Model) onNow(p *epg.Programme) bool {
	return !p.Start.After(m.now) && (p.Stop.IsZero() || p.Stop.After(m.now))
}

// replayable reports whether the archive holds p: it began inside the
// window, and it has an end to ask for.
func (m *Model) replayable(p *epg.Programme) bool {
	return !p.Stop.IsZero() && m.archive.Offered(p.Start, p.Stop, m.now)
}

// record asks for the programme on now to be recorded to its end.
func (m *Model) record() tea.Cmd {
	p := m.selected()
	if p == nil || !m.keys.Record.Enabled() {
		return nil
	}
	if p.Start.After(m.now) {
		msg := ScheduleMsg{Channel: m.ch, Start: p.Start, Stop: p.Stop, Title: title(p)}
		return func() tea.Msg { return msg }
	}
	msg := RecordMsg{Channel: m.ch, Until: p.Stop.Add(m.recordAfter), Title: title(p)}
	return func() tea.Msg { return msg }
}

// play asks for the selected programme: live when it is on now (or from
// its start when asked), its replay when it aired and the archive holds it.
func (m *Model) play(fromStart bool) tea.Cmd {
	p := m.selected()
	switch {
	case p == nil || (fromStart && !m.keys.FromStart.Enabled()):
		return nil
	case m.onNow(p) && !fromStart:
		msg := PlayLiveMsg{Channel: m.ch}
		return func() tea.Msg { return msg }
	case m.replayable(p):
		msg := ReplayMsg{Channel: m.ch, Spec: m.archive, Start: p.Start, Stop: p.Stop, Title: title(p)}
		return func() tea.Msg { return msg }
	}
	return nil
}

// scroll keeps the cursor in view, with the row above it showing when it can
// so what came before stays in sight.
func (m *Model) scroll() {
	h := m.listHeight()
	if m.cursor < m.offset+1 {
		m.offset = max(m.cursor-1, 0)
	}
	if m.cursor >= m.offset+h {
		m.offset = m.cursor - h + 1
	}
	m.offset = max(min(m.offset, len(m.progs)-h), 0)
}
