package common

import "charm.land/bubbles/v2/key"

// GlobalKeys work on every screen.
type GlobalKeys struct {
	Quit key.Binding
	Help key.Binding
}

// DefaultGlobalKeys returns the keys that work everywhere.
func DefaultGlobalKeys() GlobalKeys {
	return GlobalKeys{
		Quit: key.NewBinding(key.WithKeys("q", "ctrl+c"), key.WithHelp("q", "quit")),
		Help: key.NewBinding(key.WithKeys("?"), key.WithHelp("?", "help")),
	}
}

// Update adapts the keys to a screen that takes text input: then q and ?
// are typed, and only ctrl+c quits.
func (k *GlobalKeys) Update(capturing bool) {
	if capturing {
		k.Quit.SetKeys("ctrl+c")
		k.Quit.SetHelp("ctrl+c", "quit")
	} else {
		k.Quit.SetKeys("q", "ctrl+c")
		k.Quit.SetHelp("q", "quit")
	}
	k.Help.SetEnabled(!capturing)
}
