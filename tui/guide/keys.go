package guide

import "charm.land/bubbles/v2/key"

// KeyMap is every key the schedule answers to.
type KeyMap struct {
	Up, Down         key.Binding
	PageUp, PageDown key.Binding
	Top, Bottom      key.Binding
	Now              key.Binding
	Back             key.Binding
}

// DefaultKeyMap returns the schedule's keys.
func DefaultKeyMap() KeyMap {
	return KeyMap{
		Up:       key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "up")),
		Down:     key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "down")),
		PageUp:   key.NewBinding(key.WithKeys("pgup", "ctrl+b"), key.WithHelp("pgup", "page up")),
		PageDown: key.NewBinding(key.WithKeys("pgdown", "ctrl+f"), key.WithHelp("pgdn", "page down")),
		Top:      key.NewBinding(key.WithKeys("g", "home"), key.WithHelp("g/home", "first")),
		Bottom:   key.NewBinding(key.WithKeys("G", "end"), key.WithHelp("G/end", "last")),
		Now:      key.NewBinding(key.WithKeys("n"), key.WithHelp("n", "on now")),
		Back:     key.NewBinding(key.WithKeys("esc", "e", "backspace"), key.WithHelp("esc", "back")),
	}
}

// ShortHelp is the footer line.
func (k KeyMap) ShortHelp() []key.Binding {
	return []key.Binding{k.Back, k.Up, k.Down, k.Now}
}

// FullHelp is the `?` screen.
func (k KeyMap) FullHelp() [][]key.Binding {
	d := DefaultKeyMap()
	return [][]key.Binding{
		{d.Up, d.Down, d.PageUp, d.PageDown, d.Top, d.Bottom},
		{d.Now, d.Back},
	}
}
