package source

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/tuner-iptv/tuner/playlist/m3u"
)

const mixedM3U = `#EXTM3U
#EXTINF:-1 group-title="News",News
http://h.example/live/u/p/1.ts
#EXTINF:-1 group-title="Films",Film (2001)
http://h.example/movie/u/p/10.mkv
#EXTINF:-1 group-title="Films",Other Film
http://h.example/movie/u/p/11.mp4
#EXTINF:-1 group-title="Shows",Show S01E01
http://h.example/series/u/p/20.mp4
#EXTINF:-1,Bare
http://h.example/u/p/2
`

func TestFileCountKindsIsWhatLoadFinds(t *testing.T) {
	dir := t.TempDir()
	want := m3u.Counts{Live: 2, Movies: 2, Episodes: 1}
	for name, body := range map[string][]byte{"plain.m3u": []byte(mixedM3U), "packed.m3u": gzipped(t, []byte(mixedM3U))} {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, body, 0o600); err != nil {
			t.Fatal(err)
		}
		f, err := newFile(path, Options{})
		if err != nil {
			t.Fatal(err)
		}
		if n, err := f.CountKinds(context.Background()); err != nil || n != want {
			t.Errorf("%s: %+v, %v; want %+v", name, n, err, want)
		}
	}
}
