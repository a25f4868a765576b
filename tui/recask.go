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
	com       *common.Common
	scheduled string
	keys      struct{ Start, Back key.Binding }
	w, h      int
}

func newRecorderAsk(com *common.Common, scheduled string) *recorderAsk {
	a := &recorderAsk{com: com, scheduled: scheduled}
	a.keys.Start = key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "start a recorder"))
	a.keys.Back = key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "not now"))
	return a
}

func (a *recorderAsk) Init() tea.Cmd             { return nil }
func (a *recorderAsk) Capturing() bool           { return false }
func (a *recorderAsk) Cursor() *tea.Cursor       { return nil }
func (a *recorderAsk) SetSize(w, h int)          { a.w, a.h = w, h }
func (a *recorderAsk) ShortHelp() []key.Binding  { return []key.Binding{a.keys.Start, a.keys.Back} }
func (a *recorderAsk) FullHelp() [][]key.Binding { return [][]key.Binding{a.ShortHelp()} }

func (a *recorderAsk) Update(msg tea.Msg) (common.Component, tea.Cmd) {
	k, ok := msg.(tea.KeyPressMsg)
	switch {
	case !ok:
	case key.Matches(k, a.keys.Start):
		return a, tea.Sequence(common.Pop, func() tea.Msg { return startRecorderMsg{} })
	case key.Matches(k, a.keys.Back):
		return a, common.Pop
	}
	return a, nil
}

func (a *recorderAsk) View() string {
	w, h := max(a.w, 1), max(a.h, 1)
	paras := []string{
		playlist.Printable(a.com.Mask(a.scheduled)),
		"No recorder runs, so nothing scheduled records until one does.",
		"enter  start one in the background: it outlives tuner and this terminal",
		"esc    not now (tuner recorder in tmux, or tuner recorder --unit for a service)",
	}
	text := []string{""}
	for i, p := range paras {
		text = append(text, strings.Split(ansi.Wordwrap(p, max(w-4, 8), ""), "\n")...)
		if i < 2 {
			text = append(text, "")
		}
	}
	lines := make([]string, h)
	for i := range lines {
		l := ""
		if i < len(text) && text[i] != "" {
			l = "  " + text[i]
		}
		if a.com.Cells.StringWidth(l) > w {
			l = a.com.Cells.Truncate(l, w-1, "…")
		}
		lines[i] = l + strings.Repeat(" ", max(w-a.com.Cells.StringWidth(l), 0))
	}
	return strings.Join(lines, "\n")
}
