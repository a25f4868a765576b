package common

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// NavKeys move a cursor through a list. Every list screen answers to them
// the same way, the person's overrides included.
type NavKeys struct {
	Up, Down         key.Binding
	PageUp, PageDown key.Binding
	Top, Bottom      key.Binding
}

// NewNavKeys returns the list keys with o applied.
func NewNavKeys(o KeyOverrides) NavKeys {
	return NavKeys{
		Up:       o.Bind(ActionUp, key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "up"))),
		Down:     o.Bind(ActionDown, key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "down"))),
		PageUp:   o.Bind(ActionPageUp, key.NewBinding(key.WithKeys("pgup", "ctrl+b"), key.WithHelp("pgup", "page up"))),
		PageDown: o.Bind(ActionPageDown, key.NewBinding(key.WithKeys("pgdown", "ctrl+f"), key.WithHelp("pgdn", "page down"))),
		Top:      o.Bind(ActionTop, key.NewBinding(key.WithKeys("g", "home"), key.WithHelp("g/home", "first"))),
		Bottom:   o.Bind(ActionBottom, key.NewBinding(key.WithKeys("G", "end"), key.WithHelp("G/end", "last"))),
	}
}

// Named lists the keys by action, for the clash check.
func (k NavKeys) Named() []Named {
	return []Named{
		{Name: ActionUp, Binding: k.Up}, {Name: ActionDown, Binding: k.Down},
		{Name: ActionPageUp, Binding: k.PageUp}, {Name: ActionPageDown, Binding: k.PageDown},
		{Name: ActionTop, Binding: k.Top}, {Name: ActionBottom, Binding: k.Bottom},
	}
}

// Help lists the keys for the help screen.
func (k NavKeys) Help() []key.Binding {
	return []key.Binding{k.Up, k.Down, k.PageUp, k.PageDown, k.Top, k.Bottom}
}

// Step is how many rows msg moves a cursor in a list of n rows shown page
// at a time, and false for a key that does not move it. Top and Bottom go
// the whole length, so a clamped cursor lands on the first or last row.
func (k NavKeys) Step(msg tea.KeyPressMsg, n, page int) (int, bool) {
	switch {
	case key.Matches(msg, k.Up):
		return -1, true
	case key.Matches(msg, k.Down):
		return 1, true
	case key.Matches(msg, k.PageUp):
		return -page, true
	case key.Matches(msg, k.PageDown):
		return page, true
	case key.Matches(msg, k.Top):
		return -n, true
	case key.Matches(msg, k.Bottom):
		return n, true
	}
	return 0, false
}
