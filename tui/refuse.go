package tui

import (
	tea "charm.land/bubbletea/v2"

	"github.com/tuner-iptv/tuner/tui/browser"
	"github.com/tuner-iptv/tuner/tui/refusal"
)

func (m *Model) refusalOptions() refusal.Options {
	return refusal.Options{Doctor: m.opts.Doctor, Getenv: m.opts.Getenv}
}

// openRefusal shows a refusal screen in place of whatever is on screen.
func (m *Model) openRefusal(s *refusal.Model) tea.Cmd {
	m.closeRefusal()
	m.play.screen = s
	m.active = s
	m.setSize(m.com.Width, m.com.Height)
	return s.Init()
}

// closeRefusal goes back to the browser, cancelling what the screen ran.
func (m *Model) closeRefusal() {
	if m.play.screen == nil {
		return
	}
	m.play.screen.Close()
	if m.active == m.play.screen {
		m.active = m.browser
		m.setSize(m.com.Width, m.com.Height)
	}
	m.play.screen = nil
}

// handleScreenMsg routes what the refusal screen and the stop key send back.
func (m *Model) handleScreenMsg(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case refusal.BackMsg:
		m.closeRefusal()
	case refusal.PlayMsg:
		m.closeRefusal()
		return m.handlePlay(browser.PlayMsg{Channel: msg.Channel})
	case stoppedMsg:
		return m.handleStopped(msg)
	}
	return nil
}
