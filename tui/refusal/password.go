package refusal

import (
	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"github.com/tuner-iptv/tuner/session/diagnose"
)

// PasswordMsg asks for Source's account to be loaded again with Password,
// typed after the provider refused the one tuner had. Whoever takes it
// closes the screen; if the provider refuses this one too, a new screen
// says so.
type PasswordMsg struct {
	Source   string
	Password string
}

// submitKey sends the typed password; Retry is off on a load's screen.
var submitKey = key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "try it"))

// passwordState is the masked prompt for a new password.
type passwordState struct {
	input textinput.Model
}

// canReenter: a load refused for its username or password can be tried
// again with a new password, when the app can give the source one.
func (m *Model) canReenter() bool {
	return m.opts.Reenter && m.source != "" && m.report != nil && m.report.Kind == diagnose.Credentials
}

func (m *Model) startPassword() tea.Cmd {
	in := textinput.New()
	in.EchoMode = textinput.EchoPassword
	in.Prompt = "Password: "
	in.SetWidth(max(m.w-14, 8))
	m.password = passwordState{input: in}
	m.show(viewPassword)
	return m.password.input.Focus()
}

// handlePasswordKey types into the prompt; enter sends the password, esc
// leaves it untried.
func (m *Model) handlePasswordKey(msg tea.KeyPressMsg) tea.Cmd {
	switch {
	case key.Matches(msg, m.keys.Back):
		m.password = passwordState{}
		m.show(viewMain)
		return nil
	case key.Matches(msg, submitKey):
		pw := m.password.input.Value()
		if pw == "" {
			return nil
		}
		m.password = passwordState{}
		m.show(viewMain)
		src := m.source
		return func() tea.Msg { return PasswordMsg{Source: src, Password: pw} }
	}
	var cmd tea.Cmd
	m.password.input, cmd = m.password.input.Update(msg)
	return cmd
}

func (m *Model) passwordView(p *page) {
	st := m.com.Styles
	m.title(p, "New password for "+m.source)
	p.text(st.Row, "The provider refused the password tuner had. Type the one the provider gave you; "+
		"tuner loads the account again with it, and plays nothing with the refused one.")
	p.blank()
	p.lines = append(p.lines, " "+m.password.input.View())
	p.blank()
	p.text(st.Hint, "enter tries it · esc goes back without it")
}
