package sim_test

import (
	"bytes"
	"io"
	"net/http"
	"strconv"
	"testing"
	"time"

	"github.com/tuner-iptv/tuner/internal/sim"
)

func vodServer(t *testing.T) *sim.Server {
	return start(t, sim.Config{VODLength: 16 * time.Second})
}

// sizeOf asks for a file's size with HEAD.
func sizeOf(t *testing.T, url string) int {
	t.Helper()
	req, _ := http.NewRequestWithContext(bounded(t), http.MethodHead, url, nil)
	resp, err := client().Do(req)
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("HEAD %v %v", resp, err)
	}
	resp.Body.Close()
	return int(resp.ContentLength)
}

func firstMovie(t *testing.T, s *sim.Server) string {
	t.Helper()
	m, _ := s.Movie(0)
	return s.MovieURL(m.ID, m.Container)
}

func TestMovieFileAnswersRanges(t *testing.T) {
	s := vodServer(t)
	url := firstMovie(t, s)
	size := sizeOf(t, url)
	clipSize := size / 2 // VODLength 16 s is two loops of the 8 s clip
	if clipSize%188 != 0 || clipSize < 100_000 {
		t.Fatalf("file size %d is not two loops of a clip", size)
	}

	resp := get(t, url)
	if resp.StatusCode != http.StatusOK || resp.Header.Get("Accept-Ranges") != "bytes" || resp.ContentLength != int64(size) {
		t.Fatalf("whole file: %d, Accept-Ranges %q, length %d, want 200, bytes, %d",
			resp.StatusCode, resp.Header.Get("Accept-Ranges"), resp.ContentLength, size)
	}
	resp.Body.Close()
	waitActive(t, s, 0)

	// Across the loop boundary: a later range is the tail of an earlier one.
	from := clipSize - 10_000
	resp, wide := ranged(t, url, "bytes="+strconv.Itoa(from)+"-"+strconv.Itoa(from+19_999))
	if resp.StatusCode != http.StatusPartialContent || len(wide) != 20_000 {
		t.Fatalf("range: status %d, %d bytes", resp.StatusCode, len(wide))
	}
	if got, want := resp.Header.Get("Content-Range"), "bytes "+strconv.Itoa(from)+"-"+strconv.Itoa(from+19_999)+"/"+strconv.Itoa(size); got != want {
		t.Fatalf("Content-Range %q, want %q", got, want)
	}
	// The client can read the last byte before the panel has counted the
	// response done; one slot allows the next request only after that.
	waitActive(t, s, 0)
	resp, narrow := ranged(t, url, "bytes="+strconv.Itoa(clipSize+1)+"-"+strconv.Itoa(from+19_999))
	if resp.StatusCode != http.StatusPartialContent {
		t.Fatalf("second range: status %d", resp.StatusCode)
	}
	if !bytes.Equal(narrow, wide[10_001:]) {
		t.Fatal("the same bytes read from two offsets differ")
	}
	if wide[10_000] != 0x47 || wide[10_000+188] != 0x47 {
		t.Fatal("the second loop does not start with a packet")
	}

	// The last bytes, and the response ends on its own.
	waitActive(t, s, 0)
	resp, tail := ranged(t, url, "bytes=-1000")
	if resp.StatusCode != http.StatusPartialContent || len(tail) != 1000 ||
		resp.Header.Get("Content-Range") != "bytes "+strconv.Itoa(size-1000)+"-"+strconv.Itoa(size-1)+"/"+strconv.Itoa(size) {
		t.Fatalf("suffix: %d, %d bytes, %q", resp.StatusCode, len(tail), resp.Header.Get("Content-Range"))
	}
	waitActive(t, s, 0)
	if c := lastConn(t, s); c.Kind != sim.KindMovie || c.Reason != sim.ClosedDone || c.Range != "bytes=-1000" || c.Bytes != 1000 {
		t.Fatalf("finished response recorded as %+v", c)
	}
	if p := s.Peak(); p != 1 {
		t.Fatalf("peak %d connections, one request at a time", p)
	}
}

func TestMovieRangePastTheEndIs416(t *testing.T) {
	s := vodServer(t)
	size := strconv.Itoa(sizeOf(t, firstMovie(t, s)))
	for _, rng := range []string{"bytes=" + size + "-", "bytes=-0"} { // refused before a slot is taken
		resp, _ := ranged(t, firstMovie(t, s), rng)
		if resp.StatusCode != http.StatusRequestedRangeNotSatisfiable || resp.Header.Get("Content-Range") != "bytes */"+size {
			t.Fatalf("%s: %d, Content-Range %q", rng, resp.StatusCode, resp.Header.Get("Content-Range"))
		}
	}
	if len(s.Connections()) != 0 {
		t.Fatalf("an unsatisfiable range took a slot: %+v", s.Connections())
	}
	if rej := s.Rejections(); len(rej) != 2 || rej[0].Reason != sim.RejectRange || rej[0].Kind != sim.KindMovie {
		t.Fatalf("rejections %+v", rej)
	}
	// A malformed or multiple range is ignored, as RFC 9110 allows.
	for _, rng := range []string{"bytes=abc", "bytes=0-1,5-9", "items=0-9"} {
		resp := getWithRange(t, firstMovie(t, s), rng)
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("%s: status %d, want the whole file", rng, resp.StatusCode)
		}
		resp.Body.Close()
		waitActive(t, s, 0)
	}
}

func getWithRange(t *testing.T, url, rng string) *http.Response {
	t.Helper()
	req, _ := http.NewRequestWithContext(bounded(t), http.MethodGet, url, nil)
	req.Header.Set("Range", rng)
	resp, err := client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	return resp
}

func TestMovieHoldsASlotUntilItsClientLeaves(t *testing.T) {
	s := vodServer(t)
	e, _ := s.Episode(1, 1, 1)
	for _, url := range []string{firstMovie(t, s), s.EpisodeURL(e.ID, "mkv")} {
		resp := getWithRange(t, url, "bytes=0-")
		if resp.StatusCode != http.StatusPartialContent {
			t.Fatalf("%d", resp.StatusCode)
		}
		if _, err := io.ReadFull(resp.Body, make([]byte, 4096)); err != nil {
			t.Fatal(err)
		}
		waitActive(t, s, 1)
		// The account's one slot is taken: a live stream and a seek are refused.
		if code, _, _ := getBody(t, s.StreamURL(1, "ts")); code != http.StatusUnauthorized {
			t.Fatalf("live while a title plays: %d", code)
		}
		if resp2 := getWithRange(t, url, "bytes=100000-"); resp2.StatusCode != http.StatusUnauthorized ||
			resp2.Header.Get("Content-Range") != "" || resp2.Header.Get("Accept-Ranges") != "" {
			t.Fatalf("a second ranged request: %d %v", resp2.StatusCode, resp2.Header)
		} else {
			resp2.Body.Close()
		}
		resp.Body.Close()
		waitActive(t, s, 0)
		if c := lastConn(t, s); c.Reason != sim.ClosedByClient || c.Range != "bytes=0-" {
			t.Fatalf("closed by its client, recorded as %+v", c)
		}
	}
	rej := s.Rejections()
	if len(rej) != 4 || rej[1].Reason != sim.RejectLimit || rej[1].Kind != sim.KindMovie || rej[3].Kind != sim.KindEpisode {
		t.Fatalf("rejections %+v", rej)
	}
	if s.Peak() != 1 {
		t.Fatalf("peak %d", s.Peak())
	}
}

// A player that closes before it seeks holds one slot however often it seeks.
func TestSeeksThatCloseFirstNeverHoldTwo(t *testing.T) {
	s := vodServer(t)
	url := firstMovie(t, s)
	for i := range 10 {
		from := i * 25_000
		resp := getWithRange(t, url, "bytes="+strconv.Itoa(from)+"-")
		if resp.StatusCode != http.StatusPartialContent {
			t.Fatalf("seek %d: %d", i, resp.StatusCode)
		}
		if _, err := io.ReadFull(resp.Body, make([]byte, 1000)); err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		waitActive(t, s, 0)
	}
	conns := s.Connections()
	if len(conns) != 10 || s.Peak() != 1 || len(s.Rejections()) != 0 {
		t.Fatalf("%d connections, peak %d, rejections %+v", len(conns), s.Peak(), s.Rejections())
	}
	if conns[9].Range != "bytes=225000-" {
		t.Fatalf("last seek recorded as %+v", conns[9])
	}
}

func TestVODFileRefusals(t *testing.T) {
	s := vodServer(t)
	m, _ := s.Movie(0)
	tests := []struct {
		name, url string
		status    int
		reason    sim.Reason
	}{
		{"wrong password", s.URL() + "/movie/demo/wrong/" + strconv.Itoa(m.ID) + ".mkv", http.StatusUnauthorized, sim.RejectCredentials},
		{"unknown movie", s.MovieURL(5, "mp4"), http.StatusNotFound, sim.RejectNotFound},
		{"a channel id is no episode", s.EpisodeURL(1, "mp4"), http.StatusNotFound, sim.RejectNotFound},
		{"episode past its season", s.EpisodeURL(50_000_000+1*50+99, "mp4"), http.StatusNotFound, sim.RejectNotFound},
	}
	for _, tt := range tests {
		code, _, _ := getBody(t, tt.url)
		rej := s.Rejections()
		if code != tt.status || rej[len(rej)-1].Reason != tt.reason {
			t.Errorf("%s: %d %+v, want %d %s", tt.name, code, rej[len(rej)-1], tt.status, tt.reason)
		}
	}
	// Any extension is the same file, as on panels.
	resp, b := ranged(t, s.MovieURL(m.ID, "avi"), "bytes=0-187")
	if resp.StatusCode != http.StatusPartialContent || len(b) != 188 || b[0] != 0x47 {
		t.Fatalf("other extension: %d, %d bytes", resp.StatusCode, len(b))
	}
	// HEAD says the size without taking a slot.
	if size := sizeOf(t, s.MovieURL(m.ID, "mkv")); size < 2*188 {
		t.Fatalf("HEAD: size %d", size)
	}
	if n := len(s.Connections()); n != 1 {
		t.Fatalf("%d connections; HEAD takes none", n)
	}
}
