package browser

import (
	"slices"

	tea "charm.land/bubbletea/v2"

	"github.com/tuner-iptv/tuner/playlist"
	"github.com/tuner-iptv/tuner/playlist/prefs"
	"github.com/tuner-iptv/tuner/tui/common"
)

// play asks for the selected channel and records it as recently played.
func (m *Model) play() tea.Cmd {
	i := m.SelectedIndex()
	if i < 0 {
		return nil
	}
	ch := *m.cat.Channel(i)
	if ch.Kind() == playlist.KindSeries {
		return func() tea.Msg { return OpenSeriesMsg{Show: ch} }
	}
	then := m.following(ch)
	if k := slices.Index(m.recent, i); k >= 0 {
		m.recent = slices.Delete(m.recent, k, k+1)
	}
	m.recent = slices.Insert(m.recent, 0, i)
	if len(m.recent) > prefs.MaxRecent {
		m.recent = m.recent[:prefs.MaxRecent]
	}
	m.store.AddRecent(ch.Source, prefs.RefOf(&ch))
	if g := m.currentGroup(); g != nil && g.Kind == KindRecent && m.filter.query == "" {
		m.rows = m.recent
		m.cl.jump(0, m.rowCount())
	}
	return tea.Batch(
		func() tea.Msg { return PlayMsg{Channel: ch, Index: i, Then: then} },
		saveCmd(m.store),
	)
}

// maxThen bounds the episodes queued after one played from the list.
const maxThen = 50

// following is, for an episode, the episodes listed after it: an M3U list
// has its shows' episodes as rows in order.
func (m *Model) following(ch playlist.Channel) []playlist.Channel {
	if ch.Kind() != playlist.KindEpisode {
		return nil
	}
	var out []playlist.Channel
	for k := m.cl.cursor + 1; k < m.rowCount() && len(out) < maxThen; k++ {
		if c := m.cat.Channel(m.rowAt(k)); c.Kind() == playlist.KindEpisode {
			out = append(out, *c)
		}
	}
	return out
}

// toggleFavorite adds or removes the selected channel from the favourites.
func (m *Model) toggleFavorite() tea.Cmd {
	i := m.SelectedIndex()
	if i < 0 {
		return nil
	}
	ch := m.cat.Channel(i)
	on := !m.favSet[i]
	k, found := slices.BinarySearch(m.favs, i)
	switch {
	case on && !found:
		m.favs = slices.Insert(m.favs, k, i)
	case !on && found:
		m.favs = slices.Delete(m.favs, k, k+1)
	}
	if on {
		m.favSet[i] = true
	} else {
		delete(m.favSet, i)
	}
	m.store.SetFavorite(ch.Source, prefs.RefOf(ch), on)
	if g := m.currentGroup(); g != nil && g.Kind == KindFavorites && m.filter.query == "" {
		m.rows = m.favs
		m.cl.clamp(m.rowCount())
	}
	return saveCmd(m.store) // the star on the row is the feedback
}

// saveCmd writes the preferences off the UI goroutine; only a failure is
// reported.
func saveCmd(store *prefs.Store) tea.Cmd {
	return func() tea.Msg {
		if err := store.Save(); err != nil {
			return common.StatusMsg{Text: err.Error(), Err: true}
		}
		return nil
	}
}
