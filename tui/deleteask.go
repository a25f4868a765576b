package tui

import (
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/tuner-iptv/tuner/playlist"
	"github.com/tuner-iptv/tuner/tui/common"
	"github.com/tuner-iptv/tuner/tui/library"
)

// deleteAsk asks before a recording's file is deleted or a scheduled one
// cancelled: neither can be undone.
type deleteAsk struct {
	question
	it   library.Item
	now  func() time.Time
	keys struct{ Yes, No key.Binding }
}

func newDeleteAsk(com *common.Common, it library.Item, now func() time.Time) *deleteAsk {
	a := &deleteAsk{question: question{com: com}, it: it, now: now}
	verb := "delete"
	if it.Cancels() {
		verb = "cancel it"
	}
	a.keys.Yes = key.NewBinding(key.WithKeys("y"), key.WithHelp("y", verb))
	a.keys.No = key.NewBinding(key.WithKeys("n", "esc"), key.WithHelp("n/esc", "keep it"))
	return a
}

func (a *deleteAsk) ShortHelp() []key.Binding  { return []key.Binding{a.keys.Yes, a.keys.No} }
func (a *deleteAsk) FullHelp() [][]key.Binding { return [][]key.Binding{a.ShortHelp()} }

func (a *deleteAsk) Update(msg tea.Msg) (common.Component, tea.Cmd) {
	k, ok := msg.(tea.KeyPressMsg)
	switch {
	case !ok:
	case key.Matches(k, a.keys.Yes):
		return a, a.answer(library.DeleteMsg{Item: a.it})
	case key.Matches(k, a.keys.No):
		return a, common.Pop
	}
	return a, nil
}

func (a *deleteAsk) View() string {
	name := playlist.Printable(a.com.Mask(a.it.Name()))
	loc := a.now().Location()
	var head, then string
	switch {
	case a.it.State == library.Recording && a.it.Cancels():
		head = "Stop the scheduled recording of " + name + " now?"
		then = "What was written so far is kept."
	case a.it.Cancels():
		head = "Cancel the scheduled recording of " + name + ", " + a.it.Start.In(loc).Format("Mon 15:04") + "?"
		then = "Nothing was recorded yet; the recorder will not start it."
	default:
		head = "Delete the recording of " + name + ", " + a.it.Start.In(loc).Format("Mon 2 Jan 15:04") + "?"
		then = "Its file and its info go; this cannot be undone."
	}
	text := append(a.prose(head, "", then), "", "  y      yes, "+a.keys.Yes.Help().Desc, "  n/esc  no, keep it")
	return a.page(text)
}
