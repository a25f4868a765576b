package grid

import (
	"charm.land/bubbles/v2/key"

	"github.com/tuner-iptv/tuner/tui/common"
)

// KeyMap is every key the grid answers to.
type KeyMap struct {
	Up, Down           key.Binding
	Left, Right        key.Binding
	PageUp, PageDown   key.Binding
	HoursBack, HoursOn key.Binding
	DayBack, DayOn     key.Binding
	Now                key.Binding
	Play               key.Binding
	Record             key.Binding
	Back               key.Binding
}

// NewKeyMap returns the grid's keys with o applied.
func NewKeyMap(o common.KeyOverrides) KeyMap {
	back := append([]string{"esc", "backspace"}, o.Keys(common.ActionGrid, []string{"E"})...)
	return KeyMap{
		Up:        o.Bind(common.ActionUp, key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "channel up"))),
		Down:      o.Bind(common.ActionDown, key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "channel down"))),
		Left:      key.NewBinding(key.WithKeys("left", "h"), key.WithHelp("←/h", "programme before")),
		Right:     key.NewBinding(key.WithKeys("right", "l"), key.WithHelp("→/l", "programme after")),
		PageUp:    o.Bind(common.ActionPageUp, key.NewBinding(key.WithKeys("pgup", "ctrl+b"), key.WithHelp("pgup", "page up"))),
		PageDown:  o.Bind(common.ActionPageDown, key.NewBinding(key.WithKeys("pgdown", "ctrl+f"), key.WithHelp("pgdn", "page down"))),
		HoursBack: key.NewBinding(key.WithKeys(","), key.WithHelp(",", "3 hours back")),
		HoursOn:   key.NewBinding(key.WithKeys("."), key.WithHelp(".", "3 hours on")),
		DayBack:   key.NewBinding(key.WithKeys("["), key.WithHelp("[", "a day back")),
		DayOn:     key.NewBinding(key.WithKeys("]"), key.WithHelp("]", "a day on")),
		Now:       key.NewBinding(key.WithKeys("n"), key.WithHelp("n", "now")),
		Play:      o.Bind(common.ActionPlay, key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "play"))),
		Record:    o.Bind(common.ActionRecord, key.NewBinding(key.WithKeys("R"), key.WithHelp("R", "record"))),
		Back:      key.NewBinding(key.WithKeys(back...), key.WithHelp("esc", "back")),
	}
}

// LiveKeys lists the keys the grid answers to at once.
func LiveKeys(o common.KeyOverrides) []common.Named {
	k := NewKeyMap(o)
	return []common.Named{
		{Name: common.ActionUp, Binding: k.Up}, {Name: common.ActionDown, Binding: k.Down},
		{Name: "programme-before", Binding: k.Left}, {Name: "programme-after", Binding: k.Right},
		{Name: common.ActionPageUp, Binding: k.PageUp}, {Name: common.ActionPageDown, Binding: k.PageDown},
		{Name: "hours-back", Binding: k.HoursBack}, {Name: "hours-on", Binding: k.HoursOn},
		{Name: "day-back", Binding: k.DayBack}, {Name: "day-on", Binding: k.DayOn},
		{Name: "now", Binding: k.Now}, {Name: common.ActionPlay, Binding: k.Play},
		{Name: common.ActionRecord, Binding: k.Record},
		{Name: "back", Binding: k.Back},
	}
}

// ShortHelp is the footer line.
// The arrows and the day keys go in pairs to leave room.
func (k KeyMap) ShortHelp() []key.Binding {
	pair := func(a, b key.Binding, desc string) key.Binding {
		return key.NewBinding(key.WithKeys(a.Keys()...), key.WithHelp(a.Keys()[0]+"/"+b.Keys()[0], desc))
	}
	arrows := key.NewBinding(key.WithKeys("left"), key.WithHelp("←/→", "programme"))
	return []key.Binding{k.Back, k.Play, arrows, pair(k.DayBack, k.DayOn, "day"), k.Now}
}

// FullHelp is the `?` screen.
func (k KeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		{k.Up, k.Down, k.PageUp, k.PageDown},
		{k.Left, k.Right, k.HoursBack, k.HoursOn, k.DayBack, k.DayOn, k.Now},
		{k.Play, k.Record, k.Back},
	}
}
