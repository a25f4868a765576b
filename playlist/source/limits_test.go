package source

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"runtime"
	"strings"
	"testing"

	"github.com/tuner-iptv/tuner/playlist"
	"github.com/tuner-iptv/tuner/playlist/remote"
)

// endless repeats pat for ever and counts what was read.
type endless struct {
	pat  string
	read int64
}

func (e *endless) Read(b []byte) (int, error) {
	for i := range b {
		b[i] = e.pat[(e.read+int64(i))%int64(len(e.pat))]
	}
	e.read += int64(len(b))
	return len(b), nil
}

func heapGrowth(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

func wantLimit(t *testing.T, err error, want string) {
	t.Helper()
	if playlist.ProblemOf(err) != playlist.TooLarge || err.Error() != want {
		t.Fatalf("error %v, want %q (TooLarge)", err, want)
	}
}

func TestStdinIsReadWithTheDownloadCap(t *testing.T) {
	for _, pat := range []string{"\x00", "x\n"} {
		in := &endless{pat: pat}
		src, err := Parse("-", Options{Stdin: in, HTTP: remote.Options{MaxBytes: 1 << 20}})
		if err != nil {
			t.Fatal(err)
		}
		_, err = src.Load(context.Background(), nil)
		wantLimit(t, err, "stdin: too large (over 1 MB)")
		if in.read > 2<<20 {
			t.Errorf("%q: read %d bytes past a 1 MB cap", pat, in.read)
		}
	}
}

func TestDevZeroAsAPlaylistEndsAtTheLineCap(t *testing.T) {
	if _, err := os.Stat("/dev/zero"); err != nil {
		t.Skip("no /dev/zero on this system")
	}
	src, err := Parse("/dev/zero", Options{})
	if err != nil {
		t.Fatal(err)
	}
	n := heapGrowth(func() { _, err = src.Load(context.Background(), nil) })
	wantLimit(t, err, "/dev/zero: line 1 is longer than 16 MB (not a playlist?)")
	if n > 64<<20 {
		t.Errorf("allocated %d MB for /dev/zero", n>>20)
	}
}

func TestURLWithOneEndlessLineEndsAtTheLineCap(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(w, &endless{pat: "#EXTM3U "})
	}))
	defer srv.Close()
	src, err := Parse(srv.URL+"/list.m3u", Options{})
	if err != nil {
		t.Fatal(err)
	}
	n := heapGrowth(func() { _, err = src.Load(context.Background(), nil) })
	host := strings.TrimPrefix(srv.URL, "http://")
	wantLimit(t, err, host+"/list.m3u: line 1 is longer than 16 MB (not a playlist?)")
	if n > 96<<20 {
		t.Errorf("allocated %d MB for one line", n>>20)
	}
}
