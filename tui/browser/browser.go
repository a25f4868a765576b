// Package browser is the channel browser: the group list, the channel list,
// the filter and the number jump. It knows nothing of loading or playback; it
// is given a Catalog and asks for a channel to be played with PlayMsg.
package browser

import (
	"context"
	"slices"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/tuner-iptv/tuner/playlist"
	"github.com/tuner-iptv/tuner/playlist/prefs"
	"github.com/tuner-iptv/tuner/tui/common"
)

// CatalogMsg hands the browser a new catalog, first a cached one, later a
// fresh one. The selection is kept where it can be. Empty, when set, says
// why there are no channels and what to do, in place of "No channels.".
type CatalogMsg struct {
	Catalog *Catalog
	Empty   string
	Tab     Tab // the catalogue it is: live TV unless said
}

// PlayMsg asks for a channel to be played.
type PlayMsg struct {
	Channel playlist.Channel
	Index   int32 // in the browser's catalog; -1 from another screen
	// Then is what the next-episode key plays after an episode, in order.
	Then []playlist.Channel
}

// OpenSearchMsg asks for the programme search.
type OpenSearchMsg struct{}

// OpenSeriesMsg asks for a show's seasons and episodes to be opened.
type OpenSeriesMsg struct{ Show playlist.Channel }

// PlayingMsg tells the browser which channel plays now (nil for none), so
// its row can be marked.
type PlayingMsg struct{ Channel *playlist.Channel }

type pane int

const (
	groupsPane pane = iota
	channelsPane
)

// Model is the browser screen.
type Model struct {
	com   *common.Common
	keys  KeyMap
	base  KeyMap // the keys as chosen at start, before state disables some
	hint  string // the header's reminder of the keys
	store *prefs.Store
	ctx   context.Context

	view  // the catalogue shown: one of views, swapped in
	views [TabCount]view
	at    Tab
	tabs  bool // movies and series are offered: the header names the tabs
	// tabHint is the header's reminder of the keys beside the tabs.
	tabHint   string
	positions Positions
	info      infoState

	guide guideState

	width, height int

	paint paints // cache of the styles as escape codes

	tick func(time.Duration, func(time.Time) tea.Msg) tea.Cmd // tea.Tick; tests stop time
}

// view is what the browser shows of one catalogue: its lists, where the
// cursors stand, its filter. Each tab keeps its own, so going to Movies and
// back finds Live as it was left.
type view struct {
	cat    *Catalog
	groups []Group // All, Favorites, Recent, then the catalog's
	favs   []int32 // ascending
	favSet map[int32]bool
	recent []int32 // newest first

	playing int32

	focus      pane
	gl, cl     vlist
	shownGroup int // the group whose channels the list shows

	rows    []int32 // the channel list, unless rowsAll
	rowsAll bool    // the channel list is every channel in order

	filter filterState
	jump   jumpState

	emptyWhy string // why there are no channels, "" for no reason known
}

func newView() view {
	v := view{favSet: map[int32]bool{}, playing: -1, focus: channelsPane, groups: fixedGroups()}
	v.filter.scopeAll = true
	return v
}

// New returns an empty browser; it shows "loading" until a CatalogMsg comes.
// ctx bounds the searches it starts; store may be nil.
func New(ctx context.Context, com *common.Common, store *prefs.Store) *Model {
	if store == nil {
		store = prefs.Memory()
	}
	m := &Model{
		com:   com,
		keys:  NewKeyMap(com.Keys),
		base:  NewKeyMap(com.Keys),
		store: store,
		ctx:   ctx,
		tick:  tea.Tick,
		width: 80, height: 22,
	}
	for t := range m.views {
		m.views[t] = newView()
	}
	m.view = m.views[TabLive]
	m.hint = m.base.Filter.Help().Key + " to filter · 0-9 to go to a number · " +
		common.NewGlobalKeys(com.Keys).Help.Help().Key + " for help"
	m.tabHint = m.base.Tabs.Help().Key + " to switch · " + m.base.Filter.Help().Key + " to filter"
	m.updateKeys()
	return m
}

func fixedGroups() []Group {
	return []Group{
		{Kind: KindAll, Label: "All"},
		{Kind: KindFavorites, Label: "Favourites"},
		{Kind: KindRecent, Label: "Recent"},
	}
}

// Init implements common.Component.
func (m *Model) Init() tea.Cmd { return nil }

// Capturing reports that the filter is being typed.
func (m *Model) Capturing() bool { return m.filter.editing }

// SetSize implements common.Component.
func (m *Model) SetSize(w, h int) {
	m.width, m.height = w, h
	lo := m.layout()
	m.gl.setHeight(lo.groups.h-1, len(m.groups))
	m.cl.setHeight(lo.channels.h-1, m.rowCount())
}

// ShortHelp implements help.KeyMap.
func (m *Model) ShortHelp() []key.Binding { return m.keys.ShortHelp() }

// FullHelp implements help.KeyMap.
// The tab keys are listed only where there are tabs to switch.
func (m *Model) FullHelp() [][]key.Binding {
	groups := m.base.FullHelp()
	if !m.tabs {
		groups[1] = groups[1][:7]
	}
	return groups
}

// Subscribes implements common.Subscriber: the catalog, what plays and the
// guide reach the browser also while another screen covers it, so it is up
// to date when that screen pops.
func (m *Model) Subscribes(msg tea.Msg) bool {
	switch msg.(type) {
	case CatalogMsg, PlayingMsg, GuideMsg, ShortGuideMsg, InfoMsg:
		return true
	}
	return false
}

// Update implements common.Component.
func (m *Model) Update(msg tea.Msg) (common.Component, tea.Cmd) {
	var cmd tea.Cmd
	switch msg := msg.(type) {
	case CatalogMsg:
		cmd = m.setCatalogOf(msg.Tab, msg.Catalog, msg.Empty)
	case PlayingMsg:
		m.setPlaying(msg.Channel)
	case InfoMsg:
		m.setInfo(msg)
	case infoTickMsg:
		cmd = m.infoTick(msg)
	case searchResultMsg:
		m.in(msg.tab, func() { m.applyResults(msg) })
	case jumpTimeoutMsg:
		m.jumpTimeout(msg)
	case GuideMsg:
		m.setGuide(msg)
	case ShortGuideMsg:
		m.setShort(msg)
	case shortTickMsg:
		cmd = m.shortTick(msg)
	case tea.KeyPressMsg:
		cmd = m.handleKey(msg)
	case tea.PasteMsg:
		if m.filter.editing {
			cmd = m.setQuery(m.filter.query + playlist.Printable(msg.Content))
		}
	case tea.MouseWheelMsg:
		m.handleWheel(msg)
	case tea.MouseClickMsg:
		cmd = m.handleClick(msg)
	}
	m.updateKeys()
	return m, tea.Batch(cmd, m.askShort(), m.askInfo())
}

func (m *Model) updateKeys() {
	m.keys.update(m.base, keyState{
		loaded:   m.cat != nil,
		editing:  m.filter.editing,
		filtered: m.filter.query != "",
		channels: m.focus == channelsPane,
		hasRow:   m.rowCount() > 0,
		tabs:     m.tabs,
		live:     m.at == TabLive,
	})
}

// setCatalog swaps in a new catalog, keeping the group, the channel and the
// filter the person had.
func (m *Model) setCatalog(c *Catalog) tea.Cmd {
	var selGroup *Group
	if g := m.currentGroup(); g != nil {
		gg := *g
		selGroup = &gg
	}
	selected := m.SelectedChannel()
	var playing *playlist.Channel
	if m.playing >= 0 {
		playing = m.cat.Channel(m.playing)
	}

	m.cat = c
	m.favs = slices.Clone(c.Favorites)
	m.favSet = make(map[int32]bool, len(m.favs))
	for _, i := range m.favs {
		m.favSet[i] = true
	}
	m.recent = slices.Clone(c.Recent)
	m.playing = m.locate(playing)
	m.groups = append(fixedGroups(), c.Groups...)
	m.gl.jump(findGroup(m.groups, selGroup), len(m.groups))

	cmd := m.refresh(false)
	if i := m.locate(selected); i >= 0 && m.filter.query == "" {
		m.selectIndex(i)
	}
	return cmd
}

// locate finds a channel in the current catalog, which may be a newer one
// than the channel came from: by source, name and tvg-id. -1 when it is not
// there.
func (m *Model) locate(ch *playlist.Channel) int32 {
	if ch == nil || m.cat == nil {
		return -1
	}
	// The usual cases, without a scan: the channel already marked, or the
	// one under the cursor that was just played.
	for _, i := range []int32{m.playing, m.SelectedIndex()} {
		if i >= 0 && int(i) < m.cat.Len() && sameChannel(m.cat.Channel(i), ch) {
			return i
		}
	}
	return m.cat.find(ch.Source, prefs.RefOf(ch))
}

func sameChannel(a, b *playlist.Channel) bool {
	return a.Source == b.Source && a.Name == b.Name && a.TvgID == b.TvgID
}

func findGroup(gs []Group, want *Group) int {
	if want == nil {
		return 0
	}
	for i, g := range gs {
		if g.Kind == want.Kind && g.Label == want.Label && g.Source == want.Source {
			return i
		}
	}
	return 0
}

func (m *Model) currentGroup() *Group {
	if m.gl.cursor < 0 || m.gl.cursor >= len(m.groups) {
		return nil
	}
	return &m.groups[m.gl.cursor]
}

// groupRows returns the channels of the current group, in list order; all
// is true for every channel.
func (m *Model) groupRows() (rows []int32, all bool) {
	g := m.currentGroup()
	if g == nil || m.cat == nil {
		return nil, false
	}
	switch g.Kind {
	case KindAll:
		return nil, true
	case KindFavorites:
		return m.favs, false
	case KindRecent:
		return m.recent, false
	}
	return g.Members, false
}

// refresh recomputes the channel list after the group, the query or the
// catalog changed. Without a query that is immediate; with one it starts a
// search. reset puts the cursor back on the first row.
func (m *Model) refresh(reset bool) tea.Cmd {
	if m.filter.query != "" && m.cat != nil {
		m.shownGroup = m.gl.cursor
		return m.startSearch()
	}
	m.filter.cancelSearch()
	m.shownGroup = m.gl.cursor
	m.rows, m.rowsAll = m.groupRows()
	if reset {
		m.cl.jump(0, m.rowCount())
	}
	m.cl.clamp(m.rowCount())
	return nil
}

func (m *Model) rowCount() int {
	if m.cat == nil {
		return 0
	}
	if m.rowsAll {
		return m.cat.Len()
	}
	return len(m.rows)
}

func (m *Model) rowAt(i int) int32 {
	if m.rowsAll {
		return int32(i)
	}
	return m.rows[i]
}

// SelectedIndex returns the catalog index of the channel under the cursor,
// or -1.
func (m *Model) SelectedIndex() int32 {
	if m.rowCount() == 0 {
		return -1
	}
	return m.rowAt(m.cl.cursor)
}

// SelectedChannel returns the channel under the cursor, or nil.
func (m *Model) SelectedChannel() *playlist.Channel {
	i := m.SelectedIndex()
	if i < 0 {
		return nil
	}
	return m.cat.Channel(i)
}

// selectIndex puts the cursor on catalog index i if it is in the list.
func (m *Model) selectIndex(i int32) bool {
	n := m.rowCount()
	if m.rowsAll {
		m.cl.jump(int(i), n)
		return true
	}
	for k := range n {
		if m.rows[k] == i {
			m.cl.jump(k, n)
			return true
		}
	}
	return false
}
