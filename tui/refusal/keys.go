package refusal

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/tuner-iptv/tuner/session/diagnose"
	"github.com/tuner-iptv/tuner/tui/common"
)

// KeyMap is every key the refusal screens answer to; bindings that do not
// apply in the current state are disabled, which hides them from help.
type KeyMap struct {
	Reboot   key.Binding
	Contact  key.Binding
	Wait     key.Binding
	Details  key.Binding
	TakeOver key.Binding
	Retry    key.Binding
	Password key.Binding
	Up, Down key.Binding
	Back     key.Binding
}

// DefaultKeyMap returns the screen's keys.
func DefaultKeyMap() KeyMap { return NewKeyMap(nil) }

// NewKeyMap returns the screen's keys with o applied.
func NewKeyMap(o common.KeyOverrides) KeyMap {
	return KeyMap{
		Reboot:   key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "reboot steps")),
		Contact:  key.NewBinding(key.WithKeys("c"), key.WithHelp("c", "contact provider")),
		Wait:     key.NewBinding(key.WithKeys("w"), key.WithHelp("w", "wait and retry")),
		Details:  key.NewBinding(key.WithKeys("d"), key.WithHelp("d", "details")),
		TakeOver: o.Bind(common.ActionTakeOver, key.NewBinding(key.WithKeys("t"), key.WithHelp("t", "take over"))),
		Retry:    key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "retry")),
		Password: key.NewBinding(key.WithKeys("p"), key.WithHelp("p", "type the password again")),
		Up:       o.Bind(common.ActionUp, key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "scroll up"))),
		Down:     o.Bind(common.ActionDown, key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "scroll down"))),
		Back:     key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back")),
	}
}

// LiveKeys lists the keys the screen answers to.
func LiveKeys(o common.KeyOverrides) []common.Named {
	k := NewKeyMap(o)
	return []common.Named{
		{Name: "reboot", Binding: k.Reboot}, {Name: "contact", Binding: k.Contact},
		{Name: "wait", Binding: k.Wait}, {Name: "details", Binding: k.Details},
		{Name: common.ActionTakeOver, Binding: k.TakeOver}, {Name: "retry", Binding: k.Retry},
		{Name: "password", Binding: k.Password},
		{Name: common.ActionUp, Binding: k.Up}, {Name: common.ActionDown, Binding: k.Down},
		{Name: "back", Binding: k.Back},
	}
}

// update enables the keys that make sense now.
func (m *Model) update() {
	k := &m.keys
	main := m.view == viewMain
	slot := m.report != nil && m.report.Kind.IsSlot()
	hasDoctor := m.opts.Doctor != nil
	k.Reboot.SetEnabled(main && slot)
	account := m.report != nil && m.report.Kind.IsAccount()
	k.Contact.SetEnabled(main && (slot || account))
	again := m.view == viewWait && !m.wait.running
	k.Wait.SetEnabled((main || again) && slot && hasDoctor && m.report.CanWait)
	k.Details.SetEnabled(main && m.refusal != nil)
	k.TakeOver.SetEnabled(m.busy != nil && hasDoctor && !m.take.running)
	k.Retry.SetEnabled(m.canRetry())
	k.Password.SetEnabled(main && m.canReenter())
	if m.view == viewWait && m.wait.running {
		k.Back.SetHelp("esc", "stop waiting")
	} else {
		k.Back.SetHelp("esc", "back")
	}
}

// canRetry: one more attempt is fine after a fix, but not while waiting
// (which plays by itself) nor during a rate limit's cool-down, which an
// early retry extends; a screen about a source's load has no channel to
// play.
func (m *Model) canRetry() bool {
	switch {
	case m.busy != nil, m.source != "", m.wait.running, m.reboot.running:
		return false
	case m.report != nil && m.report.Kind == diagnose.RateLimited:
		return false
	}
	return m.view == viewMain || m.view == viewReboot || m.view == viewDetails
}

// ShortHelp is the footer line. The occupied-slot options are listed on the
// screen with their keys, so the footer leaves them out to fit.
func (m *Model) ShortHelp() []key.Binding {
	k := m.keys
	if m.view == viewPassword {
		return []key.Binding{submitKey, k.Back}
	}
	out := []key.Binding{k.TakeOver, k.Password}
	if m.view != viewMain {
		out = append(out, k.Wait) // wait again
	}
	if m.report == nil || !m.report.Kind.IsSlot() {
		out = append(out, k.Details)
	}
	if m.view == viewContact || m.view == viewDetails || m.overflows {
		scroll := key.NewBinding(key.WithKeys("up", "down"), key.WithHelp("↑/↓", "scroll"))
		out = append(out, scroll)
	}
	return append(out, k.Retry, k.Back)
}

// FullHelp lists every key of the screen.
func (m *Model) FullHelp() [][]key.Binding {
	d := NewKeyMap(m.com.Keys)
	return [][]key.Binding{
		{d.Reboot, d.Contact, d.Wait, d.Details},
		{d.TakeOver, d.Retry, d.Password, d.Up, d.Down, d.Back},
	}
}

func (m *Model) handleKey(msg tea.KeyPressMsg) tea.Cmd {
	k := m.keys
	switch {
	case key.Matches(msg, k.Back):
		return m.back()
	case key.Matches(msg, k.Up):
		m.scroll = max(m.scroll-1, 0)
	case key.Matches(msg, k.Down):
		m.scroll++ // View clamps it
	case key.Matches(msg, k.Retry):
		return m.retry()
	case key.Matches(msg, k.Details):
		m.show(viewDetails)
	case key.Matches(msg, k.Reboot):
		return m.startReboot()
	case key.Matches(msg, k.Contact):
		return m.startContact()
	case key.Matches(msg, k.Wait):
		return m.startWait()
	case key.Matches(msg, k.TakeOver):
		return m.startTakeOver()
	case key.Matches(msg, k.Password):
		return m.startPassword()
	}
	return nil
}
