package library

import (
	"cmp"
	"slices"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/tuner-iptv/tuner/tui/common"
)

// refreshEvery is how often the catalogue is read again while it shows:
// a recording's size and length grow, a scheduled one starts.
const refreshEvery = 2 * time.Second

type tickMsg struct{ m *Model }

// Model is the Recordings catalogue screen.
type Model struct {
	com  *common.Common
	keys KeyMap
	now  func() time.Time

	loaded bool
	err    error
	items  []Item
	cursor int
	top    int
	closed bool

	width, height int
}

// New returns the catalogue, "loading" until its first ListedMsg.
func New(com *common.Common, now func() time.Time) *Model {
	return &Model{com: com, keys: NewKeyMap(com.Keys), now: now, width: 80, height: 22}
}

// Init asks for the catalogue and starts reading it again as it shows.
func (m *Model) Init() tea.Cmd { return tea.Batch(list, m.tick()) }

func list() tea.Msg { return ListMsg{} }

func (m *Model) tick() tea.Cmd {
	return tea.Tick(refreshEvery, func(time.Time) tea.Msg { return tickMsg{m} })
}

// Close stops the reading again once the screen is gone.
func (m *Model) Close() { m.closed = true }

// Subscribes takes the catalogue and its ticks also under a question
// asked about one of its lines.
func (m *Model) Subscribes(msg tea.Msg) bool {
	switch msg := msg.(type) {
	case ListedMsg:
		return true
	case tickMsg:
		return msg.m == m
	}
	return false
}

// Capturing implements common.Component: the screen types no text.
func (m *Model) Capturing() bool { return false }

// Cursor implements common.Component.
func (m *Model) Cursor() *tea.Cursor { return nil }

// SetSize implements common.Component.
func (m *Model) SetSize(w, h int) { m.width, m.height = w, h; m.scroll() }

// ShortHelp implements help.KeyMap.
func (m *Model) ShortHelp() []key.Binding { return m.keys.ShortHelp() }

// FullHelp implements help.KeyMap.
func (m *Model) FullHelp() [][]key.Binding { return m.keys.FullHelp() }

// Items is the catalogue in the order shown.
func (m *Model) Items() []Item { return m.items }

// Update implements common.Component.
func (m *Model) Update(msg tea.Msg) (common.Component, tea.Cmd) {
	switch msg := msg.(type) {
	case ListedMsg:
		m.set(msg)
	case tickMsg:
		if m.closed {
			return m, nil
		}
		return m, tea.Batch(list, m.tick())
	case tea.KeyPressMsg:
		return m, m.handleKey(msg)
	}
	return m, nil
}

// set shows a new reading, the cursor staying on the line it was on.
func (m *Model) set(msg ListedMsg) {
	var was Item
	if sel := m.Selected(); sel != nil {
		was = *sel
	}
	m.loaded, m.err = true, msg.Err
	if msg.Err != nil {
		return
	}
	m.items = slices.Clone(msg.Items)
	slices.SortStableFunc(m.items, order)
	if i := slices.IndexFunc(m.items, func(it Item) bool { return same(it, was) }); i >= 0 {
		m.cursor = i
	}
	m.cursor = min(m.cursor, max(len(m.items)-1, 0))
	m.scroll()
}

// same reports whether a and b are one recording read twice: a schedule
// entry keeps its id, a file its path.
func same(a, b Item) bool {
	switch {
	case a.ID != "" || b.ID != "":
		return a.ID == b.ID
	case a.Path != "" || b.Path != "":
		return a.Path == b.Path
	}
	return false
}

// order puts what records first, then what is to come, soonest first,
// then what was recorded, newest first.
func order(a, b Item) int {
	rank := func(it Item) int {
		switch it.State {
		case Recording:
			return 0
		case Scheduled:
			return 1
		}
		return 2
	}
	if c := cmp.Compare(rank(a), rank(b)); c != 0 {
		return c
	}
	if rank(a) == 2 {
		return b.Start.Compare(a.Start)
	}
	return a.Start.Compare(b.Start)
}

// Selected is the line under the cursor, or nil.
func (m *Model) Selected() *Item {
	if m.cursor < 0 || m.cursor >= len(m.items) {
		return nil
	}
	return &m.items[m.cursor]
}

func (m *Model) handleKey(msg tea.KeyPressMsg) tea.Cmd {
	if d, ok := m.keys.Step(msg, len(m.items), max(m.listHeight()-1, 1)); ok {
		m.move(d)
		return nil
	}
	switch {
	case key.Matches(msg, m.keys.Back):
		return common.Pop
	case key.Matches(msg, m.keys.Play):
		return m.play()
	case key.Matches(msg, m.keys.Delete):
		return m.delete()
	}
	return nil
}

func (m *Model) move(d int) {
	m.cursor = min(max(m.cursor+d, 0), max(len(m.items)-1, 0))
	m.scroll()
}

func (m *Model) scroll() {
	h := m.listHeight()
	if m.cursor < m.top {
		m.top = m.cursor
	}
	if m.cursor >= m.top+h {
		m.top = m.cursor - h + 1
	}
	m.top = max(min(m.top, len(m.items)-h), 0)
}

func (m *Model) play() tea.Cmd {
	it := m.Selected()
	switch {
	case it == nil:
		return nil
	case it.State == Scheduled:
		return note("not recorded yet: it starts " + when(it.Start, m.now()))
	case !it.Playable():
		return note("nothing was written to play")
	}
	msg := PlayMsg{Item: *it}
	return func() tea.Msg { return msg }
}

func (m *Model) delete() tea.Cmd {
	it := m.Selected()
	switch {
	case it == nil:
		return nil
	case it.State == Recording && it.ID == "":
		return note("still recording: R on its channel stops it")
	case !it.Cancels() && it.Path == "":
		return note("nothing was written, so there is no file to delete")
	}
	msg := AskDeleteMsg{Item: *it}
	return func() tea.Msg { return msg }
}

func note(text string) tea.Cmd {
	return func() tea.Msg { return common.StatusMsg{Text: text} }
}
