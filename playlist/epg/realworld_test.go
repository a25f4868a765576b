package epg

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// realworld returns the path of a file in the shared corpus of guides written
// outside this project. Without the corpus the test is skipped, except in CI,
// where a missing corpus is a failure.
func realworld(t *testing.T, rel string) string {
	t.Helper()
	path := filepath.Join("..", "..", "..", "shared", "corpus", "realworld", rel)
	if _, err := os.Stat(path); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("corpus file missing: %v", err)
		}
		t.Skipf("no %s: the corpus folder ../shared/corpus/realworld is absent", rel)
	}
	return path
}

func parseRealworld(t *testing.T, rel string) *Guide {
	t.Helper()
	g, err := ParseFile(realworld(t, rel))
	if err != nil {
		t.Fatal(err)
	}
	if g.Stats.Skipped != 0 {
		t.Errorf("%s: %d skipped: %q", rel, g.Stats.Skipped, g.Stats.Problems)
	}
	return g
}

func TestXMLTVProjectNamedZonesAndDuplicates(t *testing.T) {
	g := parseRealworld(t, "xmltv/xmltv-project/dups.xml")
	ps := g.Schedule(mustKey(t, g, "1"), utc("2001-12-28 00:00"), utc("2001-12-29 00:00"))
	if got := titles(ps); !slices.Equal(got, []string{"A", "B", "D"}) {
		t.Errorf("channel 1: %q, want A, B, D", got)
	}
	ps = g.Schedule(mustKey(t, g, "c"), utc("2002-05-17 00:00"), utc("2002-05-18 00:00"))
	if len(ps) != 1 || !ps[0].Start.Equal(utc("2002-05-17 01:02")) {
		t.Errorf("channel c: %+v, want one programme at 01:02 UTC (02:02 BST)", ps)
	}
}

func TestXMLTVProjectClump(t *testing.T) {
	g := parseRealworld(t, "xmltv/xmltv-project/clump.xml")
	ps := g.Schedule(mustKey(t, g, "foo"), utc("2002-04-20 17:00"), utc("2002-04-20 18:00"))
	if got := titles(ps); !slices.Equal(got, []string{"First in clump", "Second in clump"}) {
		t.Errorf("clump: %q", got)
	}
}

func TestXMLTVProjectTitlesInTwoLanguages(t *testing.T) {
	t.Setenv("LANG", "en_GB.UTF-8")
	g := parseRealworld(t, "xmltv/xmltv-project/test.xml")
	var langs []string
	for i := range g.NumChannels() {
		k := Key{ch: int32(i) + 1}
		for _, p := range g.Schedule(k, utc("2000-01-01 00:00"), utc("2001-01-01 00:00")) {
			for _, tt := range p.Titles {
				langs = append(langs, tt.Lang)
			}
		}
	}
	if !slices.Equal(langs, []string{"de", "en"}) {
		t.Errorf("title languages %q, want de and en", langs)
	}
}
