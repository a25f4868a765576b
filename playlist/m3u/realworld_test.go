package m3u

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/tuner-iptv/tuner/playlist"
)

// realworld returns the path of a file in the shared corpus of playlists
// written outside this project. Without the corpus the test is skipped, except
// in CI, where a missing corpus is a failure.
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

func parseRealworld(t *testing.T, rel string) *playlist.Playlist {
	t.Helper()
	pl, err := ParseFile(realworld(t, rel), "realworld", nil)
	if err != nil {
		t.Fatal(err)
	}
	return pl
}

func TestParseAttributesAfterTheComma(t *testing.T) {
	pl := parseRealworld(t, "m3u/other/aptv-ahyd.m3u")
	if pl.Channels.Len() != 184 {
		t.Fatalf("%d channels, want 184", pl.Channels.Len())
	}
	for i, c := range pl.Channels.All() {
		if strings.Contains(c.Name, "=") || c.TvgID == "" || c.Group == "" {
			t.Errorf("channel %d: %s", i, show(*c))
		}
	}
	if c := *pl.Channels.At(0); c.Name != "CCTV-1 综合" || c.TvgID != "CCTV1" || c.TvgName != "CCTV1" || c.Group != "央视" {
		t.Errorf("first channel: %s", show(c))
	}
}

func TestParseExtgrpAfterGroupTitle(t *testing.T) {
	for rel, want := range map[string]string{
		"peers/iptv-playlist-parser/input/base.m3u":   "Только Android",
		"peers/iptv-playlist-parser/input/vlcopt.m3u": "News",
	} {
		pl := parseRealworld(t, rel)
		if pl.Channels.Len() == 0 || pl.Channels.At(0).Group != want {
			t.Errorf("%s: first channel's group is not %q: %+v", rel, want, pl.Channels)
		}
	}
}

func TestParseHeadersFromAttributesAndQuotedOptions(t *testing.T) {
	for rel, want := range map[string][]playlist.Header{
		"peers/iptv-playlist-parser/input/vlcopt.m3u":     {{Name: "User-Agent", Value: "Dalvik/2.1.0 (Linux; U; Android 6.0.1;)"}},
		"peers/iptv-playlist-parser/input/user_agent.m3u": {{Name: "User-Agent", Value: "Mozilla/5.0 (iPhone; CPU iPhone OS 12_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148"}},
	} {
		pl := parseRealworld(t, rel)
		if pl.Channels.Len() == 0 {
			t.Fatalf("%s: no channels", rel)
		}
		if got := pl.Channels.At(0).Headers(); !slices.Equal(got, want) {
			t.Errorf("%s: headers %+v, want %+v", rel, got, want)
		}
	}
	pl := parseRealworld(t, "peers/iptv-playlist-parser/input/base.m3u")
	var trt *playlist.Channel
	for i := range pl.Channels.Len() {
		if pl.Channels.At(i).Name == "TRT 1 HD" {
			trt = pl.Channels.At(i)
		}
	}
	want := []playlist.Header{{Name: "Referer", Value: "http://test.com"}, {Name: "User-Agent", Value: "Mozilla/5.0"}}
	if trt == nil || !slices.Equal(trt.Headers(), want) {
		t.Errorf("base.m3u: TRT 1 HD is %+v, want headers %+v", trt, want)
	}
}
