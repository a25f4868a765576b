package browser

import (
	"slices"

	"charm.land/bubbles/v2/key"

	"github.com/tuner-iptv/tuner/tui/common"
)

// KeyMap is every key the browser answers to. Bindings that make no sense in
// the current state are disabled, which also hides them from help.
type KeyMap struct {
	Up, Down         key.Binding
	Top, Bottom      key.Binding
	PageUp, PageDown key.Binding
	SwitchPane       key.Binding
	Play             key.Binding
	Favorite         key.Binding
	Filter           key.Binding
	Scope            key.Binding
	Clear            key.Binding
	Accept           key.Binding
	DeleteChar       key.Binding
	DeleteWord       key.Binding
	ClearQuery       key.Binding
	Number           key.Binding
	Guide            key.Binding
	Live             key.Binding
	Movies           key.Binding
	Series           key.Binding
	Tabs             key.Binding // the three above, as the footer names them
	Grid             key.Binding
	Find             key.Binding
}

// DefaultKeyMap returns the browser's keys.
func DefaultKeyMap() KeyMap { return NewKeyMap(nil) }

// NewKeyMap returns the browser's keys with o applied.
func NewKeyMap(o common.KeyOverrides) KeyMap {
	return KeyMap{
		Up:         o.Bind(common.ActionUp, key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "up"))),
		Down:       o.Bind(common.ActionDown, key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "down"))),
		Top:        o.Bind(common.ActionTop, key.NewBinding(key.WithKeys("g", "home"), key.WithHelp("g/home", "first"))),
		Bottom:     o.Bind(common.ActionBottom, key.NewBinding(key.WithKeys("G", "end"), key.WithHelp("G/end", "last"))),
		PageUp:     o.Bind(common.ActionPageUp, key.NewBinding(key.WithKeys("pgup", "ctrl+b"), key.WithHelp("pgup", "page up"))),
		PageDown:   o.Bind(common.ActionPageDown, key.NewBinding(key.WithKeys("pgdown", "ctrl+f"), key.WithHelp("pgdn", "page down"))),
		SwitchPane: o.Bind(common.ActionSwitchPane, key.NewBinding(key.WithKeys("tab", "shift+tab"), key.WithHelp("tab", "switch pane"))),
		Play:       o.Bind(common.ActionPlay, key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "play"))),
		Favorite:   o.Bind(common.ActionFavorite, key.NewBinding(key.WithKeys("f"), key.WithHelp("f", "favourite"))),
		Filter:     o.Bind(common.ActionFilter, key.NewBinding(key.WithKeys("/"), key.WithHelp("/", "filter"))),
		Scope:      key.NewBinding(key.WithKeys("ctrl+g"), key.WithHelp("ctrl+g", "all/this group")),
		Clear:      key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "clear filter")),
		Accept:     accept(o),
		DeleteChar: key.NewBinding(key.WithKeys("backspace", "ctrl+h"), key.WithHelp("backspace", "delete a letter")),
		DeleteWord: key.NewBinding(key.WithKeys("ctrl+w", "alt+backspace"), key.WithHelp("ctrl+w", "delete a word")),
		ClearQuery: key.NewBinding(key.WithKeys("ctrl+u"), key.WithHelp("ctrl+u", "delete the query")),
		Number:     key.NewBinding(key.WithKeys("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"), key.WithHelp("0-9", "go to number")),
		Guide:      o.Bind(common.ActionSchedule, key.NewBinding(key.WithKeys("e"), key.WithHelp("e", "schedule"))),
		Live:       o.Bind(common.ActionLive, key.NewBinding(key.WithKeys("L"), key.WithHelp("L", "live TV"))),
		Movies:     o.Bind(common.ActionMovies, key.NewBinding(key.WithKeys("M"), key.WithHelp("M", "movies"))),
		Series:     o.Bind(common.ActionSeries, key.NewBinding(key.WithKeys("S"), key.WithHelp("S", "series"))),
		Grid:       o.Bind(common.ActionGrid, key.NewBinding(key.WithKeys("E"), key.WithHelp("E", "guide grid"))),
		Find:       o.Bind(common.ActionFind, key.NewBinding(key.WithKeys("F"), key.WithHelp("F", "find a programme"))),
	}.withTabs()
}

// withTabs names the three tab keys in one footer entry.
func (k KeyMap) withTabs() KeyMap {
	names := k.Live.Help().Key + "/" + k.Movies.Help().Key + "/" + k.Series.Help().Key
	// Its keys are the three tabs' (help shows a binding only with keys);
	// nothing matches on it.
	keys := slices.Concat(k.Live.Keys(), k.Movies.Keys(), k.Series.Keys())
	k.Tabs = key.NewBinding(key.WithKeys(keys...), key.WithHelp(names, "tabs"))
	return k
}

// accept plays from the filter with the play keys that do not type text;
// enter when every play key would type.
func accept(o common.KeyOverrides) key.Binding {
	b := common.Untyped(o.Bind(common.ActionPlay, key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "play"))))
	if len(b.Keys()) == 0 {
		b = key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "play"))
	}
	return b
}

// LiveKeys lists the sets of keys the browser answers to at the same time:
// while browsing, and while the filter is typed.
func LiveKeys(o common.KeyOverrides) (browsing, typing []common.Named) {
	k := NewKeyMap(o)
	browsing = []common.Named{
		{Name: common.ActionUp, Binding: k.Up}, {Name: common.ActionDown, Binding: k.Down},
		{Name: common.ActionTop, Binding: k.Top}, {Name: common.ActionBottom, Binding: k.Bottom},
		{Name: common.ActionPageUp, Binding: k.PageUp}, {Name: common.ActionPageDown, Binding: k.PageDown},
		{Name: common.ActionSwitchPane, Binding: k.SwitchPane}, {Name: common.ActionPlay, Binding: k.Play},
		{Name: common.ActionFavorite, Binding: k.Favorite}, {Name: common.ActionFilter, Binding: k.Filter},
		{Name: common.ActionSchedule, Binding: k.Guide}, {Name: common.ActionGrid, Binding: k.Grid},
		{Name: common.ActionFind, Binding: k.Find},
		{Name: common.ActionLive, Binding: k.Live}, {Name: common.ActionMovies, Binding: k.Movies},
		{Name: common.ActionSeries, Binding: k.Series},
		{Name: "filter-scope", Binding: k.Scope}, {Name: "clear-filter", Binding: k.Clear},
		{Name: "go-to-number", Binding: k.Number},
	}
	typing = []common.Named{
		{Name: common.ActionPlay, Binding: k.Accept},
		{Name: "filter-scope", Binding: k.Scope}, {Name: "clear-filter", Binding: k.Clear},
		{Name: "delete-letter", Binding: k.DeleteChar}, {Name: "delete-word", Binding: k.DeleteWord},
		{Name: "delete-query", Binding: k.ClearQuery},
	}
	for _, n := range browsing[:6] {
		typing = append(typing, common.Named{Name: n.Name, Binding: common.Untyped(n.Binding)})
	}
	return browsing, typing
}

// keyState is what decides which keys are live.
type keyState struct {
	loaded   bool
	editing  bool // typing a filter
	filtered bool // a query is applied
	channels bool // the channel pane has focus
	hasRow   bool
	tabs     bool // movies and series are offered
	live     bool // the live TV tab is shown
}

func (k *KeyMap) update(base KeyMap, s keyState) {
	// While typing, letters belong to the query: only non-printing keys move.
	for _, b := range []struct{ live, base *key.Binding }{
		{&k.Up, &base.Up}, {&k.Down, &base.Down}, {&k.Top, &base.Top},
		{&k.Bottom, &base.Bottom}, {&k.PageUp, &base.PageUp}, {&k.PageDown, &base.PageDown},
	} {
		*b.live = *b.base
		if s.editing {
			*b.live = common.Untyped(*b.base)
		}
		b.live.SetEnabled(s.loaded && len(b.live.Keys()) > 0)
	}

	k.SwitchPane.SetEnabled(s.loaded && !s.editing)
	k.Play.SetEnabled(s.loaded && !s.editing && s.hasRow)
	k.Accept.SetEnabled(s.editing && s.hasRow)
	k.DeleteChar.SetEnabled(s.editing)
	k.DeleteWord.SetEnabled(s.editing)
	k.ClearQuery.SetEnabled(s.editing)
	k.Favorite.SetEnabled(s.loaded && !s.editing && s.channels && s.hasRow)
	k.Filter.SetEnabled(s.loaded && !s.editing)
	k.Scope.SetEnabled(s.loaded && (s.editing || s.filtered))
	k.Clear.SetEnabled(s.editing || s.filtered)
	k.Number.SetEnabled(s.loaded && !s.editing)
	k.Guide.SetEnabled(s.loaded && !s.editing && s.hasRow && s.live)
	k.Grid.SetEnabled(s.loaded && !s.editing && s.hasRow && s.live)
	k.Find.SetEnabled(s.loaded && !s.editing && s.live)
	for _, b := range []*key.Binding{&k.Live, &k.Movies, &k.Series, &k.Tabs} {
		b.SetEnabled(s.tabs && !s.editing)
	}
}

// ShortHelp is the footer line.
func (k KeyMap) ShortHelp() []key.Binding {
	return []key.Binding{k.Accept, k.Clear, k.Scope, k.Filter, k.Play, k.Tabs, k.Favorite, k.SwitchPane, k.Number}
}

// FullHelp is the `?` screen: called on the keys before any state
// disables some, it lists every key, one column per kind, so it is a
// complete reference (the footer is the live one).
func (k KeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		{k.Up, k.Down, k.Top, k.Bottom, k.PageUp, k.PageDown},
		{k.SwitchPane, k.Play, k.Favorite, k.Number, k.Guide, k.Grid, k.Find, k.Live, k.Movies, k.Series},
		{k.Filter, k.Scope, k.Clear, k.DeleteChar, k.DeleteWord, k.ClearQuery},
	}
}
