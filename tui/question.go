package tui

import (
	"strings"

	tea "charm.land/bubbletea/v2"

	"github.com/tuner-iptv/tuner/tui/common"
)

// question is what the small screens that ask one thing share (resume or
// start over, watch or stop a recording, start a recorder): no text typed,
// no cursor, lines drawn to the area's size, and an answer that closes
// the screen before it is acted on.
type question struct {
	com  *common.Common
	w, h int
}

func (q *question) Init() tea.Cmd       { return nil }
func (q *question) Capturing() bool     { return false }
func (q *question) Cursor() *tea.Cursor { return nil }
func (q *question) SetSize(w, h int)    { q.w, q.h = w, h }

// answer pops the screen, then sends msg to whoever acts on it.
func (q *question) answer(msg tea.Msg) tea.Cmd {
	return tea.Sequence(common.Pop, func() tea.Msg { return msg })
}

// page draws text in exactly the area: each line cut or padded to its
// width, blank lines below.
func (q *question) page(text []string) string {
	w, h := max(q.w, 1), max(q.h, 1)
	lines := make([]string, h)
	for i := range lines {
		line := ""
		if i < len(text) {
			line = text[i]
		}
		if q.com.Cells.StringWidth(line) > w {
			line = q.com.Cells.Truncate(line, w-1, "…")
		}
		lines[i] = line + strings.Repeat(" ", max(w-q.com.Cells.StringWidth(line), 0))
	}
	return strings.Join(lines, "\n")
}

// prose is the question's text: a blank line on top, then each paragraph
// wrapped to the area and indented; "" is a blank line between them.
func (q *question) prose(paras ...string) []string {
	text := []string{""}
	for _, para := range paras {
		for _, l := range wrap(q.com, para, max(q.w, 1)-4) {
			text = append(text, strings.TrimRight("  "+l, " "))
		}
	}
	return text
}
