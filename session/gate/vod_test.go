package gate

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/tuner-iptv/tuner/internal/sim"
)

func startMovieSim(t *testing.T) *sim.Server {
	t.Helper()
	s := sim.New(sim.Config{MaxConnections: 1, Movies: 2, VODLength: 10 * time.Minute})
	if err := s.Start("127.0.0.1:0"); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(s.Close)
	return s
}

func ranged(t *testing.T, url string, from int64) *http.Response {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, url, nil)
	req.Header.Set("Range", fmt.Sprintf("bytes=%d-", from))
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	return resp
}

// TestRapidSeeksKeepOneConnection: a player seeking ten times in a row
// opens each ranged request before it hangs up the last, as mpv does. The
// one-slot panel never sees two connections and refuses none; every answer
// is the 206 of the range asked for, and the stream lives on.
func TestRapidSeeksKeepOneConnection(t *testing.T) {
	s := startMovieSim(t)
	mv, _ := s.Movie(0)
	st, err := newGate(t).Open(context.Background(), Request{URL: s.MovieURL(mv.ID, "ts"), File: true})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Stop()
	prev := ranged(t, st.URL(), 0)
	size, _ := strconv.ParseInt(prev.Header.Get("Content-Length"), 10, 64)
	if prev.StatusCode != http.StatusOK || size <= 0 || prev.Header.Get("Accept-Ranges") != "bytes" {
		t.Fatalf("first answer %d, length %d, Accept-Ranges %q", prev.StatusCode, size, prev.Header.Get("Accept-Ranges"))
	}
	io.ReadFull(prev.Body, make([]byte, 64<<10))
	const seeks = 10
	for i := 1; i <= seeks; i++ {
		from := size * int64(i%seeks) / seeks / 188 * 188
		next := ranged(t, st.URL(), from)
		prev.Body.Close()
		want := fmt.Sprintf("bytes %d-%d/%d", from, size-1, size)
		if next.StatusCode != http.StatusPartialContent || next.Header.Get("Content-Range") != want {
			t.Fatalf("seek %d: %d %q, want 206 %q", i, next.StatusCode, next.Header.Get("Content-Range"), want)
		}
		if _, err := io.ReadFull(next.Body, make([]byte, 16<<10)); err != nil {
			t.Fatalf("seek %d: %v", i, err)
		}
		prev = next
	}
	prev.Body.Close()
	if p := s.Peak(); p != 1 {
		t.Errorf("the panel saw %d connections at once, want 1", p)
	}
	if rej := s.Rejections(); len(rej) != 0 {
		t.Errorf("the panel refused %d requests: %+v", len(rej), rej[0])
	}
	select {
	case <-st.Done():
		_, _, err := st.Ended()
		t.Fatalf("the stream ended while the player seeked: %v", err)
	default:
	}
	t.Logf("%d seeks: peak %d connection(s), %d refused", seeks, s.Peak(), len(s.Rejections()))
}

// TestFileEndIsNotTheStreamsEnd: a player that read a movie to its last
// byte may still seek back; the stream lives on until it is stopped.
func TestFileEndIsNotTheStreamsEnd(t *testing.T) {
	s := sim.New(sim.Config{MaxConnections: 1, Movies: 1, VODLength: 2 * time.Second})
	if err := s.Start("127.0.0.1:0"); err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	mv, _ := s.Movie(0)
	st, err := newGate(t).Open(context.Background(), Request{URL: s.MovieURL(mv.ID, "ts"), File: true})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Stop()
	resp, body := get(t, st.URL())
	if resp.StatusCode != http.StatusOK || int64(len(body)) != resp.ContentLength {
		t.Fatalf("the whole file: %d, %d of %d bytes", resp.StatusCode, len(body), resp.ContentLength)
	}
	back := ranged(t, st.URL(), 188*100)
	defer back.Body.Close()
	if back.StatusCode != http.StatusPartialContent {
		t.Fatalf("seeking back after the end: %d", back.StatusCode)
	}
	select {
	case <-st.Done():
		_, _, err := st.Ended()
		t.Fatalf("the stream ended with the file: %v", err)
	default:
	}
}

// TestFirstRangeIsNotTheHeldStart: Open keeps the file's first bytes for
// the player; a player whose first request asks for a later range gets
// that range, not the start under its offset.
func TestFirstRangeIsNotTheHeldStart(t *testing.T) {
	s := startMovieSim(t)
	mv, _ := s.Movie(1)
	st, err := newGate(t).Open(context.Background(), Request{URL: s.MovieURL(mv.ID, "ts"), File: true})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Stop()
	resp := ranged(t, st.URL(), 188*1000)
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusPartialContent || !strings.HasPrefix(resp.Header.Get("Content-Range"), "bytes 188000-") {
		t.Fatalf("first request for a later range: %d %q", resp.StatusCode, resp.Header.Get("Content-Range"))
	}
	if p := s.Peak(); p != 1 {
		t.Errorf("peak %d connections", p)
	}
}
