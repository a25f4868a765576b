// Package grid is the programme grid: channels down, time across in
// half-hour columns, now marked, the programme under the cursor described
// below. It opens on the browser's list as it stands (a group, the
// favourites, a filter), lays out only the rows in view, and asks for what
// to play with the schedule's messages.
package grid

import (
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/tuner-iptv/tuner/playlist"
	"github.com/tuner-iptv/tuner/playlist/catchup"
	"github.com/tuner-iptv/tuner/playlist/epg"
	"github.com/tuner-iptv/tuner/tui/common"
	"github.com/tuner-iptv/tuner/tui/guide"
)

// Span is the time the grid shows across, whatever the width: three hours
// in half-hour columns.
const (
	Span   = 3 * time.Hour
	column = 30 * time.Minute
)

// Source is what the grid shows: a list of channels, their guide, their
// archive. The browser gives it its list as it stands.
type Source struct {
	Len     int
	Channel func(row int) *playlist.Channel
	Guide   func(row int) (*epg.Guide, epg.Key)
	Archive func(row int) catchup.Spec
}

// Model is the grid screen.
type Model struct {
	com  *common.Common
	keys KeyMap
	src  Source
	now  time.Time

	row, top int       // the cursor's row, the first row in view
	at       time.Time // the cursor's time: the programme on then is selected
	t0       time.Time // the left edge, on a half-hour

	width, height int

	recordAfter time.Duration // R records the programme on now; 0: not offered
	schedules   bool          // R schedules what is still to come
}

// OfferRecording lets R record the programme on now to its end and after,
// and, with schedules, schedule one still to come.
func (m *Model) OfferRecording(after time.Duration, schedules bool) {
	m.recordAfter, m.schedules = after, schedules
}

// New opens the grid on src at now, the cursor on row.
func New(com *common.Common, src Source, now time.Time, row int) *Model {
	m := &Model{com: com, keys: NewKeyMap(com.Keys), src: src, now: now, width: 80, height: 22}
	m.row = min(max(row, 0), max(src.Len-1, 0))
	m.jumpNow()
	return m
}

// Init implements common.Component.
func (m *Model) Init() tea.Cmd { return nil }

// Capturing implements common.Component: nothing is typed here.
func (m *Model) Capturing() bool { return false }

// Cursor implements common.Component.
func (m *Model) Cursor() *tea.Cursor { return nil }

// SetSize implements common.Component.
func (m *Model) SetSize(w, h int) { m.width, m.height = w, h; m.scroll() }

// ShortHelp implements help.KeyMap.
func (m *Model) ShortHelp() []key.Binding { return m.keys.ShortHelp() }

// FullHelp implements help.KeyMap.
func (m *Model) FullHelp() [][]key.Binding { return m.keys.FullHelp() }

// Update implements common.Component.
func (m *Model) Update(msg tea.Msg) (common.Component, tea.Cmd) {
	kp, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return m, nil
	}
	k := &m.keys
	switch {
	case key.Matches(kp, k.Back):
		return m, common.Pop
	case key.Matches(kp, k.Play):
		return m, m.play()
	case key.Matches(kp, k.Record):
		return m, m.record()
	case key.Matches(kp, k.Up):
		m.row--
	case key.Matches(kp, k.Down):
		m.row++
	case key.Matches(kp, k.PageUp):
		m.row -= m.rowsInView()
	case key.Matches(kp, k.PageDown):
		m.row += m.rowsInView()
	case key.Matches(kp, k.Left):
		m.step(-1)
	case key.Matches(kp, k.Right):
		m.step(1)
	case key.Matches(kp, k.HoursBack):
		m.shift(-Span)
	case key.Matches(kp, k.HoursOn):
		m.shift(Span)
	case key.Matches(kp, k.DayBack):
		m.shift(-24 * time.Hour)
	case key.Matches(kp, k.DayOn):
		m.shift(24 * time.Hour)
	case key.Matches(kp, k.Now):
		m.jumpNow()
	}
	m.row = min(max(m.row, 0), max(m.src.Len-1, 0))
	m.scroll()
	return m, nil
}

func (m *Model) jumpNow() {
	m.at = m.now
	m.t0 = m.now.Truncate(column).Add(-column)
}

// shift moves the view and the cursor's time by d.
func (m *Model) shift(d time.Duration) {
	m.at, m.t0 = m.at.Add(d), m.t0.Add(d)
}

// step moves to the programme before or after the selected one on the row,
// or by a column where the row has no guide there.
func (m *Model) step(dir int) {
	p := m.Selected()
	switch {
	case p == nil:
		m.at = m.at.Add(time.Duration(dir) * column)
	case dir > 0:
		m.at = p.Stop
		if p.Stop.IsZero() {
			m.at = p.Start.Add(column)
		}
	default:
		m.at = p.Start.Add(-column)
		if q := m.programmeAt(m.row, p.Start.Add(-time.Second)); q != nil {
			m.at = q.Start
		}
	}
	m.follow()
}

// follow scrolls the view to keep the cursor's time in it.
func (m *Model) follow() {
	switch {
	case m.at.Before(m.t0):
		m.t0 = m.at.Truncate(column)
	case !m.at.Before(m.t0.Add(Span)):
		m.t0 = m.at.Truncate(column).Add(column - Span)
	}
}

func (m *Model) scroll() {
	h := m.rowsInView()
	if m.row < m.top {
		m.top = m.row
	}
	if m.row >= m.top+h {
		m.top = m.row - h + 1
	}
	m.top = max(min(m.top, m.src.Len-h), 0)
}

// Selected is the programme on the cursor's row at the cursor's time, or nil.
func (m *Model) Selected() *epg.Programme {
	return m.programmeAt(m.row, m.at)
}

func (m *Model) programmeAt(row int, at time.Time) *epg.Programme {
	if row < 0 || row >= m.src.Len {
		return nil
	}
	g, k := m.src.Guide(row)
	if g == nil || !k.Valid() {
		return nil
	}
	for _, p := range g.Schedule(k, at, at.Add(time.Second)) {
		if !p.Start.After(at) && (p.Stop.IsZero() || p.Stop.After(at)) {
			return &p
		}
	}
	return nil
}

func (m *Model) onNow(p *epg.Programme) bool {
	return !p.Start.After(m.now) && (p.Stop.IsZero() || p.Stop.After(m.now))
}

func (m *Model) replayable(row int, p *epg.Programme) bool {
	return !p.Stop.IsZero() && !m.onNow(p) && m.src.Archive(row).Offered(p.Start, p.Stop, m.now)
}

// record asks for the programme under the cursor to be recorded: now to
// its end when it is on, at its time when it is still to come.
func (m *Model) record() tea.Cmd {
	p := m.Selected()
	if m.src.Len == 0 || p == nil || p.Stop.IsZero() {
		return nil
	}
	ch := *m.src.Channel(m.row)
	switch {
	case m.onNow(p) && m.recordAfter > 0:
		msg := guide.RecordMsg{Channel: ch, Until: p.Stop.Add(m.recordAfter), Title: p.Title}
		return func() tea.Msg { return msg }
	case p.Start.After(m.now) && m.schedules:
		msg := guide.ScheduleMsg{Channel: ch, Start: p.Start, Stop: p.Stop, Title: p.Title}
		return func() tea.Msg { return msg }
	}
	return nil
}

// play asks for the channel live, or for the replay of a past programme
// its archive holds; a programme still to come plays nothing.
func (m *Model) play() tea.Cmd {
	if m.src.Len == 0 {
		return nil
	}
	ch := *m.src.Channel(m.row)
	p := m.Selected()
	switch {
	case p == nil || m.onNow(p):
		return func() tea.Msg { return guide.PlayLiveMsg{Channel: ch} }
	case m.replayable(m.row, p):
		msg := guide.ReplayMsg{Channel: ch, Spec: m.src.Archive(m.row), Start: p.Start, Stop: p.Stop, Title: p.Title}
		return func() tea.Msg { return msg }
	}
	return nil
}
