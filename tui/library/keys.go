package library

import (
	"charm.land/bubbles/v2/key"

	"github.com/tuner-iptv/tuner/tui/common"
)

// KeyMap is every key the catalogue answers to.
type KeyMap struct {
	Up, Down         key.Binding
	PageUp, PageDown key.Binding
	Top, Bottom      key.Binding
	Play             key.Binding
	Delete           key.Binding
	Back             key.Binding
}

// NewKeyMap returns the screen's keys with o applied.
func NewKeyMap(o common.KeyOverrides) KeyMap {
	return KeyMap{
		Up:       o.Bind(common.ActionUp, key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "up"))),
		Down:     o.Bind(common.ActionDown, key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "down"))),
		PageUp:   o.Bind(common.ActionPageUp, key.NewBinding(key.WithKeys("pgup", "ctrl+b"), key.WithHelp("pgup", "page up"))),
		PageDown: o.Bind(common.ActionPageDown, key.NewBinding(key.WithKeys("pgdown", "ctrl+f"), key.WithHelp("pgdn", "page down"))),
		Top:      o.Bind(common.ActionTop, key.NewBinding(key.WithKeys("g", "home"), key.WithHelp("g/home", "first"))),
		Bottom:   o.Bind(common.ActionBottom, key.NewBinding(key.WithKeys("G", "end"), key.WithHelp("G/end", "last"))),
		Play:     o.Bind(common.ActionPlay, key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "play"))),
		Delete:   o.Bind(common.ActionDelete, key.NewBinding(key.WithKeys("d", "delete"), key.WithHelp("d", "delete/cancel"))),
		Back:     key.NewBinding(key.WithKeys("esc", "backspace"), key.WithHelp("esc", "back")),
	}
}

// LiveKeys lists the keys the screen answers to at once.
func LiveKeys(o common.KeyOverrides) []common.Named {
	k := NewKeyMap(o)
	return []common.Named{
		{Name: common.ActionUp, Binding: k.Up}, {Name: common.ActionDown, Binding: k.Down},
		{Name: common.ActionPageUp, Binding: k.PageUp}, {Name: common.ActionPageDown, Binding: k.PageDown},
		{Name: common.ActionTop, Binding: k.Top}, {Name: common.ActionBottom, Binding: k.Bottom},
		{Name: common.ActionPlay, Binding: k.Play}, {Name: common.ActionDelete, Binding: k.Delete},
		{Name: "back", Binding: k.Back},
	}
}

// ShortHelp is the footer line.
func (k KeyMap) ShortHelp() []key.Binding { return []key.Binding{k.Back, k.Play, k.Delete} }

// FullHelp is the `?` screen.
func (k KeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{{k.Up, k.Down, k.PageUp, k.PageDown, k.Top, k.Bottom}, {k.Play, k.Delete, k.Back}}
}
