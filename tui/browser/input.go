package browser

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/tuner-iptv/tuner/playlist"
)

func (m *Model) handleKey(msg tea.KeyPressMsg) tea.Cmd {
	if m.filter.editing {
		return m.editKey(msg)
	}
	return m.browseKey(msg)
}

// editKey handles a key while the filter is typed: movement keys still move
// the channel cursor; everything printable goes into the query.
func (m *Model) editKey(msg tea.KeyPressMsg) tea.Cmd {
	if m.moveKey(msg) {
		return nil
	}
	switch {
	case key.Matches(msg, m.keys.Clear):
		return m.clearFilter()
	case key.Matches(msg, m.keys.Accept):
		m.filter.editing = false
		return m.play()
	case key.Matches(msg, m.keys.Scope):
		return m.toggleScope()
	}
	switch {
	case key.Matches(msg, m.keys.DeleteChar):
		return m.setQuery(dropLastRune(m.filter.query))
	case key.Matches(msg, m.keys.ClearQuery):
		return m.setQuery("")
	case key.Matches(msg, m.keys.DeleteWord):
		return m.setQuery(dropLastWord(m.filter.query))
	}
	if msg.Text != "" && !msg.Mod.Contains(tea.ModCtrl) && !msg.Mod.Contains(tea.ModAlt) &&
		!msg.Mod.Contains(tea.ModMeta) && !msg.Mod.Contains(tea.ModSuper) {
		return m.setQuery(m.filter.query + playlist.Printable(msg.Text))
	}
	return nil
}

func (m *Model) browseKey(msg tea.KeyPressMsg) tea.Cmd {
	if m.moveKey(msg) {
		m.jump.reset()
		return m.afterGroupMove()
	}
	switch {
	case key.Matches(msg, m.keys.Number):
		return m.typeDigit(msg.String())
	case key.Matches(msg, m.keys.Play):
		m.jump.reset()
		if m.focus == groupsPane {
			m.focus = channelsPane
			return nil
		}
		return m.play()
	case key.Matches(msg, m.keys.Clear):
		if m.jump.digits != "" {
			m.jump.reset()
			return nil
		}
		return m.clearFilter()
	}
	m.jump.reset()
	switch {
	case key.Matches(msg, m.keys.SwitchPane):
		m.focus = 1 - m.focus
	case key.Matches(msg, m.keys.Filter):
		m.startFilter()
	case key.Matches(msg, m.keys.Scope):
		return m.toggleScope()
	case key.Matches(msg, m.keys.Favorite):
		return m.toggleFavorite()
	case key.Matches(msg, m.keys.Guide):
		return m.openGuide()
	case key.Matches(msg, m.keys.Grid):
		return m.openGrid()
	case key.Matches(msg, m.keys.Find):
		return func() tea.Msg { return OpenSearchMsg{} }
	case key.Matches(msg, m.keys.Live):
		return m.showTab(TabLive)
	case key.Matches(msg, m.keys.Movies):
		return m.showTab(TabMovies)
	case key.Matches(msg, m.keys.Series):
		return m.showTab(TabSeries)
	}
	return nil
}

// moveKey moves the cursor of the focused pane and reports whether msg was a
// movement key.
func (m *Model) moveKey(msg tea.KeyPressMsg) bool {
	l, n := &m.cl, m.rowCount()
	if m.focus == groupsPane && !m.filter.editing {
		l, n = &m.gl, len(m.groups)
	}
	switch {
	case key.Matches(msg, m.keys.Up):
		l.move(-1, n)
	case key.Matches(msg, m.keys.Down):
		l.move(1, n)
	case key.Matches(msg, m.keys.Top):
		l.jump(0, n)
	case key.Matches(msg, m.keys.Bottom):
		l.jump(n-1, n)
	case key.Matches(msg, m.keys.PageUp):
		l.page(-1, n)
	case key.Matches(msg, m.keys.PageDown):
		l.page(1, n)
	default:
		return false
	}
	return true
}

// groupChanged is called after the group cursor may have moved.
func (m *Model) afterGroupMove() tea.Cmd {
	if m.focus != groupsPane || m.cat == nil {
		return nil
	}
	g := m.gl.cursor
	if g == m.shownGroup {
		return nil
	}
	m.shownGroup = g
	if m.filter.query != "" && m.filter.scopeAll {
		return nil // the results do not depend on the group
	}
	return m.refresh(true)
}

func dropLastWord(s string) string {
	r := []rune(s)
	i := len(r)
	for i > 0 && r[i-1] == ' ' {
		i--
	}
	for i > 0 && r[i-1] != ' ' {
		i--
	}
	return string(r[:i])
}
