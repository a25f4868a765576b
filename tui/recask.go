package tui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/tuner-iptv/tuner/playlist"
	"github.com/tuner-iptv/tuner/tui/common"
)

// recorderAsk says that a recording was scheduled but no recorder runs to
// make it, and offers to start one in the background.
type recorderAsk struct {
	question
	scheduled string
	keys      struct{ Start, Back key.Binding }
}

func newRecorderAsk(com *common.Common, scheduled string) *recorderAsk {
	a := &recorderAsk{question: question{com: com}, scheduled: scheduled}
	a.keys.Start = key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "start a recorder"))
	a.keys.Back = key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "not now"))
	return a
}

func (a *recorderAsk) ShortHelp() []key.Binding  { return []key.Binding{a.keys.Start, a.keys.Back} }
func (a *recorderAsk) FullHelp() [][]key.Binding { return [][]key.Binding{a.ShortHelp()} }

func (a *recorderAsk) Update(msg tea.Msg) (common.Component, tea.Cmd) {
	k, ok := msg.(tea.KeyPressMsg)
	switch {
	case !ok:
	case key.Matches(k, a.keys.Start):
		return a, a.answer(startRecorderMsg{})
	case key.Matches(k, a.keys.Back):
		return a, common.Pop
	}
	return a, nil
}

func (a *recorderAsk) View() string {
	paras := []string{
		playlist.Printable(a.com.Mask(a.scheduled)),
		"No recorder runs, so nothing scheduled records until one does.",
		"enter  start one in the background: it outlives tuner and this terminal",
		"esc    not now (tuner recorder in tmux, or tuner recorder --unit for a service)",
	}
	text := []string{""}
	for i, p := range paras {
		for _, l := range strings.Split(ansi.Wordwrap(p, max(a.w-4, 8), ""), "\n") {
			text = append(text, "  "+l)
		}
		if i < 2 {
			text = append(text, "")
		}
	}
	return a.page(text)
}
