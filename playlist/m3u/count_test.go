package m3u

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/tuner-iptv/tuner/internal/m3ugen"
	"github.com/tuner-iptv/tuner/playlist"
)

// kindsOf counts what Parse made of in by the channels' kinds.
func kindsOf(pl *playlist.Playlist) Counts {
	var c Counts
	for i := range pl.Channels.Len() {
		switch pl.Channels.At(i).Kind() {
		case playlist.KindMovie:
			c.Movies++
		case playlist.KindEpisode:
			c.Episodes++
		default:
			c.Live++
		}
	}
	return c
}

// sameAsParse fails unless Count says of in what Parse does: the same error,
// or as many entries of each kind.
func sameAsParse(t *testing.T, in []byte, lim Limits) {
	t.Helper()
	pl, perr := ParseWith(bytes.NewReader(in), src, nil, lim)
	got, cerr := Count(bytes.NewReader(in), src, lim)
	switch {
	case (perr == nil) != (cerr == nil):
		t.Fatalf("Parse said %v, Count %v, of %q", perr, cerr, in)
	case perr != nil:
		if perr.Error() != cerr.Error() {
			t.Fatalf("Parse said %q, Count %q", perr, cerr)
		}
	case kindsOf(pl) != got:
		t.Fatalf("Parse found %+v, Count %+v, in %q", kindsOf(pl), got, in)
	}
}

func TestCountAgreesWithParse(t *testing.T) {
	for _, tc := range parseCases {
		t.Run(tc.name, func(t *testing.T) { sameAsParse(t, []byte(tc.in), Limits{}) })
	}
	for name, in := range map[string]string{
		"html":             "<!DOCTYPE html>\n<html></html>",
		"empty":            "",
		"gzip":             "\x1f\x8b\x08\x00rest",
		"header only":      "#EXTM3U\n",
		"inf without url":  "#EXTM3U\n#EXTINF:-1,A\n",
		"bare urls":        "http://h/movie/u/p/1.mkv\nrtmp://h/x\nnot a url\n",
		"url with options": "#EXTINF:-1,M\nhttp://h/series/u/p/7.mp4|User-Agent=x\n",
		"invalid utf-8":    "#EXTINF:-1,\xff\nhttp://h/movie/u/\xfe/3.mp4\n",
		"blank url part":   "#EXTINF:-1,A\n |x\nhttp://h/a\n",
		"line too long":    "#EXTM3U\n#EXTINF:-1," + strings.Repeat("x", 200) + "\nhttp://h/a\n",
	} {
		t.Run(name, func(t *testing.T) { sameAsParse(t, []byte(in), Limits{MaxLine: 64}) })
	}
}

func TestCountSplitsAGetPhpPlaylistByKind(t *testing.T) {
	var buf bytes.Buffer
	if err := m3ugen.Generate(&buf, 3000, 7); err != nil {
		t.Fatal(err)
	}
	got, err := Count(iotest.HalfReader(bytes.NewReader(buf.Bytes())), src, Limits{})
	if err != nil {
		t.Fatal(err)
	}
	if got.Total() != 3000 || got.Movies == 0 || got.Episodes == 0 || got.Live == 0 {
		t.Fatalf("counted %+v in 3000 generated entries of every kind", got)
	}
	sameAsParse(t, buf.Bytes(), Limits{})
}

func TestCountFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "list.m3u")
	in := "#EXTM3U\n#EXTINF:-1,A\nhttp://h/live/u/p/1.ts\n#EXTINF:-1,B\nhttp://h/movie/u/p/2.mp4\n"
	if err := os.WriteFile(path, []byte(in), 0o600); err != nil {
		t.Fatal(err)
	}
	got, err := CountFile(path, "mine", Limits{})
	if err != nil || got != (Counts{Live: 1, Movies: 1}) {
		t.Fatalf("CountFile = %+v, %v", got, err)
	}
	if _, err := CountFile(dir, "mine", Limits{}); err == nil || !strings.Contains(err.Error(), "directory") {
		t.Errorf("a directory counted: %v", err)
	}
	if _, err := CountFile(filepath.Join(dir, "none.m3u"), "mine", Limits{}); err == nil || !strings.Contains(err.Error(), "mine") {
		t.Errorf("a missing file: %v", err)
	}
}

// FuzzCount holds Count to Parse on any input.
//
//	go test -run '^$' -fuzz FuzzCount -fuzztime 60s ./playlist/m3u/
func FuzzCount(f *testing.F) {
	for _, tc := range parseCases {
		f.Add([]byte(tc.in))
	}
	f.Add([]byte("#EXTINF:-1,M\r\nhttp://h/movie/u/p/1.mkv\r\nhttp://h/series/u/p/2\n"))
	f.Fuzz(func(t *testing.T, in []byte) { sameAsParse(t, in, Limits{MaxLine: 512}) })
}
