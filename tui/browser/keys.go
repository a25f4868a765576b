package browser

import "charm.land/bubbles/v2/key"

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
}

// DefaultKeyMap returns the browser's keys.
func DefaultKeyMap() KeyMap {
	return KeyMap{
		Up:         key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "up")),
		Down:       key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "down")),
		Top:        key.NewBinding(key.WithKeys("g", "home"), key.WithHelp("g/home", "first")),
		Bottom:     key.NewBinding(key.WithKeys("G", "end"), key.WithHelp("G/end", "last")),
		PageUp:     key.NewBinding(key.WithKeys("pgup", "ctrl+b"), key.WithHelp("pgup", "page up")),
		PageDown:   key.NewBinding(key.WithKeys("pgdown", "ctrl+f"), key.WithHelp("pgdn", "page down")),
		SwitchPane: key.NewBinding(key.WithKeys("tab", "shift+tab"), key.WithHelp("tab", "switch pane")),
		Play:       key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "play")),
		Favorite:   key.NewBinding(key.WithKeys("f"), key.WithHelp("f", "favourite")),
		Filter:     key.NewBinding(key.WithKeys("/"), key.WithHelp("/", "filter")),
		Scope:      key.NewBinding(key.WithKeys("ctrl+g"), key.WithHelp("ctrl+g", "all/this group")),
		Clear:      key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "clear filter")),
		Accept:     key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "play")),
		DeleteChar: key.NewBinding(key.WithKeys("backspace", "ctrl+h"), key.WithHelp("backspace", "delete a letter")),
		DeleteWord: key.NewBinding(key.WithKeys("ctrl+w", "alt+backspace"), key.WithHelp("ctrl+w", "delete a word")),
		ClearQuery: key.NewBinding(key.WithKeys("ctrl+u"), key.WithHelp("ctrl+u", "delete the query")),
		Number:     key.NewBinding(key.WithKeys("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"), key.WithHelp("0-9", "go to number")),
		Guide:      key.NewBinding(key.WithKeys("e"), key.WithHelp("e", "schedule")),
	}
}

// keyState is what decides which keys are live.
type keyState struct {
	loaded   bool
	editing  bool // typing a filter
	filtered bool // a query is applied
	channels bool // the channel pane has focus
	hasRow   bool
}

func (k *KeyMap) update(s keyState) {
	nav := s.loaded
	for _, b := range []*key.Binding{&k.Up, &k.Down, &k.Top, &k.Bottom, &k.PageUp, &k.PageDown} {
		b.SetEnabled(nav)
	}
	// While typing, letters belong to the query: only non-printing keys move.
	k.Up.SetKeys(pick(s.editing, []string{"up"}, []string{"up", "k"})...)
	k.Down.SetKeys(pick(s.editing, []string{"down"}, []string{"down", "j"})...)
	k.Top.SetKeys(pick(s.editing, []string{"home"}, []string{"g", "home"})...)
	k.Bottom.SetKeys(pick(s.editing, []string{"end"}, []string{"G", "end"})...)
	k.Up.SetHelp(pick(s.editing, "↑", "↑/k"), "up")
	k.Down.SetHelp(pick(s.editing, "↓", "↓/j"), "down")
	k.Top.SetHelp(pick(s.editing, "home", "g/home"), "first")
	k.Bottom.SetHelp(pick(s.editing, "end", "G/end"), "last")

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
	k.Guide.SetEnabled(s.loaded && !s.editing && s.hasRow)
}

func pick[T any](cond bool, a, b T) T {
	if cond {
		return a
	}
	return b
}

// ShortHelp is the footer line.
func (k KeyMap) ShortHelp() []key.Binding {
	return []key.Binding{k.Accept, k.Clear, k.Scope, k.Filter, k.Play, k.Favorite, k.SwitchPane, k.Number}
}

// FullHelp is the `?` screen: every key, whatever the state, one column
// per kind, so it is a complete reference (the footer is the live one).
func (k KeyMap) FullHelp() [][]key.Binding {
	d := DefaultKeyMap()
	return [][]key.Binding{
		{d.Up, d.Down, d.Top, d.Bottom, d.PageUp, d.PageDown},
		{d.SwitchPane, d.Play, d.Favorite, d.Number, d.Guide},
		{d.Filter, d.Scope, d.Clear, d.DeleteChar, d.DeleteWord, d.ClearQuery},
	}
}
