package search

import (
	"context"
	"os"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// testdata/free-tv-names.txt holds the channel names of the public Free-TV/IPTV
// playlist, one a line, with its symbols (Ⓢ, Ⓨ, Ⓖ) and accented names.
func realNames(t *testing.T) []string {
	t.Helper()
	b, err := os.ReadFile("testdata/free-tv-names.txt")
	if err != nil {
		t.Fatal(err)
	}
	return strings.Split(strings.TrimSuffix(string(b), "\n"), "\n")
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
