package browser

import (
	"context"
	"slices"

	tea "charm.land/bubbletea/v2"
)

// filterState is the query and the search in flight. Every search gets the
// next sequence number; a result whose number is not the latest is dropped,
// so a slow search for "b" can never overwrite the result for "bb".
type filterState struct {
	editing  bool
	query    string
	scopeAll bool // search every channel rather than the current group
	seq      uint64
	pending  bool
	cancel   context.CancelFunc
}

func (f *filterState) cancelSearch() {
	if f.cancel != nil {
		f.cancel()
		f.cancel = nil
	}
	f.pending = false
}

type searchResultMsg struct {
	tab   Tab
	seq   uint64
	query string
	ids   []int32
	err   error
}

// startSearch runs the query in a command, abandoning the previous one.
func (m *Model) startSearch() tea.Cmd {
	m.filter.cancelSearch()
	m.filter.seq++
	m.filter.pending = true
	if m.cat.Index == nil {
		m.filter.pending = false
		return nil
	}
	ctx, cancel := context.WithCancel(m.ctx)
	m.filter.cancel = cancel
	ix, seq, q, within, tab := m.cat.Index, m.filter.seq, m.filter.query, m.searchWithin(), m.at
	return func() tea.Msg {
		ids, err := ix.Search(ctx, q, within)
		return searchResultMsg{tab: tab, seq: seq, query: q, ids: ids, err: err}
	}
}

// searchWithin is the subset the query runs over: nil for every channel.
// Favourites and recents are copied, as the search reads them on another
// goroutine while a key press may change them.
func (m *Model) searchWithin() []int32 {
	if m.filter.scopeAll {
		return nil
	}
	rows, all := m.groupRows()
	if all {
		return nil
	}
	if g := m.currentGroup(); g != nil && (g.Kind == KindRecent || g.Kind == KindFavorites) {
		rows = slices.Clone(rows)
		slices.Sort(rows)
	}
	if rows == nil {
		return []int32{} // an empty group: nothing to find, not everything
	}
	return rows
}

func (m *Model) applyResults(r searchResultMsg) {
	if r.seq != m.filter.seq || r.query != m.filter.query {
		return // stale: a newer search is under way or done
	}
	m.filter.pending = false
	m.filter.cancel = nil
	if r.err != nil {
		return
	}
	m.rows, m.rowsAll = r.ids, false
	m.cl.jump(0, m.rowCount())
}

// setQuery changes the query and starts the search for it.
func (m *Model) setQuery(q string) tea.Cmd {
	if q == m.filter.query {
		return nil
	}
	m.filter.query = q
	return m.refresh(true)
}

func (m *Model) startFilter() {
	m.filter.editing = true
	m.focus = channelsPane
	m.jump.reset()
}

// clearFilter drops the query and shows the current group again.
func (m *Model) clearFilter() tea.Cmd {
	m.filter.editing = false
	m.filter.query = ""
	return m.refresh(true)
}

func (m *Model) toggleScope() tea.Cmd {
	m.filter.scopeAll = !m.filter.scopeAll
	if m.filter.query == "" {
		return nil
	}
	return m.refresh(true)
}

func dropLastRune(s string) string {
	r := []rune(s)
	if len(r) == 0 {
		return s
	}
	return string(r[:len(r)-1])
}
