package common

import "charm.land/bubbles/v2/key"

// GlobalKeys work on every screen.
type GlobalKeys struct {
	Quit key.Binding
	Help key.Binding
	// quit and help are the keys chosen at start; Update derives the live
	// ones from them.
	quit, help key.Binding
}

// DefaultGlobalKeys returns the keys that work everywhere.
func DefaultGlobalKeys() GlobalKeys { return NewGlobalKeys(nil) }

// NewGlobalKeys returns the keys that work everywhere, with o applied.
func NewGlobalKeys(o KeyOverrides) GlobalKeys {
	k := GlobalKeys{
		quit: o.Bind(ActionQuit, key.NewBinding(key.WithKeys("q", "ctrl+c"), key.WithHelp("q", "quit"))),
		help: o.Bind(ActionHelp, key.NewBinding(key.WithKeys("?"), key.WithHelp("?", "help"))),
	}
	k.Update(false)
	return k
}

// Update adapts the keys to a screen that takes text input: then keys that
// type text are typed, and only the others quit (ctrl+c when no quit key
// is left, so typing never traps the person).
func (k *GlobalKeys) Update(capturing bool) {
	k.Quit, k.Help = k.quit, k.help
	if capturing {
		k.Quit = Untyped(k.quit)
		if len(k.Quit.Keys()) == 0 {
			k.Quit.SetKeys("ctrl+c")
			k.Quit.SetHelp("ctrl+c", k.quit.Help().Desc)
			k.Quit.SetEnabled(true)
		}
	}
	k.Help.SetEnabled(!capturing)
}
