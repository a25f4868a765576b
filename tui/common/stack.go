package common

import tea "charm.land/bubbletea/v2"

// PushMsg asks the root to show Screen on top of the screens open. The
// screen beneath keeps its state and gets the keys back when Screen pops.
type PushMsg struct{ Screen Component }

// PopMsg asks the root to close the screen on top and go back to the one
// beneath. The bottom screen, the browser, never pops.
type PopMsg struct{}

// Push returns the command that pushes c.
func Push(c Component) tea.Cmd { return func() tea.Msg { return PushMsg{Screen: c} } }

// Pop is the command that pops the screen on top.
func Pop() tea.Msg { return PopMsg{} }

// Subscriber is a screen that takes app messages (a new catalog, what
// plays, a guide) also while other screens cover it. Everything else (keys,
// the mouse, a screen's own messages) goes to the top screen alone.
type Subscriber interface {
	Subscribes(msg tea.Msg) bool
}

// Closer is a screen with work under way (a wait, a diagnosis) to cancel
// when it leaves the stack.
type Closer interface {
	Close()
}
