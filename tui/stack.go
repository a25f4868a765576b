package tui

import (
	"slices"

	tea "charm.land/bubbletea/v2"

	"github.com/tuner-iptv/tuner/tui/common"
)

// stack is the screens on show, the browser at the bottom. The top one
// takes the keys and draws; the ones beneath keep their state and get the
// app messages they subscribe to.
type stack struct {
	screens []common.Component
	// w and h are the area above the status bar; panel is how many of its
	// lines the remote panel takes from every screen but an overlay.
	w, h, panel int
}

// overlay is a screen drawn over the root's panels too (the help): it
// gets the whole area, shows only its own keys in the footer, and closes
// when another screen is pushed, since it is about the one beneath.
type overlay interface{ overlay() }

func (s *stack) top() common.Component { return s.screens[len(s.screens)-1] }

// topIs reports whether the top screen is c.
func (s *stack) topIs(c common.Component) bool { return s.top() == c }

// push shows c on top and starts it.
func (s *stack) push(c common.Component) tea.Cmd {
	if _, ok := s.top().(overlay); ok {
		s.pop()
	}
	s.screens = append(s.screens, c)
	s.size(c)
	return c.Init()
}

// pop closes the top screen; the bottom one stays.
func (s *stack) pop() {
	if len(s.screens) > 1 {
		s.remove(s.top())
	}
}

// remove takes c off the stack wherever it is and cancels what it runs.
func (s *stack) remove(c common.Component) {
	i := slices.Index(s.screens, c)
	if i < 1 {
		return
	}
	if cl, ok := c.(common.Closer); ok {
		cl.Close()
	}
	s.screens = slices.Delete(s.screens, i, i+1)
	if i == len(s.screens) {
		s.size(s.top())
	}
}

// findScreen returns the screen of type T nearest the top.
func findScreen[T common.Component](s *stack) (T, bool) {
	for i := len(s.screens) - 1; i >= 0; i-- {
		if c, ok := s.screens[i].(T); ok {
			return c, true
		}
	}
	var none T
	return none, false
}

func (s *stack) resize(w, h, panel int) {
	s.w, s.h, s.panel = w, h, panel
	s.size(s.top())
}

// size gives c its area; only the top screen is kept sized, the others
// are sized again when they come back on top.
func (s *stack) size(c common.Component) {
	h := s.h
	if _, ok := c.(overlay); !ok {
		h -= s.panel
	}
	c.SetSize(s.w, max(h, 1))
}

// forward hands msg to the top screen.
func (s *stack) forward(msg tea.Msg) tea.Cmd {
	i := len(s.screens) - 1
	next, cmd := s.screens[i].Update(msg)
	s.screens[i] = next
	return cmd
}

// publish hands msg to every screen that subscribes to it, bottom first;
// ok is false when none does.
func (s *stack) publish(msg tea.Msg) (tea.Cmd, bool) {
	var cmds []tea.Cmd
	for i, c := range s.screens {
		sub, ok := c.(common.Subscriber)
		if !ok || !sub.Subscribes(msg) {
			continue
		}
		next, cmd := c.Update(msg)
		s.screens[i] = next
		cmds = append(cmds, cmd)
	}
	return tea.Batch(cmds...), len(cmds) > 0
}
