package gate

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"

	"github.com/tuner-iptv/tuner/internal/testutil"
)

// countingLive streams until the client leaves and counts its requests.
type countingLive struct{ open, total atomic.Int32 }

func (c *countingLive) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	c.open.Add(1)
	c.total.Add(1)
	defer c.open.Add(-1)
	w.Header().Set("Content-Type", "video/mp2t")
	rc := http.NewResponseController(w)
	for {
		if _, err := w.Write(make([]byte, 1024)); err != nil || rc.Flush() != nil {
			return
		}
		select {
		case <-r.Context().Done():
			return
		case <-time.After(5 * time.Millisecond):
		}
	}
}

func TestLazyOneClientStream(t *testing.T) {
	up := &countingLive{}
	srv := httptest.NewServer(up)
	defer srv.Close()
	g := newGate(t)
	s, err := g.Open(context.Background(), Request{URL: srv.URL + "/live/u/p/1.ts", Lazy: true, OneClient: true})
	if err != nil {
		t.Fatal(err)
	}
	if n := up.total.Load(); n != 0 {
		t.Fatalf("a lazy Open made %d provider requests, want 0", n)
	}

	first, err := http.Get(s.URL())
	if err != nil || first.StatusCode != http.StatusOK {
		t.Fatalf("first client: %v %v", first, err)
	}
	io.ReadFull(first.Body, make([]byte, 512))
	resp, _ := get(t, s.URL())
	if resp.StatusCode != http.StatusConflict {
		t.Errorf("second client got %d, want 409", resp.StatusCode)
	}
	if n := up.total.Load(); n != 1 {
		t.Errorf("%d provider requests with a second client, want 1", n)
	}

	first.Body.Close()
	testutil.Eventually(t, "the provider connection to close with its client", func() bool { return up.open.Load() == 0 })
	select {
	case <-s.Done():
		t.Fatal("the stream ended when its client left; it should wait for the client's return")
	default:
	}
	back, err := http.Get(s.URL())
	if err != nil || back.StatusCode != http.StatusOK {
		t.Fatalf("returning client: %v %v", back, err)
	}
	defer back.Body.Close()
	io.ReadFull(back.Body, make([]byte, 512))
	s.Stop()
	testutil.Eventually(t, "the provider connection to close on Stop", func() bool { return up.open.Load() == 0 })
	if n := up.total.Load(); n != 2 {
		t.Errorf("%d provider requests in all, want 2 (one per client visit)", n)
	}
}
