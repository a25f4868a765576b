package tui

import (
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/tuner-iptv/tuner/tui/common"
)

// helpScreen is every key of the screen beneath, grouped in columns, and
// what to do over SSH. It is an overlay: any key closes it (the root pops
// it), and it covers the remote panel too.
type helpScreen struct {
	com    *common.Common
	help   *help.Model // the root's, so a theme switch shows at once
	groups [][]key.Binding
	ssh    func() []string
	w, h   int
}

func (*helpScreen) overlay() {}

func (s *helpScreen) Init() tea.Cmd                              { return nil }
func (s *helpScreen) Update(tea.Msg) (common.Component, tea.Cmd) { return s, nil }
func (s *helpScreen) SetSize(w, h int)                           { s.w, s.h = w, h }
func (s *helpScreen) Capturing() bool                            { return false }
func (s *helpScreen) Cursor() *tea.Cursor                        { return nil }
func (s *helpScreen) FullHelp() [][]key.Binding                  { return s.groups }

// ShortHelp is the footer while help shows: it says how to leave.
func (s *helpScreen) ShortHelp() []key.Binding {
	return []key.Binding{key.NewBinding(key.WithKeys("?"), key.WithHelp("any key", "close help"))}
}

// View fills the area with every key, grouped in columns; the columns that
// do not fit beside each other go below.
func (s *helpScreen) View() string {
	w, h := max(s.w, 1), max(s.h, 1)
	var lines []string
	var row [][]key.Binding
	flush := func() {
		if len(row) > 0 {
			if len(lines) > 0 {
				lines = append(lines, "")
			}
			lines = append(lines, strings.Split(s.row(row), "\n")...)
		}
	}
	for _, g := range s.groups {
		wider := append(row[:len(row):len(row)], g)
		if len(row) == 0 || s.maxWidth(s.row(wider)) <= w-2 {
			row = wider
			continue
		}
		flush()
		row = [][]key.Binding{g}
	}
	flush()
	if ssh := s.ssh(); len(ssh) > 0 {
		lines = append(append(lines, ""), ssh...)
	}
	out := make([]string, h)
	out[0] = pad(s.com.Cells, s.com.Styles.PaneActive.Render("Keys"), w)
	for i := range h - 1 {
		l := ""
		if i < len(lines) {
			l = "  " + lines[i]
		}
		out[i+1] = pad(s.com.Cells, l, w)
	}
	return strings.Join(out, "\n")
}

// row draws groups side by side, however wide that is.
func (s *helpScreen) row(groups [][]key.Binding) string {
	hm := *s.help
	hm.SetWidth(0)
	return hm.FullHelpView(groups)
}

func (s *helpScreen) maxWidth(text string) int {
	n := 0
	for _, l := range strings.Split(text, "\n") {
		n = max(n, s.com.Cells.StringWidth(l))
	}
	return n
}
