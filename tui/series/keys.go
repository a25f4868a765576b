package series

import (
	"charm.land/bubbles/v2/key"

	"github.com/tuner-iptv/tuner/tui/common"
)

// KeyMap is every key the series screen answers to.
type KeyMap struct {
	common.NavKeys
	Play key.Binding
	Back key.Binding
}

// NewKeyMap returns the screen's keys with o applied.
func NewKeyMap(o common.KeyOverrides) KeyMap {
	return KeyMap{
		NavKeys: common.NewNavKeys(o),
		Play:    o.Bind(common.ActionPlay, key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "play"))),
		Back:    key.NewBinding(key.WithKeys("esc", "backspace"), key.WithHelp("esc", "back")),
	}
}

// LiveKeys lists the keys the screen answers to at once.
func LiveKeys(o common.KeyOverrides) []common.Named {
	k := NewKeyMap(o)
	return append(k.Named(), common.Named{Name: common.ActionPlay, Binding: k.Play}, common.Named{Name: "back", Binding: k.Back})
}

// ShortHelp is the footer line.
func (k KeyMap) ShortHelp() []key.Binding { return []key.Binding{k.Back, k.Play, k.Up, k.Down} }

// FullHelp is the `?` screen.
func (k KeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{k.Help(), {k.Play, k.Back}}
}
