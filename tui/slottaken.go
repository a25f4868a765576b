package tui

import (
	"fmt"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/tuner-iptv/tuner/playlist"
	"github.com/tuner-iptv/tuner/session"
	"github.com/tuner-iptv/tuner/tui/common"
)

// watchRecordingMsg asks to watch the recording of ch on the connection it
// holds.
type watchRecordingMsg struct{ ch playlist.Channel }

// stopThenPlayMsg asks to stop the recording of rec, then play want; err
// is the stop's outcome once it was tried.
type stopThenPlayMsg struct {
	rec, want playlist.Channel
	err       error
}

// slotTakenScreen says which recording holds the slot a Play wanted and
// offers what can be done without a second connection: watch the
// recording, stop it and play what was asked, or go back.
type slotTakenScreen struct {
	question
	want  playlist.Channel
	rec   playlist.Channel
	until time.Time // zero: until stopped
	limit int
	loc   *time.Location
	keys  struct{ Watch, Stop, Back key.Binding }
}

func newSlotTakenScreen(com *common.Common, want playlist.Channel, e *session.SlotTakenError, loc *time.Location) *slotTakenScreen {
	s := &slotTakenScreen{question: question{com: com}, want: want, rec: e.Channel, until: e.Until, limit: e.Limit, loc: loc}
	s.keys.Watch = key.NewBinding(key.WithKeys("w", "enter"), key.WithHelp("w", "watch the recording"))
	s.keys.Stop = key.NewBinding(key.WithKeys("s"), key.WithHelp("s", "stop it, play "+playlist.Printable(want.Name)))
	s.keys.Back = key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back"))
	return s
}

func (s *slotTakenScreen) ShortHelp() []key.Binding {
	return []key.Binding{s.keys.Watch, s.keys.Stop, s.keys.Back}
}
func (s *slotTakenScreen) FullHelp() [][]key.Binding { return [][]key.Binding{s.ShortHelp()} }

func (s *slotTakenScreen) Update(msg tea.Msg) (common.Component, tea.Cmd) {
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return s, nil
	}
	switch {
	case key.Matches(k, s.keys.Watch):
		return s, s.answer(watchRecordingMsg{ch: s.rec})
	case key.Matches(k, s.keys.Stop):
		return s, s.answer(stopThenPlayMsg{rec: s.rec, want: s.want})
	case key.Matches(k, s.keys.Back):
		return s, common.Pop
	}
	return s, nil
}

// headline is "UK: BBC One HD is recording until 21:05 on the account's
// only connection".
func (s *slotTakenScreen) headline() string {
	until := ""
	if !s.until.IsZero() {
		until = " until " + s.until.In(s.loc).Format("15:04")
	}
	slots := "the account's only connection"
	if s.limit > 1 {
		slots = fmt.Sprintf("the last of the account's %d connections", s.limit)
	}
	return playlist.Printable(s.rec.Name) + " is recording" + until + " on " + slots + "."
}

func (s *slotTakenScreen) View() string {
	text := s.prose(s.headline(), "",
		"Playing "+playlist.Printable(s.want.Name)+" would need a second one. Watching the recording uses its connection: pause and rewind freely.")
	text = append(text, "",
		"  w      watch the recording",
		"  s      stop the recording, then play "+playlist.Printable(s.want.Name),
		"  esc    back",
	)
	return s.page(text)
}

// wrap breaks text at spaces into lines of at most w cells.
func wrap(com *common.Common, text string, w int) []string {
	var out []string
	line := ""
	for _, word := range strings.Fields(text) {
		switch {
		case line == "":
			line = word
		case com.Cells.StringWidth(line+" "+word) <= w:
			line += " " + word
		default:
			out = append(out, line)
			line = word
		}
	}
	return append(out, line)
}
