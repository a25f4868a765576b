package guide

import (
	"fmt"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/tuner-iptv/tuner/playlist"
	"github.com/tuner-iptv/tuner/playlist/epg"
	"github.com/tuner-iptv/tuner/tui/common"
)

var now = time.Date(2026, 11, 23, 18, 15, 0, 0, time.UTC)

// day builds a guide of one channel with hourly programmes from 06:00 to
// 06:00 the next morning.
func day(t *testing.T) (*epg.Guide, epg.Key) {
	t.Helper()
	var b strings.Builder
	b.WriteString(`<tv><channel id="one"><display-name>One</display-name></channel>`)
	start := time.Date(2026, 11, 23, 6, 0, 0, 0, time.UTC)
	for i := range 24 {
		s := start.Add(time.Duration(i) * time.Hour)
		fmt.Fprintf(&b, `<programme start="%s" stop="%s" channel="one"><title>Show %02d</title><desc>About show %d.</desc></programme>`,
			s.Format("20060102150405 -0700"), s.Add(time.Hour).Format("20060102150405 -0700"), s.Hour(), i)
	}
	b.WriteString(`</tv>`)
	g, err := epg.Parse(strings.NewReader(b.String()), "day.xml")
	if err != nil {
		t.Fatal(err)
	}
	k, ok := g.Lookup("one")
	if !ok {
		t.Fatal("no channel one")
	}
	return g, k
}

func newScreen(g *epg.Guide, k epg.Key, ch playlist.Channel) *Model {
	m := New(common.New(nil, nil), now, ch, g, k)
	m.SetSize(80, 22)
	return m
}

func press(m *Model, keys ...string) tea.Cmd {
	var cmd tea.Cmd
	for _, k := range keys {
		msg := tea.KeyPressMsg{Code: []rune(k)[0], Text: k}
		switch k {
		case "esc":
			msg = tea.KeyPressMsg{Code: tea.KeyEscape}
		case "down":
			msg = tea.KeyPressMsg{Code: tea.KeyDown}
		case "up":
			msg = tea.KeyPressMsg{Code: tea.KeyUp}
		case "end":
			msg = tea.KeyPressMsg{Code: tea.KeyEnd}
		}
		_, cmd = m.Update(msg)
	}
	return cmd
}

func screen(m *Model) string { return ansi.Strip(m.View()) }

func cursorTitle(m *Model) string { return m.progs[m.cursor].Title }

func TestScheduleStartsOnAirFromShortlyBefore(t *testing.T) {
	g, k := day(t)
	m := newScreen(g, k, playlist.Channel{Name: "One"})
	if got := cursorTitle(m); got != "Show 18" {
		t.Fatalf("cursor on %q, want the programme on air", got)
	}
	if first := m.progs[0].Title; first != "Show 15" {
		t.Fatalf("schedule starts with %q, want the one %s before now", first, Before)
	}
	s := screen(m)
	for _, want := range []string{"▶        18:00 ● Show 18", "Mon 23 Nov 18:00–19:00 (1 h) · on now", "About show 12."} {
		if !strings.Contains(s, want) {
			t.Fatalf("screen lacks %q:\n%s", want, s)
		}
	}
}

func TestScheduleKeys(t *testing.T) {
	g, k := day(t)
	tests := []struct {
		name string
		keys []string
		want string
	}{
		{"down", []string{"down"}, "Show 19"},
		{"up past the top stays", []string{"g", "up"}, "Show 15"},
		{"last", []string{"end"}, "Show 05"},
		{"back to now", []string{"end", "n"}, "Show 18"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := newScreen(g, k, playlist.Channel{Name: "One"})
			press(m, tt.keys...)
			if got := cursorTitle(m); got != tt.want {
				t.Fatalf("cursor on %q, want %q", got, tt.want)
			}
			if !strings.Contains(screen(m), "▶ ") {
				t.Fatalf("the cursor row is not in view:\n%s", screen(m))
			}
		})
	}
}

func TestScheduleShowsNewDay(t *testing.T) {
	g, k := day(t)
	m := newScreen(g, k, playlist.Channel{Name: "One"})
	press(m, "end")
	if s := screen(m); !strings.Contains(s, "Tue 24 00:00") {
		t.Fatalf("the day change is not marked:\n%s", s)
	}
}

func TestEscAsksToClose(t *testing.T) {
	g, k := day(t)
	m := newScreen(g, k, playlist.Channel{Name: "One"})
	for _, key := range []string{"esc", "e"} {
		cmd := press(m, key)
		if cmd == nil {
			t.Fatalf("%s does nothing", key)
		}
		if _, ok := cmd().(CloseMsg); !ok {
			t.Fatalf("%s does not close", key)
		}
	}
}

func TestEmptySchedulesSayWhy(t *testing.T) {
	g, k := day(t)
	tests := []struct {
		name string
		g    *epg.Guide
		k    epg.Key
		ch   playlist.Channel
		want string
	}{
		{"no guide", nil, epg.Key{}, playlist.Channel{Name: "One"}, "No programme guide is loaded."},
		{"guide loading", nil, epg.Key{}, playlist.Channel{Name: "Loading"}, "The programme guide is still loading."},
		{"unmatched id", g, epg.Key{}, playlist.Channel{Name: "Two", TvgID: "two.uk"}, "Its tvg-id two.uk is not among the guide's ids."},
		{"unmatched name", g, epg.Key{}, playlist.Channel{Name: "Two"}, "It has no tvg-id, and its name matches none in the guide."},
		{"nothing listed", g, k.WithShift(30 * 24 * time.Hour), playlist.Channel{Name: "One"}, "The guide lists no programmes for this channel around now."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := newScreen(tt.g, tt.k, tt.ch)
			m.SetLoading(tt.ch.Name == "Loading")
			press(m, "down", "end", "n") // keys on an empty list do nothing
			if s := screen(m); !strings.Contains(s, tt.want) {
				t.Fatalf("screen lacks %q:\n%s", tt.want, s)
			}
		})
	}
}

func TestViewFillsItsArea(t *testing.T) {
	g, k := day(t)
	for _, size := range [][2]int{{80, 22}, {40, 10}, {20, 5}} {
		m := newScreen(g, k, playlist.Channel{Name: "A channel with a very long name indeed, longer than the screen"})
		m.SetSize(size[0], size[1])
		lines := strings.Split(screen(m), "\n")
		if len(lines) != size[1] {
			t.Fatalf("%dx%d: %d lines", size[0], size[1], len(lines))
		}
		for i, l := range lines {
			if w := ansi.StringWidth(l); w != size[0] {
				t.Fatalf("%dx%d: line %d is %d cells: %q", size[0], size[1], i, w, l)
			}
		}
	}
}
