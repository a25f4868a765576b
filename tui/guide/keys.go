package guide

import (
	"charm.land/bubbles/v2/key"

	"github.com/tuner-iptv/tuner/tui/common"
)

// KeyMap is every key the schedule answers to.
type KeyMap struct {
	Up, Down         key.Binding
	PageUp, PageDown key.Binding
	Top, Bottom      key.Binding
	Now              key.Binding
	Play             key.Binding
	FromStart        key.Binding
	Record           key.Binding
	Back             key.Binding
}

// DefaultKeyMap returns the schedule's keys.
func DefaultKeyMap() KeyMap { return NewKeyMap(nil) }

// NewKeyMap returns the schedule's keys with o applied. The key that opens
// the schedule also closes it.
func NewKeyMap(o common.KeyOverrides) KeyMap {
	back := append([]string{"esc", "backspace"}, scheduleKeys(o)...)
	return KeyMap{
		Up:        o.Bind(common.ActionUp, key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "up"))),
		Down:      o.Bind(common.ActionDown, key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "down"))),
		PageUp:    o.Bind(common.ActionPageUp, key.NewBinding(key.WithKeys("pgup", "ctrl+b"), key.WithHelp("pgup", "page up"))),
		PageDown:  o.Bind(common.ActionPageDown, key.NewBinding(key.WithKeys("pgdown", "ctrl+f"), key.WithHelp("pgdn", "page down"))),
		Top:       o.Bind(common.ActionTop, key.NewBinding(key.WithKeys("g", "home"), key.WithHelp("g/home", "first"))),
		Bottom:    o.Bind(common.ActionBottom, key.NewBinding(key.WithKeys("G", "end"), key.WithHelp("G/end", "last"))),
		Now:       key.NewBinding(key.WithKeys("n"), key.WithHelp("n", "on now")),
		Play:      o.Bind(common.ActionPlay, key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "play"))),
		FromStart: key.NewBinding(key.WithKeys("b"), key.WithHelp("b", "from the start")),
		Record:    o.Bind(common.ActionRecord, key.NewBinding(key.WithKeys("R"), key.WithHelp("R", "record to its end"))),
		Back:      key.NewBinding(key.WithKeys(back...), key.WithHelp("esc", "back")),
	}
}

// LiveKeys lists the keys the schedule answers to.
func LiveKeys(o common.KeyOverrides) []common.Named {
	k := NewKeyMap(o)
	return []common.Named{
		{Name: common.ActionUp, Binding: k.Up}, {Name: common.ActionDown, Binding: k.Down},
		{Name: common.ActionPageUp, Binding: k.PageUp}, {Name: common.ActionPageDown, Binding: k.PageDown},
		{Name: common.ActionTop, Binding: k.Top}, {Name: common.ActionBottom, Binding: k.Bottom},
		{Name: "on-now", Binding: k.Now}, {Name: common.ActionPlay, Binding: k.Play},
		{Name: "from-start", Binding: k.FromStart}, {Name: common.ActionRecord, Binding: k.Record},
		{Name: common.ActionSchedule, Binding: key.NewBinding(key.WithKeys(scheduleKeys(o)...))},
		{Name: "back", Binding: key.NewBinding(key.WithKeys("esc", "backspace"))},
	}
}

// scheduleKeys open the schedule from the browser.
func scheduleKeys(o common.KeyOverrides) []string {
	return o.Keys(common.ActionSchedule, []string{"e"})
}

// ShortHelp is the footer line.
func (k KeyMap) ShortHelp() []key.Binding {
	return []key.Binding{k.Back, k.Play, k.FromStart, k.Record, k.Up, k.Down, k.Now}
}

// FullHelp is the `?` screen: called on the keys before any state
// disables some, it lists every key.
func (k KeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		{k.Up, k.Down, k.PageUp, k.PageDown, k.Top, k.Bottom},
		{k.Now, k.Play, k.FromStart, k.Record, k.Back},
	}
}
