package m3u

import (
	"bytes"
	"os"
	"reflect"
	"runtime"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/tuner-iptv/tuner/internal/testutil"
	"github.com/tuner-iptv/tuner/playlist"
)

// FuzzParse checks that no input panics, that the strings kept and the memory
// allocated stay in proportion to the input, that every kept string is valid
// UTF-8, and that Write then Parse gives the same channels back.
//
//	go test -run '^$' -fuzz FuzzParse -fuzztime 60s ./playlist/m3u/
func FuzzParse(f *testing.F) {
	for _, tc := range parseCases {
		f.Add([]byte(tc.in))
	}
	// The corpus is only one seed among many; the fuzz test runs without it.
	if path, err := testutil.CorpusPath(freeTVName); err == nil {
		if b, err := os.ReadFile(path); err == nil {
			f.Add(b[:min(len(b), 8<<10)])
		}
	}
	f.Add([]byte("<!DOCTYPE html>\n<html></html>"))
	f.Add([]byte("#EXTINF:-1 tvg-name=\"x\r\n\r\r\n|\xff"))
	f.Fuzz(func(t *testing.T, in []byte) {
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		pl, err := Parse(bytes.NewReader(in), "fuzz", nil)
		runtime.ReadMemStats(&after)
		// A channel is 136 bytes and the smallest entry 5 ("a://\n"); the
		// constant covers the buffers a tiny input still gets.
		if alloc := after.TotalAlloc - before.TotalAlloc; alloc > uint64(100*len(in)+512<<10) {
			t.Fatalf("%d bytes allocated for %d bytes of input", alloc, len(in))
		}
		if err != nil {
			if playlist.ProblemOf(err) != playlist.NotPlaylist {
				t.Fatalf("unexpected error %v", err)
			}
			return
		}
		if n := keptBytes(pl); n > 3*len(in)+64 {
			t.Fatalf("%d bytes of strings kept from %d bytes of input", n, len(in))
		}
		checkValid(t, pl)
		if hasBothQuotes(pl) {
			return // Write adjusts such values on purpose
		}
		var buf bytes.Buffer
		if err := Write(&buf, pl); err != nil {
			t.Fatal(err)
		}
		written := buf.String()
		back, err := Parse(&buf, "fuzz", nil)
		if err != nil {
			t.Fatalf("written playlist does not parse: %v\n%s", err, written)
		}
		if !reflect.DeepEqual(back.Channels, pl.Channels) && back.Channels.Len()+pl.Channels.Len() > 0 {
			t.Fatalf("round trip changed the channels:\n got %v\nwant %v\nwritten:\n%s", back.Channels, pl.Channels, written)
		}
		if !reflect.DeepEqual(back.Header, pl.Header) {
			t.Fatalf("round trip changed the header: %+v, want %+v", back.Header, pl.Header)
		}
	})
}

// strs lists every string a playlist keeps (Source aside, which the caller
// gave).
func strs(pl *playlist.Playlist) []string {
	out := append([]string{pl.Header.Catchup, pl.Header.CatchupDays, pl.Header.CatchupSource, pl.Header.TvgShift},
		pl.Header.GuideURLs...)
	for _, c := range pl.Channels.All() {
		out = append(out, c.Name, c.URL, c.Group, c.TvgID, c.TvgName, c.Logo, c.Chno)
		if e := c.Extra; e != nil {
			out = append(out, e.Catchup, e.CatchupDays, e.CatchupSource, e.TvgShift, e.StreamID)
			out = append(out, e.Groups...)
			for _, h := range e.Headers {
				out = append(out, h.Name, h.Value)
			}
		}
	}
	return out
}

// keptBytes counts string bytes, a shared string once per channel that keeps it.
func keptBytes(pl *playlist.Playlist) int {
	n := 0
	for _, s := range strs(pl) {
		n += len(s)
	}
	return n
}

func checkValid(t *testing.T, pl *playlist.Playlist) {
	for _, s := range strs(pl) {
		if !utf8.ValidString(s) {
			t.Fatalf("invalid UTF-8 kept: %q", s)
		}
	}
	if got := playlist.BuildGroups(pl.Channels); !reflect.DeepEqual(got, pl.Groups) && len(got)+len(pl.Groups) > 0 {
		t.Fatalf("groups %v, BuildGroups says %v", pl.Groups, got)
	}
}

func hasBothQuotes(pl *playlist.Playlist) bool {
	for _, s := range strs(pl) {
		if strings.IndexByte(s, '"') >= 0 && strings.IndexByte(s, '\'') >= 0 {
			return true
		}
	}
	return false
}
