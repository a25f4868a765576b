package browser

import (
	"fmt"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/tuner-iptv/tuner/playlist"
)

// Tab is one of the browser's catalogues: live TV, movies or series.
type Tab int

// The tabs, in the order the header names them.
const (
	TabLive Tab = iota
	TabMovies
	TabSeries
	TabCount // how many there are
)

var tabNames = [TabCount]string{"Live", "Movies", "Series"}

// String is the tab's name as the header shows it.
func (t Tab) String() string { return tabNames[t] }

// TabOf is the tab an item of kind k is listed in: movies under Movies,
// shows and episodes under Series, everything else under Live.
func TabOf(k playlist.Kind) Tab {
	switch k {
	case playlist.KindMovie:
		return TabMovies
	case playlist.KindSeries, playlist.KindEpisode:
		return TabSeries
	}
	return TabLive
}

// nouns name what a tab lists, for titles and empty lists.
var nouns = [TabCount]struct{ one, many, Many string }{
	{"channel", "channels", "Channels"},
	{"movie", "movies", "Movies"},
	{"show", "shows", "Shows"},
}

// OpenCatalogueMsg asks for a catalogue the person opened for the first
// time; the root fetches it and answers with a CatalogMsg for the tab.
type OpenCatalogueMsg struct{ Tab Tab }

// EnableTabs shows the Movies and Series tabs and their keys; without it
// the browser is the live TV browser it always was.
func (m *Model) EnableTabs(on bool) { m.tabs = on }

// Catalog is the catalog of the tab shown, nil while it loads.
func (m *Model) Catalog() *Catalog { return m.cat }

// Tab is the catalogue shown.
func (m *Model) Tab() Tab { return m.at }

// in runs f with tab t's view swapped in, so code written for the view shown
// works on another one (a catalogue or a search result arriving for it).
func (m *Model) in(t Tab, f func()) {
	if t == m.at {
		f()
		return
	}
	cur := m.at
	m.views[cur] = m.view
	m.at, m.view = t, m.views[t]
	f()
	m.views[t] = m.view
	m.at, m.view = cur, m.views[cur]
}

// showTab goes to tab t, asking for its catalogue the first time.
func (m *Model) showTab(t Tab) tea.Cmd {
	if t == m.at || !m.tabs {
		return nil
	}
	// A search in flight or a typed number belongs to the tab left; the
	// query stays and runs again on return.
	m.filter.cancelSearch()
	m.filter.editing = false
	m.jump.reset()
	m.views[m.at] = m.view
	m.at, m.view = t, m.views[t]
	m.SetSize(m.width, m.height)
	var cmd tea.Cmd
	if m.filter.query != "" && m.cat != nil {
		cmd = m.refresh(false)
	}
	if m.cat == nil {
		cmd = tea.Batch(cmd, func() tea.Msg { return OpenCatalogueMsg{Tab: t} })
	}
	return cmd
}

// setCatalogOf shows c in tab t, whichever tab is shown.
func (m *Model) setCatalogOf(t Tab, c *Catalog, empty string) tea.Cmd {
	var cmd tea.Cmd
	m.in(t, func() {
		m.emptyWhy = empty
		cmd = m.setCatalog(c)
	})
	if t != TabLive && c != nil && c.Len() > 0 {
		m.tabs = true // an M3U list with movies in it offers them
	}
	return cmd
}

// setPlaying marks what plays in every tab that lists it.
func (m *Model) setPlaying(ch *playlist.Channel) {
	in := TabLive
	if ch != nil {
		in = TabOf(ch.Kind())
	}
	for t := range TabCount {
		m.in(t, func() {
			m.playing = -1
			if t == in {
				m.playing = m.locate(ch)
			}
		})
	}
}

func (m *Model) noun() string { return nouns[m.at].many }

// tabLine names the tabs, the shown one marked so it reads without colour,
// then the reminder of the keys.
func (m *Model) tabLine() string {
	st := m.paints()
	var b strings.Builder
	for t := range TabCount {
		if t == m.at {
			b.WriteString(st.active.Render("[" + t.String() + "]"))
		} else {
			b.WriteString(st.hint.Render(" " + t.String() + " "))
		}
	}
	b.WriteString(st.hint.Render(" " + m.tabHint))
	return b.String()
}

// Positions tells where movies and episodes were left, for the marks and
// the detail line; nil knows nothing.
type Positions func(ch *playlist.Channel) (pos, length time.Duration, watched bool)

// SetPositions sets where the browser reads the marks from.
func (m *Model) SetPositions(p Positions) { m.positions = p }

// marks are the detail line's word on a movie or an episode already
// played: watched, or where it was left.
func (m *Model) marks(ch *playlist.Channel) []string {
	if m.positions == nil || ch.Kind() == playlist.KindLive {
		return nil
	}
	pos, length, watched := m.positions(ch)
	switch {
	case watched:
		return []string{"watched"}
	case pos > 0 && length > 0:
		return []string{"left at " + Clock(pos) + " of " + Clock(length)}
	case pos > 0:
		return []string{"left at " + Clock(pos)}
	}
	return nil
}

// Clock is a position as players show it: 1:02:13, 0:42.
func Clock(d time.Duration) string {
	s := int(d / time.Second)
	if s >= 3600 {
		return fmt.Sprintf("%d:%02d:%02d", s/3600, s/60%60, s%60)
	}
	return fmt.Sprintf("%d:%02d", s/60, s%60)
}
