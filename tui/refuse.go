package tui

import (
	tea "charm.land/bubbletea/v2"

	"github.com/tuner-iptv/tuner/tui/refusal"
)

func refusalOptions(o *Options) refusal.Options {
	return refusal.Options{Doctor: o.Doctor, Getenv: o.Getenv, Reenter: o.SetPassword != nil}
}

// refusal is the refusal screen open, nil when there is none.
func (h *hub) refusal() *refusal.Model {
	s, _ := findScreen[*refusal.Model](&h.stack)
	return s
}

// openRefusal pushes s in place of any refusal screen open: there is one
// at a time, about the latest refusal.
func (h *hub) openRefusal(s *refusal.Model) tea.Cmd {
	h.closeRefusal()
	return h.push(s)
}

// closeRefusal takes the refusal screen off, cancelling what it ran.
func (h *hub) closeRefusal() {
	if s := h.refusal(); s != nil {
		h.remove(s)
	}
}
