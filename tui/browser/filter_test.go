package browser

import (
	"slices"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/tuner-iptv/tuner/playlist"
)

func TestFilter(t *testing.T) {
	tests := []struct {
		name  string
		keys  string // before typing
		typed string
		after string // keys after typing
		want  []string
	}{
		{"matches as you type", "/", "bbc", "", []string{"BBC One", "BBC Two"}},
		{"ignores case and accents", "/", "TELE", "", []string{"Télé Monte-Carlo"}},
		{"ranks a prefix above a match inside a word", "/", "ar", "", []string{"Arte", "Télé Monte-Carlo"}},
		{"backspace widens the results", "/", "bbc o", "backspace backspace", []string{"BBC One", "BBC Two"}},
		{"esc clears and shows the group again", "/", "bbc", "esc", []string{"BBC One", "BBC Two", "ITV", "Arte", "France 2", "TF1", "Télé Monte-Carlo"}},
		{"searches every group by default", "tab down down down down tab /", "bbc", "", []string{"BBC One", "BBC Two"}},
		{"ctrl+g keeps it to the current group", "tab down down down down tab /", "t", "ctrl+g", []string{"TF1", "Télé Monte-Carlo", "Arte"}},
		{"no match lists nothing", "/", "zzz", "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := sample()
			p.Channels = playlist.List(append(p.Channels.Slice(), chno("Télé Monte-Carlo", "France", "204")))
			p.Channels.At(p.Channels.Len() - 1).Source = "home"
			h := newHarness(t, nil, p)
			h.keys(tt.keys)
			h.typeText(tt.typed)
			h.keys(tt.after)
			if got := h.names(); !slices.Equal(got, tt.want) {
				t.Fatalf("list = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestFilterTypesLettersThatAreKeysElsewhere(t *testing.T) {
	h := newHarness(t, nil, sample())
	h.keys("/")
	h.typeText("jkgGf q?")
	if h.m.filter.query != "jkgGf q?" {
		t.Fatalf("query = %q: letters bound to keys were not typed", h.m.filter.query)
	}
	if len(h.m.favs) != 0 {
		t.Fatal("typing f in the filter toggled a favourite")
	}
}

func TestFilterEnterPlaysTopResult(t *testing.T) {
	h := newHarness(t, nil, sample())
	h.keys("/")
	h.typeText("arte")
	h.keys("enter")
	if got := h.plays(); !slices.Equal(got, []string{"Arte"}) {
		t.Fatalf("enter while filtering played %v, want [Arte]", got)
	}
	if h.m.filter.editing || h.m.filter.query != "arte" {
		t.Fatalf("after enter: editing %v, query %q; want the filter kept, typing ended", h.m.filter.editing, h.m.filter.query)
	}
	h.keys("esc")
	if h.m.filter.query != "" || h.m.rowCount() != 6 {
		t.Fatal("esc after the filter was applied did not clear it")
	}
}

func TestFilterTypesWithLockModifiers(t *testing.T) {
	h := newHarness(t, nil, sample())
	h.keys("/")
	h.send(tea.KeyPressMsg{Code: 'A', Text: "A", Mod: tea.ModShift | tea.ModCapsLock | tea.ModNumLock})
	h.send(tea.KeyPressMsg{Code: 'x', Text: "x", Mod: tea.ModAlt})
	if h.m.filter.query != "A" {
		t.Fatalf("query = %q, want the shifted letter typed and alt+x ignored", h.m.filter.query)
	}
}

func TestFilterArrowsMoveWhileTyping(t *testing.T) {
	h := newHarness(t, nil, sample())
	h.keys("/")
	h.typeText("bbc")
	h.keys("down")
	if got := h.selected(); got != "BBC Two" {
		t.Fatalf("down while typing selected %q, want BBC Two", got)
	}
}

func TestStaleSearchResultsAreDropped(t *testing.T) {
	h := newHarness(t, nil, sample())
	h.keys("/")
	// Type "b" but hold its search back, as if it were slow.
	_, slow := h.m.Update(keyPress("b"))
	h.typeText("bc t") // the list now holds the result for "bbc t"
	want := h.names()
	if !slices.Equal(want, []string{"BBC Two"}) {
		t.Fatalf("results for %q = %v", h.m.filter.query, want)
	}
	h.run(slow) // the result for "b" arrives last
	if got := h.names(); !slices.Equal(got, want) {
		t.Fatalf("a stale result replaced the list: %v, want %v", got, want)
	}
}

func TestHighlightOnlyForVisibleRows(t *testing.T) {
	p := sample()
	chs := p.Channels.Slice()
	for range 1000 {
		chs = append(chs, ch("BBC Filler", "UK"))
	}
	p.Channels = playlist.List(chs)
	for i := range p.Channels.Len() {
		p.Channels.At(i).Source = "home"
	}
	h := newHarness(t, nil, p)
	counter := &countingSearcher{Searcher: h.m.cat.Index}
	h.m.cat.Index = counter
	h.keys("/")
	h.typeText("bbc")
	h.m.View()
	if counter.highlights > h.m.cl.height {
		t.Fatalf("View highlighted %d names for %d visible rows", counter.highlights, h.m.cl.height)
	}
	if !strings.Contains(h.m.View(), "\x1b[") {
		t.Fatal("matched characters are not styled")
	}
}

type countingSearcher struct {
	Searcher
	highlights int
}

func (c *countingSearcher) Highlight(q string, i int32) []int {
	c.highlights++
	return c.Searcher.Highlight(q, i)
}

func TestPasteGoesIntoTheQuery(t *testing.T) {
	h := newHarness(t, nil, sample())
	h.keys("/")
	h.send(tea.PasteMsg{Content: "france\n"})
	if got := h.names(); !slices.Equal(got, []string{"France 2"}) {
		t.Fatalf("after pasting, list = %v", got)
	}
}

func TestFilterWithinFavouritesAndRecents(t *testing.T) {
	h := newHarness(t, nil, sample())
	h.keys("G f enter g f enter") // TF1 and BBC One: favourites and played
	// The scope chosen with ctrl+g the first time stays for the next filter.
	for _, group := range []string{"tab g down tab / o ctrl+g", "tab g down down tab / o"} {
		h.keys("esc")
		h.keys(group)
		if got := h.names(); !slices.Equal(got, []string{"BBC One"}) {
			t.Fatalf("after %q found %v, want [BBC One]", group, got)
		}
		h.keys("esc")
	}
}
