package e2e

import (
	"strings"
	"testing"

	"github.com/tuner-iptv/tuner/internal/sim"
)

// TestBrowserFilterAndResize reads the browser's screen at 80x24: groups and
// channels on the first screen, a filter that narrows the list to matching
// channels, esc that brings the whole list back, and a resize to 60x20 and
// back that leaves nothing behind.
func TestBrowserFilterAndResize(t *testing.T) {
	needTools(t)
	t.Parallel()
	s := startSim(t, sim.Config{})
	tm := newHome(t).tuner(s, 80, 24)

	first := browsing(tm)
	for _, want := range []string{"UK | News", "US | Sport", "UK: ITV1 HD"} {
		if !strings.Contains(first, want) {
			t.Errorf("first screen lacks %q:\n%s", want, first)
		}
	}
	checkSize(t, first, 80, 24)

	tm.keys("/")
	tm.typeText("bloomberg")
	narrowed := tm.waitFor("only Bloomberg channels", func(s string) bool {
		rows := channelRows(s)
		if len(rows) == 0 || strings.Contains(s, "BBC One HD") {
			return false
		}
		for _, r := range rows {
			if !strings.Contains(strings.ToLower(r), "bloomberg") {
				return false
			}
		}
		return true
	})
	if !strings.Contains(narrowed, "UK: Bloomberg UK HD") {
		t.Errorf("filtered list lacks UK: Bloomberg UK HD:\n%s", narrowed)
	}

	tm.keys("Escape")
	// The guide matched, so the screen compared after the resizes is not
	// one the guide's arrival changed meanwhile.
	cleared := tm.waitText("UK: BBC One HD", "UK: ITV1 HD", "guide 99% matched")
	if strings.Contains(cleared, "bloomberg") {
		t.Errorf("esc left the query on screen:\n%s", cleared)
	}

	tm.resize(60, 20)
	small := tm.waitFor("the browser at 60x20", func(s string) bool {
		return len(lines(s)) == 20 && strings.Contains(s, "UK: BBC One HD")
	})
	checkSize(t, small, 60, 20)
	checkOnce(t, small, "UK: BBC One HD", "q quit")

	// Back at the first size the screen is what it was, to the character:
	// nothing of the small layout is left behind.
	tm.resize(80, 24)
	tm.waitFor("the first screen again after resizing back", func(s string) bool { return s == cleared })
}

// channelRows are the channel pane's rows of a side-by-side layout: the text
// right of the divider, between the pane's title and the detail line.
func channelRows(screen string) []string {
	var rows []string
	ls := lines(screen)
	for _, l := range ls[2 : len(ls)-3] {
		i := strings.Index(l, "│")
		if i < 0 {
			continue
		}
		if r := strings.TrimSpace(l[i+len("│"):]); r != "" {
			rows = append(rows, r)
		}
	}
	return rows
}

func lines(screen string) []string {
	return strings.Split(strings.TrimRight(screen, "\n"), "\n")
}

// checkSize fails unless the screen has h rows, none wider than w cells.
func checkSize(t *testing.T, screen string, w, h int) {
	t.Helper()
	ls := lines(screen)
	if len(ls) != h {
		t.Errorf("screen has %d rows, want %d:\n%s", len(ls), h, screen)
	}
	for i, l := range ls {
		if n := cells(l); n > w {
			t.Errorf("row %d is %d cells wide, more than %d: %q", i+1, n, w, l)
		}
	}
}

// checkOnce fails unless each text shows exactly once: a resize that left an
// old frame behind shows it twice.
func checkOnce(t *testing.T, screen string, texts ...string) {
	t.Helper()
	for _, x := range texts {
		if n := strings.Count(screen, x); n != 1 {
			t.Errorf("%q shows %d times, want once:\n%s", x, n, screen)
		}
	}
}
