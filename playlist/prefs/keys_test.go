package prefs

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tuner-iptv/tuner/playlist"
)

func TestSourceKey(t *testing.T) {
	for in, want := range map[string]string{
		"alice@panel.example:8080": "alice@panel.example",
		"demo@127.0.0.1:41234":     "demo@127.0.0.1",
		"a@b@panel.example:80":     "a@b@panel.example",
		"alice@panel.example":      "alice@panel.example",
		"home":                     "home",
		"lists.example:8080/a.m3u": "lists.example:8080/a.m3u",
		"me@work:x":                "me@work:x",
		"@host:80":                 "@host:80",
		"list.m3u":                 "list.m3u",
	} {
		if got := SourceKey(in); got != want {
			t.Errorf("SourceKey(%q) = %q, want %q", in, got, want)
		}
	}
}

func xtreamChannel(name, tvgID, id string) playlist.Channel {
	return playlist.Channel{Name: name, TvgID: tvgID, Extra: &playlist.Extra{StreamID: id}}
}

// A prefs.json written when favourites were kept by "user@host:port" and by
// name and tvg-id only is read under the new keys, and saved in them.
func TestOldPrefsFileIsMigrated(t *testing.T) {
	dir := t.TempDir()
	old := `{
  "sources": {
    "demo@127.0.0.1:41234": {
      "favorites": [{"name": "BBC One HD", "tvg_id": "bbc1.uk"}, {"name": "Arte"}],
      "recent": [{"name": "Arte"}]
    },
    "demo@127.0.0.1:39999": {"favorites": [{"name": "CNN", "tvg_id": "cnn.us"}]},
    "list.m3u": {"favorites": [{"name": "Local"}]}
  }
}
`
	if err := os.WriteFile(filepath.Join(dir, FileName), []byte(old), 0o600); err != nil {
		t.Fatal(err)
	}
	s, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	// The demo runs again on another random port.
	lk := s.Lookup("demo@127.0.0.1:52001")
	bbc, arte, cnn := xtreamChannel("BBC One HD", "bbc1.uk", "101"), xtreamChannel("Arte", "", "7"), xtreamChannel("CNN", "cnn.us", "9")
	if !lk.Favorite(bbc.Brief()) || !lk.Favorite(arte.Brief()) || !lk.Favorite(cnn.Brief()) {
		t.Fatalf("favourites lost after the port changed: %v", s.Favorites("demo@127.0.0.1:52001"))
	}
	if lk.Recent(arte.Brief()) != 0 {
		t.Errorf("recent lost")
	}
	if !s.IsFavorite("list.m3u", Ref{Name: "Local"}) {
		t.Errorf("a playlist's favourites lost")
	}
	if err := s.Save(); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(filepath.Join(dir, FileName))
	if strings.Contains(string(b), ":41234") || !strings.Contains(string(b), `"demo@127.0.0.1"`) || !strings.Contains(string(b), `"stream_id": "101"`) {
		t.Errorf("saved file keeps the old keys:\n%s", b)
	}

	// Once the stream id is kept, a channel the provider renamed stays a favourite.
	again, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	renamed := xtreamChannel("UK: BBC One FHD", "bbc1.uk", "101")
	other := xtreamChannel("BBC One HD", "bbc1.uk", "555")
	lk = again.Lookup("demo@127.0.0.1:8080")
	if !lk.Favorite(renamed.Brief()) {
		t.Error("a renamed channel lost its favourite")
	}
	if lk.Favorite(other.Brief()) {
		t.Error("another stream with the old name took the favourite")
	}
}

func TestFavoritesKeyedByStreamID(t *testing.T) {
	s := Memory()
	ch := xtreamChannel("BBC One", "", "101")
	s.SetFavorite("alice@panel.example:8080", RefOf(&ch), true)
	renamed := xtreamChannel("BBC One HD", "", "101")
	if !s.IsFavorite("alice@panel.example:8081", RefOf(&renamed)) {
		t.Error("port change or rename lost the favourite")
	}
	s.SetFavorite("alice@panel.example", RefOf(&renamed), false)
	if len(s.Favorites("alice@panel.example:8080")) != 0 {
		t.Error("the favourite could not be removed by its stream id")
	}
}
