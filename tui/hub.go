package tui

import (
	tea "charm.land/bubbletea/v2"

	"github.com/tuner-iptv/tuner/tui/common"
)

// controller owns one part of what the app does (loading, playback, the
// programme guide): its state, the commands it runs, the screens it opens.
// update reports whether msg was one it takes.
type controller interface {
	update(msg tea.Msg) (tea.Cmd, bool)
}

// hub is what the root shares with its controllers: the screen stack, the
// status bar's note, and whether tuner is quitting. Only Update touches it.
type hub struct {
	stack
	status   common.StatusMsg
	quitting bool
	ctrls    []controller
}

// send delivers an app message to every controller that takes it and every
// screen that subscribes to it. A message nobody takes goes to the top
// screen: the mouse, pasted text, a screen's own results.
func (h *hub) send(msg tea.Msg) tea.Cmd {
	var cmds []tea.Cmd
	taken := false
	for _, c := range h.ctrls {
		if cmd, ok := c.update(msg); ok {
			taken = true
			cmds = append(cmds, cmd)
		}
	}
	if cmd, ok := h.publish(msg); ok {
		taken = true
		cmds = append(cmds, cmd)
	}
	if !taken {
		cmds = append(cmds, h.forward(msg))
	}
	return tea.Batch(cmds...)
}
