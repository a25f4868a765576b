// Package series is the screen a show opens into: its seasons and
// episodes, fetched when it opens, with what each is about and which were
// watched. enter plays an episode; esc goes back to the browser.
package series

import (
	"fmt"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/tuner-iptv/tuner/internal/words"
	"github.com/tuner-iptv/tuner/playlist"
	"github.com/tuner-iptv/tuner/tui/browser"
	"github.com/tuner-iptv/tuner/tui/common"
)

// EpisodesMsg is the show's seasons, or why there are none.
type EpisodesMsg struct {
	Show    *playlist.Channel
	Series  playlist.Series
	Seasons []playlist.Season
	Err     error
}

// row is one line of the list: a season's heading (ep < 0) or an episode.
type row struct{ season, ep int }

// Model is the series screen.
type Model struct {
	com       *common.Common
	keys      KeyMap
	show      playlist.Channel
	positions browser.Positions

	loaded  bool
	err     error
	info    playlist.Series
	seasons []playlist.Season
	rows    []row
	cursor  int // index into rows, always on an episode once loaded
	top     int // first row shown

	width, height int
}

// New returns the screen for show, "loading" until its EpisodesMsg comes.
// positions, when set, gives the watched marks.
func New(com *common.Common, show playlist.Channel, positions browser.Positions) *Model {
	return &Model{com: com, keys: NewKeyMap(com.Keys), show: show, positions: positions, width: 80, height: 22}
}

// Init implements common.Component.
func (m *Model) Init() tea.Cmd { return nil }

// Show is the show the screen is for.
func (m *Model) Show() playlist.Channel { return m.show }

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

// Update implements common.Component.
func (m *Model) Update(msg tea.Msg) (common.Component, tea.Cmd) {
	switch msg := msg.(type) {
	case EpisodesMsg:
		if msg.Show != nil && msg.Show.Source == m.show.Source && msg.Show.Name == m.show.Name {
			m.setEpisodes(msg)
		}
	case tea.KeyPressMsg:
		return m, m.handleKey(msg)
	}
	return m, nil
}

func (m *Model) setEpisodes(msg EpisodesMsg) {
	m.loaded, m.err, m.info, m.seasons = true, msg.Err, msg.Series, msg.Seasons
	m.rows = m.rows[:0]
	for s, season := range m.seasons {
		m.rows = append(m.rows, row{s, -1})
		for e := range season.Episodes {
			m.rows = append(m.rows, row{s, e})
		}
	}
	m.cursor = 0
	m.move(0)
}

func (m *Model) handleKey(msg tea.KeyPressMsg) tea.Cmd {
	if d, ok := m.keys.Step(msg, len(m.rows), max(m.listHeight()-1, 1)); ok {
		m.move(d)
		return nil
	}
	switch {
	case key.Matches(msg, m.keys.Back):
		return common.Pop
	case key.Matches(msg, m.keys.Play):
		return m.play()
	}
	return nil
}

// move goes by d rows and then onto the nearest episode in that direction,
// so the cursor never rests on a season's heading.
func (m *Model) move(d int) {
	if len(m.rows) == 0 {
		return
	}
	m.cursor = min(max(m.cursor+d, 0), len(m.rows)-1)
	step := 1
	if d < 0 {
		step = -1
	}
	for i := m.cursor; i >= 0 && i < len(m.rows); i += step {
		if m.rows[i].ep >= 0 {
			m.cursor = i
			m.scroll()
			return
		}
	}
	for i := m.cursor; i >= 0 && i < len(m.rows); i -= step {
		if m.rows[i].ep >= 0 {
			m.cursor = i
			break
		}
	}
	m.scroll()
}

func (m *Model) scroll() {
	h := m.listHeight()
	if m.cursor < m.top {
		m.top = m.cursor
		if m.top > 0 && m.rows[m.top-1].ep < 0 {
			m.top-- // the season's heading shows with its first episode
		}
	}
	if m.cursor >= m.top+h {
		m.top = m.cursor - h + 1
	}
	m.top = max(m.top, 0)
}

// Selected is the episode under the cursor, or nil.
func (m *Model) Selected() *playlist.Episode {
	if m.cursor >= len(m.rows) || m.rows[m.cursor].ep < 0 {
		return nil
	}
	r := m.rows[m.cursor]
	return &m.seasons[r.season].Episodes[r.ep]
}

// play asks for the episode under the cursor, the ones after it (across
// seasons) ready for the next-episode key.
func (m *Model) play() tea.Cmd {
	if m.Selected() == nil {
		return nil
	}
	var then []playlist.Channel
	for _, r := range m.rows[m.cursor+1:] {
		if r.ep >= 0 {
			then = append(then, playlist.EpisodeChannel(m.show, m.seasons[r.season].Episodes[r.ep]))
		}
	}
	msg := browser.PlayMsg{Channel: playlist.EpisodeChannel(m.show, *m.Selected()), Index: -1, Then: then}
	return func() tea.Msg { return msg }
}

// plotLines is how many lines the selected episode's plot gets.
func (m *Model) plotLines() int {
	if m.height < 12 {
		return 1
	}
	return 3
}

// listHeight is the rows the list shows: the area minus the title line, a
// separator, the plot and the detail line.
func (m *Model) listHeight() int { return max(m.height-3-m.plotLines(), 1) }

// View implements common.Component: exactly height lines of width cells.
func (m *Model) View() string {
	w, h := max(m.width, 1), max(m.height, 1)
	lines := make([]string, 0, h)
	st := m.com.Styles
	lines = append(lines, common.Fit(m.com.Cells, st.PaneActive.Render, m.title(), w))
	list := m.listLines(w)
	lines = append(lines, list...)
	lines = append(lines, common.Fit(m.com.Cells, st.Separator.Render, strings.Repeat("─", w), w))
	lines = append(lines, m.plot(w)...)
	lines = append(lines, common.Fit(m.com.Cells, st.Detail.Render, m.detail(), w))
	for len(lines) < h {
		lines = append(lines, strings.Repeat(" ", w))
	}
	return strings.Join(lines[:h], "\n")
}

func (m *Model) title() string {
	t := common.Clean(m.show.Name)
	if n := len(m.seasons); n > 0 {
		t += " · " + words.Count(n, "season")
	}
	return t
}

func (m *Model) listLines(w int) []string {
	h := m.listHeight()
	out := make([]string, h)
	st := m.com.Styles
	plain := func(s ...string) string { return strings.Join(s, "") }
	switch {
	case !m.loaded:
		out[0] = "  Loading episodes…"
	case m.err != nil:
		out[0] = "  No episodes: " + common.Clean(m.com.Mask(m.err.Error()))
	case len(m.rows) == 0:
		out[0] = "  The provider lists no episodes for this show."
	}
	for i := range out {
		k, render := m.top+i, plain
		if k < len(m.rows) {
			out[i] = m.rowLine(k, w)
			switch {
			case k == m.cursor:
				render = st.Selected.Render
			case m.rows[k].ep < 0:
				render = st.PaneTitle.Render
			}
		}
		out[i] = common.Fit(m.com.Cells, render, out[i], w)
	}
	return out
}

func (m *Model) rowLine(k, w int) string {
	r := m.rows[k]
	season := &m.seasons[r.season]
	if r.ep < 0 {
		name := season.Name
		if name == "" || !strings.Contains(strings.ToLower(name), "season") {
			name = strings.TrimSpace(fmt.Sprintf("Season %d %s", season.Number, name))
		}
		return common.Clean(name)
	}
	e := &season.Episodes[r.ep]
	mark := "  "
	if k == m.cursor {
		mark = "▶ "
	}
	left := fmt.Sprintf("%sE%02d %s", mark, e.Number, common.Clean(e.Title))
	right := m.watched(e)
	if e.Seconds > 0 {
		right = strings.TrimSpace(browser.Runtime(e.Duration()) + " " + right)
	}
	return common.JoinEnds(m.com.Cells, left, right, w)
}

// watched is the episode's mark: ✓ once seen, where it was left, else none.
func (m *Model) watched(e *playlist.Episode) string {
	if m.positions == nil {
		return ""
	}
	ch := playlist.EpisodeChannel(m.show, *e)
	pos, _, done := m.positions(&ch)
	switch {
	case done:
		return "✓"
	case pos > 0:
		return "at " + browser.Clock(pos)
	}
	return ""
}

func (m *Model) plot(w int) []string {
	n := m.plotLines()
	out := make([]string, n)
	text := m.info.Plot
	if e := m.Selected(); e != nil && e.Plot != "" {
		text = e.Plot
	}
	wrapped := strings.Split(ansi.Wordwrap(common.Clean(text), max(w-1, 1), ""), "\n")
	for i := range out {
		s := ""
		if i < len(wrapped) {
			s = wrapped[i]
		}
		out[i] = common.Fit(m.com.Cells, m.com.Styles.Detail.Render, s, w)
	}
	return out
}

func (m *Model) detail() string {
	var parts []string
	if e := m.Selected(); e != nil {
		parts = append(parts, fmt.Sprintf("S%02dE%02d", e.Season, e.Number))
		if e.Seconds > 0 {
			parts = append(parts, browser.Runtime(time.Duration(e.Seconds)*time.Second))
		}
	}
	if m.info.Genre != "" {
		parts = append(parts, common.Clean(m.info.Genre))
	}
	if m.info.Rating > 0 {
		parts = append(parts, fmt.Sprintf("★ %.1f", m.info.Rating))
	}
	return strings.Join(parts, " · ")
}
