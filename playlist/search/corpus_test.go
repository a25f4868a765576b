package search

import (
	"context"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/tuner-iptv/tuner/internal/testutil"
	"github.com/tuner-iptv/tuner/playlist/m3u"
)

// realNames are the channel names of the public Free-TV/IPTV playlist in the
// corpus, in its order, with its symbols (Ⓢ, Ⓨ, Ⓖ) and accented names.
func realNames(t *testing.T) []string {
	t.Helper()
	pl, err := m3u.ParseFile(testutil.Corpus(t, "free-tv-playlist.m3u8"), "free-tv", nil)
	if err != nil {
		t.Fatal(err)
	}
	names := make([]string, pl.Channels.Len())
	for i, c := range pl.Channels.All() {
		names[i] = c.Name
	}
	return names
}

// Every name, typed in full, must come back with the exact matches first.
func TestRealNamesFindThemselves(t *testing.T) {
	names := realNames(t)
	ix := NewIndex(names)
	for i, name := range names {
		got := search(t, ix, name, nil)
		if !slices.Contains(got, int32(i)) {
			t.Fatalf("Search(%q) misses the name itself", name)
		}
		want := string(appendFold(nil, name, nil))
		if first := string(appendFold(nil, names[got[0]], nil)); strings.TrimSpace(want) != "" && first != want {
			t.Fatalf("Search(%q) ranks %q first", name, names[got[0]])
		}
		hl := ix.Highlight(name, int32(i))
		if len(hl) == 0 || !slices.IsSorted(hl) || hl[len(hl)-1] >= utf8.RuneCountInString(name) {
			t.Fatalf("Highlight(%q) on itself = %v", name, hl)
		}
	}
}

func TestRealNamesWithoutAccents(t *testing.T) {
	names := realNames(t)
	ix := NewIndex(names)
	tests := []struct{ query, want string }{
		{"television publica", "Televisión Pública Ⓨ"},
		{"CRONICA tv", "Crónica TV Ⓨ"},
		{"das erste", "Das Erste Ⓖ"},
		{"zdf", "ZDF Ⓖ"},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			got, err := ix.Search(context.Background(), tt.query, nil)
			if err != nil || len(got) == 0 || names[got[0]] != tt.want {
				t.Errorf("Search(%q) = %q first, want %q", tt.query, namesOf(names, got[:min(1, len(got))]), tt.want)
			}
		})
	}
}
