package tui

import (
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/tuner-iptv/tuner/playlist"
	"github.com/tuner-iptv/tuner/tui/common"
	"github.com/tuner-iptv/tuner/tui/library"
)

// takenScreen says that a scheduled recording took the slot from what
// played, as it was warned it would, and offers to watch the recording.
type takenScreen struct {
	question
	was  playlist.Channel
	it   library.Item
	loc  *time.Location
	keys struct{ Watch, Back key.Binding }
}

func newTakenScreen(com *common.Common, was playlist.Channel, it library.Item, loc *time.Location) *takenScreen {
	s := &takenScreen{question: question{com: com}, was: was, it: it, loc: loc}
	s.keys.Watch = key.NewBinding(key.WithKeys("w", "enter"), key.WithHelp("w", "watch the recording"))
	s.keys.Back = key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back"))
	return s
}

func (s *takenScreen) ShortHelp() []key.Binding  { return []key.Binding{s.keys.Watch, s.keys.Back} }
func (s *takenScreen) FullHelp() [][]key.Binding { return [][]key.Binding{s.ShortHelp()} }

func (s *takenScreen) Update(msg tea.Msg) (common.Component, tea.Cmd) {
	k, ok := msg.(tea.KeyPressMsg)
	switch {
	case !ok:
	case key.Matches(k, s.keys.Watch):
		return s, s.answer(watchTakenMsg{ch: s.was, id: s.it.ID})
	case key.Matches(k, s.keys.Back):
		return s, common.Pop
	}
	return s, nil
}

func (s *takenScreen) View() string {
	name := playlist.Printable(s.com.Mask(s.it.Name()))
	head := "The scheduled recording of " + name + " took the slot at " + s.it.Start.In(s.loc).Format("15:04")
	if !s.it.Until.IsZero() {
		head += " and records until " + s.it.Until.In(s.loc).Format("15:04")
	}
	body := playlist.Printable(s.was.Name) + " had to stop: the account has no second connection. " +
		"Watching the recording plays its file as it grows, with pause and rewind, and needs no connection."
	text := append(s.prose(head+".", "", body), "", "  w      watch the recording", "  esc    back")
	return s.page(text)
}
