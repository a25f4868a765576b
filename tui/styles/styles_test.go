package styles

import (
	"strings"
	"testing"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
)

func TestPaintMatchesRender(t *testing.T) {
	st := New(true)
	cases := []struct {
		name  string
		style lipgloss.Style
		exact bool // lipgloss draws underlines rune by rune; the codes differ, not the look
	}{
		{"plain", lipgloss.NewStyle(), true},
		{"row", st.Row, true},
		{"selected", st.Selected, true},
		{"number", st.Number, true},
		{"match", st.Match, false},
		{"selected match", st.Selected.Underline(true), false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			for _, text := range []string{"BBC One", "日本 テレビ", "📺 X marks"} {
				got, want := PaintOf(c.style).Render(text), c.style.Render(text)
				if c.exact && got != want {
					t.Fatalf("Paint renders %q as %q, Style as %q", text, got, want)
				}
				open := want[:strings.Index(want, "m")+1]
				if !c.exact && (ansi.Strip(got) != text || !strings.HasPrefix(got, open)) {
					t.Fatalf("Paint renders %q as %q, Style as %q", text, got, want)
				}
			}
		})
	}
}
