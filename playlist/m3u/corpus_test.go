package m3u

import (
	"bufio"
	"io"
	"os"
	"strings"
	"testing"

	"github.com/tuner-iptv/tuner/internal/m3ugen"
	"github.com/tuner-iptv/tuner/internal/testutil"
	"github.com/tuner-iptv/tuner/playlist"
)

// freeTVName is the Free-TV/IPTV combined playlist in the corpus: a header
// with about a hundred guide URLs, symbols in names, and addresses that are
// not URLs at all.
const freeTVName = "free-tv-playlist.m3u8"

func TestParseFreeTVPlaylist(t *testing.T) {
	freeTV := testutil.Corpus(t, freeTVName)
	pl, err := ParseFile(freeTV, "free-tv", nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := pl.Channels.Len(); got != 2059 {
		t.Errorf("%d channels, want 2059", got)
	}
	if got := len(pl.Header.GuideURLs); got != 101 {
		t.Errorf("%d guide URLs, want 101", got)
	}
	if g := pl.Header.GuideURLs; len(g) > 0 && (g[0] != "https://epgshare01.online/epgshare01/epg_ripper_AL1.xml.gz" ||
		g[len(g)-1] != "https://epgshare01.online/epgshare01/locomotiontv.xml.gz") {
		t.Errorf("guide URLs start %q and end %q", g[0], g[len(g)-1])
	}
	byName := map[string]playlist.Channel{}
	for _, c := range pl.Channels.All() {
		byName[c.Name] = *c
	}
	for name, want := range map[string]playlist.Channel{
		"Kanali 7 Ⓢ":                     {Group: "Albania", TvgID: "Kanali7.al", TvgName: "Kanali 7", URL: "https://fe.tring.al/delta/105/out/u/1200_1.m3u8"},
		"Encuentro Ⓨ Ⓖ":                  {Group: "Argentina", Chno: "22.1", TvgName: "Encuentro Ⓨ"},
		"NHK BSP4K":                      {Group: "日本 / Japan", Chno: "BS4K101", URL: "[NO PUBLIC STREAM]"},
		"Le vite degli altri – Pluto TV": {Group: "VOD Italy"},
	} {
		c, ok := byName[name]
		switch {
		case !ok:
			t.Errorf("no channel named %q", name)
		case want.Group != "" && c.Group != want.Group,
			want.TvgID != "" && c.TvgID != want.TvgID,
			want.TvgName != "" && c.TvgName != want.TvgName,
			want.Chno != "" && c.Chno != want.Chno,
			want.URL != "" && c.URL != want.URL:
			t.Errorf("%q: got %s", name, show(c))
		}
	}
	checkNamesAgainstReference(t, freeTV, pl)
	total := 0
	for _, g := range pl.Groups {
		total += g.Count
	}
	if total != pl.Channels.Len() || len(pl.Groups) != 97 {
		t.Errorf("%d groups counting %d channels", len(pl.Groups), total)
	}
}

// checkNamesAgainstReference compares every name with a slow, obviously
// correct reading of the #EXTINF lines of a file whose attributes are all
// quoted.
func checkNamesAgainstReference(t *testing.T, path string, pl *playlist.Playlist) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	i := 0
	for sc.Scan() {
		line := sc.Text()
		if !strings.HasPrefix(line, "#EXTINF") {
			continue
		}
		quoted, want := false, ""
		for j, r := range line {
			if r == '"' {
				quoted = !quoted
			}
			if r == ',' && !quoted {
				want = strings.TrimSpace(line[j+1:])
				break
			}
		}
		if i < pl.Channels.Len() && pl.Channels.At(i).Name != want {
			t.Errorf("channel %d: name %q, want %q", i, pl.Channels.At(i).Name, want)
		}
		i++
	}
}

func TestParseGeneratedPlaylistHasNoWrongNames(t *testing.T) {
	const n, seed = 5000, 7
	path := t.TempDir() + "/gen.m3u"
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := m3ugen.Generate(f, n, seed); err != nil {
		t.Fatal(err)
	}
	f.Close()
	pl, err := ParseFile(path, "gen", nil)
	if err != nil {
		t.Fatal(err)
	}
	if wrong := checkGenerated(pl, n, seed, t.Errorf); wrong != 0 {
		t.Errorf("%d of %d channels wrong", wrong, n)
	}
	// A reader that cannot tell its size takes the other way of growing the
	// channel list.
	f, err = os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	unsized, err := Parse(struct{ io.Reader }{f}, "gen", nil)
	if err != nil {
		t.Fatal(err)
	}
	if wrong := checkGenerated(unsized, n, seed, t.Errorf); wrong != 0 {
		t.Errorf("unknown size: %d of %d channels wrong", wrong, n)
	}
	if len(pl.Header.GuideURLs) != len(m3ugen.GuideURLs) {
		t.Errorf("guide URLs %q", pl.Header.GuideURLs)
	}
}

// checkGenerated compares every channel with what the generator wrote and
// returns how many differ; it reports the first few through errorf.
func checkGenerated(pl *playlist.Playlist, n int, seed int64, errorf func(string, ...any)) int {
	if pl.Channels.Len() != n {
		errorf("%d channels, want %d", pl.Channels.Len(), n)
		return n
	}
	wrong := 0
	for i := range pl.Channels.Len() {
		c, e := pl.Channels.At(i), m3ugen.EntryAt(seed, i)
		var ua, ref string
		for _, h := range c.Headers() {
			switch h.Name {
			case "User-Agent":
				ua = h.Value
			case "Referer":
				ref = h.Value
			}
		}
		if c.Name != e.Name || c.URL != e.URL || c.Group != e.Group || c.TvgID != e.TvgID || c.TvgName != e.TvgName ||
			c.Logo != e.Logo || c.Chno != e.Chno || ua != e.UserAgent || ref != e.Referer {
			if wrong < 5 {
				errorf("channel %d:\n got %s\nwant %+v", i, show(*c), e)
			}
			wrong++
		}
	}
	return wrong
}
