package m3u

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/tuner-iptv/tuner/playlist"
)

func TestParseRejects(t *testing.T) {
	cases := []struct {
		name    string
		in      string
		problem playlist.Problem
		message string
	}{
		{"empty input", "", playlist.NotPlaylist, "test: empty playlist"},
		{"only blank lines", "\n\r\n  \t\n", playlist.NotPlaylist, "test: empty playlist"},
		{"only a byte order mark", "\xEF\xBB\xBF", playlist.NotPlaylist, "test: empty playlist"},
		{"html page", "<!DOCTYPE html>\n<html><body><a href=\"http://x/\">login</a></body></html>", playlist.NotPlaylist,
			`test: not an M3U playlist (starts with "<!DOCTYPE html")`},
		{"json answer", "{\"user_info\":{\"auth\":0}}\n", playlist.NotPlaylist,
			`test: not an M3U playlist (starts with "{\"user_info\":{")`},
		{"pretty json with urls inside", "{\n  \"url\": \"http://h/a.ts\"\n}\n", playlist.NotPlaylist,
			`test: not an M3U playlist (starts with "{")`},
		{"gzip data is named, not quoted", "\x1f\x8b\x08\x00\x00\x00", playlist.NotPlaylist,
			"test: gzip-compressed data, not a plain M3U playlist"},
		{"binary", "\x00\x8b\x08", playlist.NotPlaylist,
			"test: not an M3U playlist (starts with \"\\x00\uFFFD\\b\")"},
		{"password in the first line is masked", "?password=hunter2 is wrong", playlist.NotPlaylist,
			`test: not an M3U playlist (starts with "?password=*** ")`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			pl, err := Parse(strings.NewReader(tc.in), "test", nil)
			if err == nil {
				t.Fatalf("got %d channels, want an error", pl.Channels.Len())
			}
			if got := playlist.ProblemOf(err); got != tc.problem {
				t.Errorf("problem %q, want %q", got, tc.problem)
			}
			if err.Error() != tc.message {
				t.Errorf("message %q\n         want %q", err.Error(), tc.message)
			}
		})
	}
}

func TestParseAcceptsEmptyPlaylists(t *testing.T) {
	for _, in := range []string{"#EXTM3U\n", "#EXTM3U\n#EXTINF:-1,No address"} {
		pl, err := Parse(strings.NewReader(in), "test", nil)
		if err != nil {
			t.Fatalf("%q: %v", in, err)
		}
		if pl.Channels.Len() != 0 || len(pl.Groups) != 0 {
			t.Errorf("%q: got %d channels, %d groups", in, pl.Channels.Len(), len(pl.Groups))
		}
	}
}

type failingReader struct{ err error }

func (f failingReader) Read([]byte) (int, error) { return 0, f.err }

func TestParseReadErrors(t *testing.T) {
	capped := &playlist.Error{Source: "http://h/list", Problem: playlist.TooLarge, Detail: "larger than 100 MB"}
	cases := []struct {
		name    string
		r       func() failingReader
		problem playlist.Problem
	}{
		{"a loader's error passes through", func() failingReader { return failingReader{capped} }, playlist.TooLarge},
		{"deadline is a timeout", func() failingReader { return failingReader{os.ErrDeadlineExceeded} }, playlist.TimedOut},
		{"other errors", func() failingReader { return failingReader{errors.New("connection reset")} }, playlist.Unreachable},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := iotest.DataErrReader(tc.r())
			_, err := Parse(r, "http://user:pw@h/list", nil)
			if got := playlist.ProblemOf(err); got != tc.problem {
				t.Fatalf("problem %q (%v), want %q", got, err, tc.problem)
			}
			if strings.Contains(err.Error(), "pw@") {
				t.Errorf("password shown: %v", err)
			}
		})
	}
	// An error after good data still fails: half a playlist must not replace a
	// good cached copy.
	r := iotest.TimeoutReader(iotest.OneByteReader(strings.NewReader("#EXTM3U\n#EXTINF:-1,A\nhttp://h/a\n")))
	if _, err := Parse(r, "test", nil); err == nil {
		t.Error("a read error after the first byte was not reported")
	}
}

func TestParseFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "list.m3u")
	if err := os.WriteFile(path, []byte("#EXTM3U\n#EXTINF:-1,A\nhttp://h/a\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	var done, total int64
	pl, err := ParseFile(path, "list", func(d, tot int64) { done, total = d, tot })
	if err != nil {
		t.Fatal(err)
	}
	if pl.Channels.Len() != 1 || pl.Channels.At(0).Source != "list" {
		t.Errorf("got %+v", pl.Channels)
	}
	if done != 32 || total != 32 {
		t.Errorf("progress ended at %d of %d, want 32 of 32", done, total)
	}

	_, err = ParseFile(filepath.Join(dir, "missing.m3u"), "missing.m3u", nil)
	if playlist.ProblemOf(err) != playlist.NotFound || err.Error() != "missing.m3u: no such file" {
		t.Errorf("missing file: %v", err)
	}
	_, err = ParseFile(dir, "dir", nil)
	if playlist.ProblemOf(err) != playlist.Invalid {
		t.Errorf("directory: %v", err)
	}
}

func TestParseProgressOnReaderWithSize(t *testing.T) {
	in := strings.Repeat("#EXTINF:-1,Channel\nhttp://h/stream.ts\n", 20000)
	var calls int
	var last, total int64
	_, err := Parse(strings.NewReader(in), "test", func(d, tot int64) { calls++; last, total = d, tot })
	if err != nil {
		t.Fatal(err)
	}
	if calls < 2 || last != int64(len(in)) || total != int64(len(in)) {
		t.Errorf("%d calls, last %d of %d, want several ending at %d", calls, last, total, len(in))
	}
}

func TestParseSizesTheChannelListFromTheInput(t *testing.T) {
	entry := "#EXTINF:-1,Channel\nhttp://h/stream.ts\n"
	cases := []struct {
		name     string
		in       string
		n        int
		maxSpare int
	}{
		{"even entries", "#EXTM3U\n" + strings.Repeat(entry, 100000), 100000, 100000 / 8},
		{"short entries before a long comment", strings.Repeat(entry, 100) + "#" + strings.Repeat("x", 8<<20) + "\n", 100, 100},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			pl, err := Parse(strings.NewReader(tc.in), "test", nil)
			if err != nil {
				t.Fatal(err)
			}
			if pl.Channels.Len() != tc.n || cap(pl.Channels.Slice())-tc.n > tc.maxSpare {
				t.Errorf("%d channels with room for %d, want %d with at most %d spare", pl.Channels.Len(), cap(pl.Channels.Slice()), tc.n, tc.maxSpare)
			}
		})
	}
}
