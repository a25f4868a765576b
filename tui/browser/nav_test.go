package browser

import (
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/tuner-iptv/tuner/playlist"
)

func TestNavigation(t *testing.T) {
	tests := []struct {
		name string
		keys string
		want string
	}{
		{"starts on the first channel", "", "BBC One"},
		{"down moves one row", "down", "BBC Two"},
		{"j and k move like arrows", "j j k", "BBC Two"},
		{"up stops at the top", "up up", "BBC One"},
		{"G goes to the last channel", "G", "TF1"},
		{"g goes back to the first", "G g", "BBC One"},
		{"end and home", "end home", "BBC One"},
		{"page down stops at the end", "pgdown pgdown", "TF1"},
		{"page up from the end", "G pgup", "BBC One"},
		{"down past the end stays on the last", "G down down", "TF1"},
		{"tab moves to groups; down there changes the group", "tab down down down", "BBC One"},
		{"the France group", "tab down down down down", "Arte"},
		{"enter on a group moves to its channels", "tab down down down down enter down", "France 2"},
		{"tab back keeps the group", "tab G tab down", "France 2"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHarness(t, nil, sample())
			h.keys(tt.keys)
			if got := h.selected(); got != tt.want {
				t.Fatalf("after %q selected %q, want %q", tt.keys, got, tt.want)
			}
		})
	}
}

func TestPageMovesByScreenful(t *testing.T) {
	var chans []playlist.Channel
	for i := range 500 {
		chans = append(chans, ch("Channel "+strconv.Itoa(i), "All"))
	}
	h := newHarness(t, nil, pl("big", chans...))
	h.keys("pgdown")
	first := h.m.cl.cursor
	if first < 10 {
		t.Fatalf("page down moved to row %d, want a screenful down", first)
	}
	h.keys("pgdown")
	if h.m.cl.cursor != 2*first {
		t.Fatalf("second page down at row %d, want %d", h.m.cl.cursor, 2*first)
	}
	h.keys("pgup pgup")
	if h.m.cl.cursor != 0 {
		t.Fatalf("two pages up from there at row %d, want 0", h.m.cl.cursor)
	}
}

func TestSeveralSourcesAreTopLevelEntries(t *testing.T) {
	a := pl("home", ch("A1", "News"), ch("A2", "Sport"))
	b := pl("work", ch("B1", "News"))
	h := newHarness(t, nil, a, b)
	var labels []string
	for _, g := range h.m.groups {
		labels = append(labels, g.Label)
	}
	want := []string{"All", "Favourites", "Recent", "home", "News", "Sport", "work", "News"}
	if !slices.Equal(labels, want) {
		t.Fatalf("groups = %v, want %v", labels, want)
	}
	h.keys("tab down down down down down down") // second "News": work's
	if got := h.names(); !slices.Equal(got, []string{"B1"}) {
		t.Fatalf("work's News lists %v, want [B1]", got)
	}
	if !strings.Contains(h.screen(), "work") {
		t.Fatal("the detail line does not name the source when there are several")
	}
}

func TestChannelInSeveralGroups(t *testing.T) {
	c := ch("Euronews", "News")
	c.Extra = &playlist.Extra{Groups: []string{"News", "Europe"}}
	h := newHarness(t, nil, pl("p", c, ch("CNN", "News")))
	h.keys("tab down down down down") // Europe
	if got := h.names(); !slices.Equal(got, []string{"Euronews"}) {
		t.Fatalf("Europe lists %v", got)
	}
	if !strings.Contains(h.screen(), "News, Europe") {
		t.Fatal("the detail line does not list every group of the channel")
	}
}

func TestResizeKeepsEveryLineInBounds(t *testing.T) {
	wide := pl("p",
		chno("日本のテレビ局 NHK 総合 東京 HD", "アジア", "1"),
		chno("📺 Emoji TV 🎬🎥 with a long name that goes on", "Fun 🎉", "2"),
		chno("Télévision Française Éducation", "France", "3"),
		chno("한국 방송 KBS", "アジア", "4"),
		chno("👨‍👩‍👧 Family ZWJ", "Fun 🎉", "5"),
		chno("Bad\x1b[31m escape\x07", "Fun 🎉", "6"),
	)
	for _, cells := range []ansi.Method{ansi.WcWidth, ansi.GraphemeWidth} {
		h := newHarness(t, nil, wide)
		h.m.com.Cells = cells
		h.keys("/")
		h.typeText("e")
		sizes := [][2]int{{80, 22}, {60, 18}, {120, 40}, {69, 22}, {70, 22}, {40, 10}, {20, 8}, {10, 3}, {200, 5}, {80, 22}}
		for _, s := range sizes {
			h.m.SetSize(s[0], s[1])
			lines := strings.Split(h.m.View(), "\n")
			if len(lines) != s[1] {
				t.Fatalf("at %dx%d the view has %d lines", s[0], s[1], len(lines))
			}
			for i, l := range lines {
				if w := cells.StringWidth(l); w != s[0] {
					t.Fatalf("measuring by %v, at %dx%d line %d is %d cells wide: %q", cells, s[0], s[1], i, w, ansi.Strip(l))
				}
				if strings.ContainsAny(ansi.Strip(l), "\x1b\x07") {
					t.Fatalf("line %d lets a control character through: %q", i, l)
				}
			}
		}
	}
}

func TestCursorStaysVisibleAfterShrinking(t *testing.T) {
	var chans []playlist.Channel
	for i := range 100 {
		chans = append(chans, ch("Channel "+strconv.Itoa(i), "All"))
	}
	h := newHarness(t, nil, pl("p", chans...))
	h.keys("G")
	h.m.SetSize(60, 10)
	if !strings.Contains(h.screen(), "▶") || !strings.Contains(h.screen(), "Channel 99") {
		t.Fatalf("after shrinking, the selected row is off screen:\n%s", h.screen())
	}
}

func TestNewCatalogKeepsSelection(t *testing.T) {
	h := newHarness(t, nil, sample())
	h.keys("tab down down down down tab down") // France 2 in France
	fresh := sample()
	fresh.Channels = playlist.List(append([]playlist.Channel{ch("New channel", "France")}, fresh.Channels.Slice()...))
	for i := range fresh.Channels.Len() {
		fresh.Channels.At(i).Source = "home"
	}
	h.send(CatalogMsg{Catalog: Build([]*playlist.Playlist{fresh}, newIndex, h.store)})
	if g := h.m.currentGroup(); g.Label != "France" {
		t.Fatalf("group after reload = %q, want France", g.Label)
	}
	if got := h.selected(); got != "France 2" {
		t.Fatalf("selected after reload = %q, want France 2", got)
	}
}

func TestMouse(t *testing.T) {
	h := newHarness(t, nil, sample())
	// Row 2 of the screen is the first row of each pane.
	h.send(click(40, 4)) // third channel row
	if got := h.selected(); got != "ITV" {
		t.Fatalf("click selected %q, want ITV", got)
	}
	h.send(click(40, 4))
	if got := h.plays(); !slices.Equal(got, []string{"ITV"}) {
		t.Fatalf("second click played %v, want [ITV]", got)
	}
	h.send(click(3, 6)) // the France group
	if g := h.m.currentGroup(); g.Label != "France" || h.selected() != "Arte" {
		t.Fatalf("click on a group: group %q, channel %q", g.Label, h.selected())
	}
	h.send(wheel(40, 5, false))
	if got := h.selected(); got != "TF1" {
		t.Fatalf("wheel down selected %q, want TF1", got)
	}
}

func TestPlayingMarkFollowsNewCatalog(t *testing.T) {
	h := newHarness(t, nil, sample())
	itv := *h.m.cat.Channel(2)
	h.send(PlayingMsg{Channel: &itv})
	fresh := sample()
	fresh.Channels = playlist.List(append([]playlist.Channel{ch("New", "UK")}, fresh.Channels.Slice()...))
	for i := range fresh.Channels.Len() {
		fresh.Channels.At(i).Source = "home"
	}
	h.send(CatalogMsg{Catalog: Build([]*playlist.Playlist{fresh}, newIndex, h.store)})
	if !strings.Contains(h.screen(), "♪ 103   ITV") {
		t.Fatalf("the playing channel is not marked after a reload:\n%s", h.screen())
	}
	h.send(PlayingMsg{})
	if strings.Contains(h.screen(), "♪") {
		t.Fatal("the mark stayed after playback stopped")
	}
}
