package tui

import (
	"bytes"
	"regexp"
	"strings"
	"testing"

	"github.com/charmbracelet/colorprofile"

	"github.com/tuner-iptv/tuner/playlist"
)

// With NO_COLOR (the ASCII profile) and on 16-colour terminals the renderer
// downsamples what View draws. The selection must survive that: a marker and
// reverse video, not a colour.
func TestSelectionSurvivesWithoutColour(t *testing.T) {
	m := New(Options{Theme: ThemeDark})
	m.Update(buildCmd(1, []*playlist.Playlist{sample()}, m.opts.NewSearcher, nil)())
	m.Update(keyPress("/"))
	for _, r := range "bbc" {
		_, cmd := m.Update(keyPress(string(r)))
		runAll(m, cmd)
	}
	content := m.View().Content
	sgr := regexp.MustCompile(`\x1b\[([0-9;:]*)m`)
	for _, p := range []colorprofile.Profile{colorprofile.ASCII, colorprofile.ANSI} {
		var buf bytes.Buffer
		w := &colorprofile.Writer{Forward: &buf, Profile: p}
		if _, err := w.WriteString(content); err != nil {
			t.Fatal(err)
		}
		var selected string
		for _, l := range strings.Split(buf.String(), "\n") {
			if strings.Contains(l, "▶") && strings.Contains(l, "101") {
				selected = l
			}
		}
		if selected == "" {
			t.Fatalf("%v: no row has the selection marker", p)
		}
		reverse, underline := false, false
		for _, mm := range sgr.FindAllStringSubmatch(selected, -1) {
			for _, code := range strings.Split(mm[1], ";") {
				reverse = reverse || code == "7"
				underline = underline || code == "4"
			}
			if p == colorprofile.ASCII && (strings.Contains(mm[1], "38") || strings.Contains(mm[1], "48")) {
				t.Fatalf("ASCII profile still carries a colour: %q", mm[0])
			}
		}
		if !reverse || !underline {
			t.Fatalf("%v: selected row lacks reverse video (%v) or underlined matches (%v): %q", p, reverse, underline, selected)
		}
	}
}
