package grid

import (
	"fmt"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/tuner-iptv/tuner/playlist"
	"github.com/tuner-iptv/tuner/playlist/catchup"
	"github.com/tuner-iptv/tuner/playlist/epg"
	"github.com/tuner-iptv/tuner/tui/common"
	"github.com/tuner-iptv/tuner/tui/guide"
	"github.com/tuner-iptv/tuner/tui/styles"
)

var now = time.Date(2026, 11, 23, 18, 15, 0, 0, time.UTC)

// hourly writes a guide of n channels with hour-long programmes from a
// day before now to a week after: "C<i> at HH".
func hourly(t testing.TB, n int) *epg.Guide {
	t.Helper()
	var b strings.Builder
	b.WriteString("<tv>\n")
	for c := range n {
		fmt.Fprintf(&b, "<channel id=\"c%d\"><display-name>C%d</display-name></channel>\n", c, c)
	}
	from := now.Truncate(time.Hour).Add(-24 * time.Hour)
	for c := range n {
		for h := range 8 * 24 {
			s := from.Add(time.Duration(h) * time.Hour)
			fmt.Fprintf(&b, "<programme start=\"%s\" stop=\"%s\" channel=\"c%d\"><title>C%d at %s</title><desc>Hour %d.</desc></programme>\n",
				s.Format("20060102150405 -0700"), s.Add(time.Hour).Format("20060102150405 -0700"), c, c, s.Format("15"), h)
		}
	}
	b.WriteString("</tv>\n")
	g, err := epg.Parse(strings.NewReader(b.String()), "test")
	if err != nil {
		t.Fatal(err)
	}
	return g
}

// source lists n channels, the first guided channels matched to g by id and
// the first one keeping a day of archive.
func source(g *epg.Guide, n, guided int) Source {
	chans := make([]playlist.Channel, n)
	for i := range chans {
		chans[i] = playlist.Channel{Name: fmt.Sprintf("Channel %d", i)}
		if i < guided {
			chans[i].TvgID = fmt.Sprintf("c%d", i)
		}
	}
	keys := epg.Match(chans, g).Keys
	return Source{
		Len:     n,
		Channel: func(r int) *playlist.Channel { return &chans[r] },
		Guide:   func(r int) (*epg.Guide, epg.Key) { return g, keys[r] },
		Archive: func(r int) catchup.Spec {
			if r == 0 {
				return catchup.Spec{Mode: catchup.ModeShift, Days: 1}
			}
			return catchup.Spec{}
		},
	}
}

func press(m *Model, keys ...string) tea.Cmd {
	var cmd tea.Cmd
	for _, k := range keys {
		msg := tea.KeyPressMsg{Code: []rune(k)[0], Text: k}
		switch k {
		case "left":
			msg = tea.KeyPressMsg{Code: tea.KeyLeft}
		case "right":
			msg = tea.KeyPressMsg{Code: tea.KeyRight}
		case "down":
			msg = tea.KeyPressMsg{Code: tea.KeyDown}
		case "enter":
			msg = tea.KeyPressMsg{Code: tea.KeyEnter}
		}
		_, cmd = m.Update(msg)
	}
	return cmd
}

func newGrid(t testing.TB, n, guided int) *Model {
	m := New(common.New(styles.New(true), nil), source(hourly(t, max(guided, 1)), n, guided), now, 0)
	m.SetSize(80, 22)
	return m
}

func TestGridMovesByProgrammeAndDay(t *testing.T) {
	m := newGrid(t, 20, 3)
	if p := m.Selected(); p == nil || p.Title != "C0 at 18" {
		t.Fatalf("opens on %+v, want the programme on now", p)
	}
	press(m, "right", "right")
	if p := m.Selected(); p == nil || p.Title != "C0 at 20" {
		t.Fatalf("two programmes on: %+v", p)
	}
	press(m, "left", "left", "left")
	if p := m.Selected(); p == nil || p.Title != "C0 at 17" {
		t.Fatalf("three back: %+v", p)
	}
	press(m, "]")
	if p := m.Selected(); p == nil || p.Title != "C0 at 17" || !p.Start.Equal(now.Truncate(time.Hour).Add(23*time.Hour)) {
		t.Fatalf("a day on: %+v", p)
	}
	press(m, "n", "down")
	if p := m.Selected(); p == nil || p.Title != "C1 at 18" {
		t.Fatalf("now, a channel down: %+v", p)
	}
	for _, want := range []string{"▶●C1 at 18", "18:00", "▼", "C1 at 18 · Channel 1 · Mon 23 Nov 18:00–19:00 · on now"} {
		if v := ansi.Strip(m.View()); !strings.Contains(v, want) {
			t.Errorf("the view lacks %q:\n%s", want, v)
		}
	}
}

func TestGridPlaysLiveReplaysAndNotTheFuture(t *testing.T) {
	m := newGrid(t, 5, 2)
	msg := press(m, "enter")()
	if live, ok := msg.(guide.PlayLiveMsg); !ok || live.Channel.Name != "Channel 0" {
		t.Fatalf("enter on now: %#v", msg)
	}
	msg = press(m, "left", "enter")()
	if r, ok := msg.(guide.ReplayMsg); !ok || r.Title != "C0 at 17" || r.Spec.Days != 1 {
		t.Fatalf("enter on what aired: %#v", msg)
	}
	if v := ansi.Strip(m.View()); !strings.Contains(v, "↺C0 at 17") {
		t.Errorf("the archived programme has no mark:\n%s", v)
	}
	if cmd := press(m, "down", "enter"); cmd != nil {
		t.Errorf("a channel without an archive replays: %#v", cmd())
	}
	if cmd := press(m, "n", "right", "enter"); cmd != nil {
		t.Errorf("a programme still to come plays: %#v", cmd())
	}
}

func TestGridViewFitsAndShowsThreeHours(t *testing.T) {
	for _, size := range [][2]int{{80, 22}, {60, 18}, {120, 38}} {
		m := newGrid(t, 50, 50)
		m.SetSize(size[0], size[1])
		lines := strings.Split(ansi.Strip(m.View()), "\n")
		if len(lines) != size[1] {
			t.Fatalf("%v: %d lines", size, len(lines))
		}
		if size[0] == 80 && (m.rowsInView() < 10 || !strings.Contains(lines[0], "20:00")) {
			t.Errorf("80 columns show %d channels and %q", m.rowsInView(), lines[0])
		}
	}
}
