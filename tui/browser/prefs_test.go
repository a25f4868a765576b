package browser

import (
	"slices"
	"strings"
	"testing"

	"github.com/tuner-iptv/tuner/playlist"
	"github.com/tuner-iptv/tuner/playlist/prefs"
)

func TestFavorites(t *testing.T) {
	dir := t.TempDir()
	store, err := prefs.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	h := newHarness(t, store, sample())
	h.keys("down f down down down f") // BBC Two and France 2
	h.keys("tab g down")              // the Favourites group
	if got := h.names(); !slices.Equal(got, []string{"BBC Two", "France 2"}) {
		t.Fatalf("Favourites lists %v", got)
	}
	if !strings.Contains(h.screen(), "★ BBC Two") {
		t.Fatalf("a favourite is not marked:\n%s", h.screen())
	}
	h.keys("tab f") // unmark BBC Two from inside the group
	if got := h.names(); !slices.Equal(got, []string{"France 2"}) {
		t.Fatalf("after unmarking, Favourites lists %v", got)
	}

	// A new start reads them back.
	again, err := prefs.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	h2 := newHarness(t, again, sample())
	h2.keys("tab down")
	if got := h2.names(); !slices.Equal(got, []string{"France 2"}) {
		t.Fatalf("after a restart Favourites lists %v", got)
	}
}

func TestFavoritesArePerSource(t *testing.T) {
	store := prefs.Memory()
	a := pl("home", ch("News", "G"))
	b := pl("work", ch("News", "G"))
	h := newHarness(t, store, a, b)
	h.keys("f")
	if !store.IsFavorite("home", prefs.Ref{Name: "News"}) || store.IsFavorite("work", prefs.Ref{Name: "News"}) {
		t.Fatal("a favourite was not stored under its own source only")
	}
}

func TestFavoriteKeyOnlyInChannelPane(t *testing.T) {
	h := newHarness(t, nil, sample())
	h.keys("tab f")
	if len(h.m.favs) != 0 {
		t.Fatal("f in the group pane marked a channel")
	}
}

func TestRecents(t *testing.T) {
	store := prefs.Memory()
	h := newHarness(t, store, sample())
	h.keys("enter down down enter down enter up enter") // BBC One, ITV, Arte, ITV
	if got := h.plays(); !slices.Equal(got, []string{"BBC One", "ITV", "Arte", "ITV"}) {
		t.Fatalf("played %v", got)
	}
	h.keys("tab down down") // Recent
	want := []string{"ITV", "Arte", "BBC One"}
	if got := h.names(); !slices.Equal(got, want) {
		t.Fatalf("Recent lists %v, want %v", got, want)
	}
	var stored []string
	for _, r := range store.Recent("home") {
		stored = append(stored, r.Name)
	}
	if !slices.Equal(stored, want) {
		t.Fatalf("stored recents %v, want %v", stored, want)
	}
	// Playing from inside Recent moves the channel to the top and follows it.
	h.keys("tab down down enter")
	if got := h.names(); got[0] != "BBC One" || h.selected() != "BBC One" {
		t.Fatalf("after playing from Recent: list %v, selected %q", got, h.selected())
	}
}

func TestRecentsResolvedOnLoad(t *testing.T) {
	store := prefs.Memory()
	store.AddRecent("home", prefs.Ref{Name: "Arte"})
	store.AddRecent("home", prefs.Ref{Name: "Gone"}) // no longer in the playlist
	store.AddRecent("home", prefs.Ref{Name: "TF1"})
	h := newHarness(t, store, sample())
	h.keys("tab down down")
	if got := h.names(); !slices.Equal(got, []string{"TF1", "Arte"}) {
		t.Fatalf("Recent after load lists %v, want [TF1 Arte]", got)
	}
}

func TestNumberJump(t *testing.T) {
	noChno := pl("p", ch("First", "G"), ch("Second", "G"), ch("Third", "G"))
	tests := []struct {
		name string
		pl   *playlist.Playlist
		keys string
		want string
	}{
		{"by tvg-chno", sample(), "2 0 2", "France 2"},
		{"each digit moves the cursor", sample(), "1 0", "BBC One"},
		{"leading zeros do not matter", sample(), "0 1 0 3", "ITV"},
		{"by position without tvg-chno", noChno, "3", "Third"},
		{"a number not in the list leaves the cursor", sample(), "down 9 9", "BBC Two"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHarness(t, nil, tt.pl)
			h.keys(tt.keys)
			if got := h.selected(); got != tt.want {
				t.Fatalf("after %q selected %q, want %q", tt.keys, got, tt.want)
			}
		})
	}
}

func TestNumberJumpTimesOutAndEnterPlays(t *testing.T) {
	h := newHarness(t, nil, sample())
	h.keys("2 0")
	if !strings.Contains(h.screen(), "# 20") {
		t.Fatalf("typed digits are not shown:\n%s", h.screen())
	}
	h.expire()
	h.keys("1")
	if got := h.selected(); got != "BBC One" {
		t.Fatalf("after a pause, 1 started a new number? selected %q", got)
	}
	h.keys("0 3 enter")
	if got := h.plays(); !slices.Equal(got, []string{"ITV"}) {
		t.Fatalf("enter after 103 played %v, want [ITV]", got)
	}
	if h.m.jump.digits != "" {
		t.Fatal("enter did not end the number")
	}
	h.keys("9 9 9")
	if !strings.Contains(h.screen(), "no channel 999") {
		t.Fatalf("a missing number is not reported:\n%s", h.screen())
	}
}

func TestNumberJumpInsideFilterResults(t *testing.T) {
	h := newHarness(t, nil, sample())
	h.keys("/")
	h.typeText("france")
	h.keys("enter")
	h.keys("1 0 1") // BBC One is not among the results
	if got := h.selected(); got != "France 2" {
		t.Fatalf("jumped outside the results to %q", got)
	}
}

// Favourites kept before the account's port changed, by name only, are found
// among the channels of the account on its new port.
func TestOldFavoritesFoundAfterAPortChange(t *testing.T) {
	store := prefs.Memory()
	store.SetFavorite("alice@panel.example:8080", prefs.Ref{Name: "News"}, true)
	news, arte := ch("News", "G"), ch("Arte", "G")
	news.Extra = &playlist.Extra{StreamID: "7"}
	arte.Extra = &playlist.Extra{StreamID: "8"}
	h := newHarness(t, store, pl("alice@panel.example:9090", arte, news))
	h.keys("tab g down")
	if got := h.names(); !slices.Equal(got, []string{"News"}) {
		t.Fatalf("Favourites lists %v", got)
	}
	if got := store.Favorites("alice@panel.example:9090"); len(got) != 1 || got[0].StreamID != "7" {
		t.Errorf("the kept favourite did not gain its stream id: %+v", got)
	}
}
