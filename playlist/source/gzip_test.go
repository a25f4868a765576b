package source

import (
	"bytes"
	"compress/gzip"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tuner-iptv/tuner/playlist"
)

func gzipped(t *testing.T, data []byte) []byte {
	t.Helper()
	var b bytes.Buffer
	zw := gzip.NewWriter(&b)
	zw.Write(data)
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestLoadGzipFile(t *testing.T) {
	data, err := os.ReadFile(small)
	if err != nil {
		t.Fatal(err)
	}
	gz := gzipped(t, data)
	dir := t.TempDir()
	// The name need not say so: the magic bytes do.
	for _, name := range []string{"tv.m3u.gz", "tv.m3u"} {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, gz, 0o600); err != nil {
			t.Fatal(err)
		}
		src, err := Parse(path, Options{})
		if err != nil {
			t.Fatal(err)
		}
		var done, total int64
		p, err := src.Load(context.Background(), func(d, tot int64) { done, total = d, tot })
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if p.Channels.Len() != 2 || p.Channels.At(0).Name != "One, HD" || p.Channels.At(0).Source != name {
			t.Errorf("%s: channels %+v", name, p.Channels)
		}
		if done != int64(len(gz)) || total != int64(len(gz)) {
			t.Errorf("%s: progress %d of %d, want %d of %d", name, done, total, len(gz), len(gz))
		}
	}
}

func TestLoadGzipStdin(t *testing.T) {
	data, _ := os.ReadFile(small)
	src, _ := Parse("-", Options{Stdin: bytes.NewReader(gzipped(t, data))})
	p, err := src.Load(context.Background(), nil)
	if err != nil || p.Channels.Len() != 2 {
		t.Fatalf("%v, %v", p, err)
	}
}

func TestLoadGzipErrorsSayGzip(t *testing.T) {
	data, _ := os.ReadFile(small)
	gz := gzipped(t, data)
	tests := []struct {
		name string
		data []byte
		want string
	}{
		{"cut off", gz[:len(gz)-6], "gzip-compressed, but the data is damaged: unexpected EOF"},
		{"bad header", []byte{0x1f, 0x8b, 0x01, 0x02}, "gzip-compressed, but the data is damaged: unexpected EOF"},
		{"not a playlist inside", gzipped(t, []byte("<html>nope</html>")), `gzip-compressed: not an M3U playlist (starts with "<html>nope</ht")`},
	}
	dir := t.TempDir()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(dir, "bad.m3u.gz")
			if err := os.WriteFile(path, tt.data, 0o600); err != nil {
				t.Fatal(err)
			}
			for how, src := range map[string]playlist.Source{
				"file":  &File{Path: path},
				"stdin": &Stdin{r: bytes.NewReader(tt.data)},
			} {
				_, err := src.Load(context.Background(), nil)
				if err == nil || !strings.HasSuffix(err.Error(), ": "+tt.want) || playlist.ProblemOf(err) != playlist.NotPlaylist {
					t.Errorf("%s: error %v (%q), want one ending %q", how, err, playlist.ProblemOf(err), tt.want)
				}
				if err != nil && strings.ContainsRune(err.Error(), 0x1f) {
					t.Errorf("%s: error quotes raw bytes: %q", how, err)
				}
			}
		})
	}
}
