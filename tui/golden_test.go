package tui

import (
	"fmt"
	"testing"

	"github.com/charmbracelet/x/exp/golden"

	"github.com/tuner-iptv/tuner/playlist"
)

// Golden screens at the sizes the TUI promises, colour off: the files are the
// plain text a monochrome terminal shows, so the selection must be visible
// by its marker alone. Update them with: go test ./tui/ -run Golden -update
func TestGoldenScreens(t *testing.T) {
	sizes := [][2]int{{80, 24}, {60, 20}}
	steps := []struct {
		name string
		run  func(d *driver)
	}{
		{"browse", func(d *driver) {
			d.keys("down down")
			d.untilScreen("No. 3 ")
		}},
		{"filter", func(d *driver) {
			d.keys("/")
			d.typeText("tv")
			d.until("filter results", func(m *Model) bool {
				s := screenOf(m)
				return containsAll(s, "Matches · ", "/ tv") && !contains(s, "searching")
			})
		}},
		{"group", func(d *driver) {
			d.keys("tab down down down down")
			d.untilScreen("Korea · 9")
			d.keys("tab end")
			d.untilScreen("SBS 서울방송 3")
		}},
		{"favourites", func(d *driver) {
			d.keys("f down down f tab down")
			d.untilScreen("Favourites · 2")
		}},
		{"help", func(d *driver) {
			d.keys("?")
			d.untilScreen("Keys")
		}},
	}
	for _, size := range sizes {
		t.Run(fmt.Sprintf("loading_%dx%d", size[0], size[1]), func(t *testing.T) {
			src := &fakeSource{name: "world", gate: make(chan struct{}), total: 48 << 20}
			d := start(t, Options{Sources: []playlist.Source{src}, Theme: ThemeDark}, size[0], size[1])
			d.untilScreen("loading world 50% of 48.0 MB…")
			golden.RequireEqual(t, d.final())
		})
		for _, st := range steps {
			t.Run(fmt.Sprintf("%s_%dx%d", st.name, size[0], size[1]), func(t *testing.T) {
				d := start(t, Options{Sources: []playlist.Source{&fakeSource{name: "world", pl: unicodeList()}}, Theme: ThemeDark}, size[0], size[1])
				d.untilScreen("90 channels")
				st.run(d)
				golden.RequireEqual(t, d.final())
			})
		}
	}
}

func containsAll(s string, subs ...string) bool {
	for _, sub := range subs {
		if !contains(s, sub) {
			return false
		}
	}
	return true
}
