package gate

import (
	"bufio"
	"context"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"testing"
	"time"
)

// playing opens a live stream through g and a first client reading it.
func playing(t *testing.T, g *Gate) (*Stream, *endless, io.ReadCloser) {
	t.Helper()
	e := &endless{closed: make(chan struct{})}
	up := httptest.NewServer(e)
	t.Cleanup(up.Close)
	s, err := g.Open(context.Background(), Request{URL: up.URL + "/live/u/p/1.ts"})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(s.Stop)
	first, err := http.Get(s.URL())
	if err != nil || first.StatusCode != http.StatusOK {
		t.Fatalf("first client: %v %v", first, err)
	}
	t.Cleanup(func() { first.Body.Close() })
	io.ReadFull(first.Body, make([]byte, 4000))
	return s, e, first.Body
}

// stillPlays fails the test when the first client's stream was disturbed.
func stillPlays(t *testing.T, s *Stream, e *endless, first io.Reader) {
	t.Helper()
	if _, err := io.ReadFull(first, make([]byte, 20000)); err != nil {
		t.Fatalf("the first client's stream broke: %v", err)
	}
	select {
	case <-s.Done():
		_, _, err := s.Ended()
		t.Fatalf("the stream ended: %v", err)
	case <-e.closed:
		t.Fatal("the provider connection of the first client was closed")
	default:
	}
}

func TestASecondClientIsRefusedAndTheFirstPlays(t *testing.T) {
	s, e, first := playing(t, newGate(t))
	other := strings.TrimSuffix(s.URL(), "media.ts") + "anything"
	for _, url := range []string{s.URL(), other} {
		resp, err := http.Get(url)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close() // a stream taken over would never end
		if resp.StatusCode != http.StatusConflict {
			t.Errorf("a second client of %s got %d, want 409", url, resp.StatusCode)
		}
	}
	stillPlays(t, s, e, first)
	if n := e.total.Load(); n != 1 {
		t.Errorf("the provider saw %d requests, want 1", n)
	}
}

// strangers answers for the users of client connections: those in the set
// are another user's.
type strangers struct {
	mu    sync.Mutex
	addrs map[string]bool
}

func (st *strangers) uid(client, _ string) (int, bool) {
	st.mu.Lock()
	defer st.mu.Unlock()
	if st.addrs[client] {
		return os.Getuid() + 1, true
	}
	return os.Getuid(), true
}

func TestAStrangerCannotTouchAStream(t *testing.T) {
	st := &strangers{addrs: map[string]bool{}}
	g, err := start(0, Limits{}, st.uid)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { g.Close() })
	s, e, first := playing(t, g)
	part := strings.Replace(s.URL(), "/0/", "/1/", 1)
	for _, tc := range []struct{ url, rng string }{{s.URL(), ""}, {s.URL(), "bytes=0-"}, {part, ""}} {
		c, err := net.Dial("tcp", g.Addr())
		if err != nil {
			t.Fatal(err)
		}
		st.mu.Lock()
		st.addrs[c.LocalAddr().String()] = true
		st.mu.Unlock()
		req, _ := http.NewRequest("GET", tc.url, nil)
		if tc.rng != "" {
			req.Header.Set("Range", tc.rng)
		}
		req.Write(c)
		c.SetReadDeadline(time.Now().Add(10 * time.Second))
		resp, err := http.ReadResponse(bufio.NewReader(c), req)
		if err != nil || resp.StatusCode != http.StatusForbidden {
			t.Errorf("a stranger's %s (Range %q): %v %v, want 403", tc.url, tc.rng, resp, err)
		}
		c.Close()
	}
	stillPlays(t, s, e, first)
}
