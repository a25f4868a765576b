package gate

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

const secret = "s3cr3tpass"

func newGate(t *testing.T) *Gate {
	t.Helper()
	g, err := New()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { g.Close() })
	return g
}

// within fails the test when ch does not close in a generous time; it guards
// against hangs and asserts nothing about speed.
func within(t *testing.T, ch <-chan struct{}, what string) {
	t.Helper()
	select {
	case <-ch:
	case <-time.After(10 * time.Second):
		t.Fatalf("timed out waiting for %s", what)
	}
}

func get(t *testing.T, url string) (*http.Response, []byte) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp, b
}

func TestRefusalIsCaptured(t *testing.T) {
	long := strings.Repeat("x", 5000)
	tests := []struct {
		name   string
		status int
		header string
		body   string
	}{
		{"401 without WWW-Authenticate", 401, "", ""},
		{"401 with a scheme", 401, `Basic realm="panel"`, "Unauthorized"},
		{"403 forbidden", 403, "", "account expired"},
		{"404 channel gone", 404, "", "not found"},
		{"502 server fault", 502, "", long},
		{"404 quoting the URL", 404, "", "no stream at /live/alice/***/7.ts"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			up := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if tt.header != "" {
					w.Header().Set("WWW-Authenticate", tt.header)
				}
				w.Header().Set("X-Panel", "xc")
				w.WriteHeader(tt.status)
				io.WriteString(w, strings.ReplaceAll(tt.body, "***", secret))
			}))
			defer up.Close()
			g := newGate(t)
			s, err := g.Open(context.Background(), Request{URL: up.URL + "/live/alice/" + secret + "/7.ts"})
			var re *RefusedError
			if !errors.As(err, &re) || s != nil {
				t.Fatalf("Open = %v, %v; want a refusal", s, err)
			}
			ref := re.Refusal
			if ref.Status != tt.status || ref.Header.Get("X-Panel") != "xc" || ref.Header.Get("WWW-Authenticate") != tt.header {
				t.Errorf("refusal status/headers = %d %v", ref.Status, ref.Header)
			}
			want := tt.body
			if len(want) > BodyExcerpt {
				want = want[:BodyExcerpt]
			}
			if string(ref.Body) != want {
				t.Errorf("body excerpt has %d bytes, want %d", len(ref.Body), len(want))
			}
			if ref.Resource != "stream" || ref.At.IsZero() {
				t.Errorf("refusal = %+v", ref)
			}
			if strings.Contains(ref.URL, secret) || strings.Contains(err.Error(), secret) || !strings.Contains(ref.URL, "/live/alice/***/7.ts") {
				t.Errorf("password not masked: %q / %q", ref.URL, err)
			}
		})
	}
}

func TestNetworkFailureIsMasked(t *testing.T) {
	up := httptest.NewServer(http.NotFoundHandler())
	url := up.URL + "/live/alice/" + secret + "/7.ts"
	up.Close() // nothing listens any more
	_, err := newGate(t).Open(context.Background(), Request{URL: url})
	var re *RefusedError
	if !errors.As(err, &re) || re.Refusal.Err == nil || re.Refusal.Status != 0 {
		t.Fatalf("Open = %v; want a network refusal", err)
	}
	if strings.Contains(re.Refusal.Err.Error(), secret) {
		t.Errorf("error text shows the password: %v", re.Refusal.Err)
	}
}

func TestHeadersRedirectsAndPassThrough(t *testing.T) {
	payload := bytes.Repeat([]byte("TS-PACKET"), 10000)
	var gotUA, gotRef atomic.Value
	up := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/start.ts" {
			http.Redirect(w, r, "/live/alice/"+secret+"/7.ts", http.StatusFound)
			return
		}
		gotUA.Store(r.UserAgent())
		gotRef.Store(r.Referer())
		w.Header().Set("Content-Type", "video/mp2t")
		w.Header().Set("Set-Cookie", "panel=1")
		w.Write(payload)
	}))
	defer up.Close()
	g := newGate(t)
	h := http.Header{"User-Agent": {"VLC/3.0"}, "Referer": {"http://ref.example/"}}
	s, err := g.Open(context.Background(), Request{URL: up.URL + "/start.ts", Header: h})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(s.URL(), secret) || strings.Contains(s.URL(), strings.TrimPrefix(up.URL, "http://")) {
		t.Fatalf("gate URL leaks the provider: %s", s.URL())
	}
	resp, body := get(t, s.URL())
	if !bytes.Equal(body, payload) {
		t.Errorf("passed %d bytes, want %d", len(body), len(payload))
	}
	if resp.Header.Get("Content-Type") != "video/mp2t" || resp.Header.Get("Set-Cookie") != "" {
		t.Errorf("player saw headers %v", resp.Header)
	}
	if gotUA.Load() != "VLC/3.0" || gotRef.Load() != "http://ref.example/" {
		t.Errorf("provider saw User-Agent %q Referer %q", gotUA.Load(), gotRef.Load())
	}
	within(t, s.FirstByte(), "first byte")
	within(t, s.Done(), "end of a finished stream")
	if _, _, err := s.Ended(); !errors.Is(err, ErrUpstreamClosed) {
		t.Errorf("ended with %v, want the provider's close", err)
	}
}

// endless serves a live stream until the client goes away and counts how
// many requests are open at once.
type endless struct {
	open, max, total atomic.Int32
	closed           chan struct{}
	once             sync.Once
}

func (e *endless) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	n := e.open.Add(1)
	e.total.Add(1)
	for {
		m := e.max.Load()
		if n <= m || e.max.CompareAndSwap(m, n) {
			break
		}
	}
	defer func() {
		e.open.Add(-1)
		e.once.Do(func() { close(e.closed) })
	}()
	w.Header().Set("Content-Type", "video/mp2t")
	rc := http.NewResponseController(w)
	for {
		if _, err := w.Write(make([]byte, 1880)); err != nil {
			return
		}
		if rc.Flush() != nil {
			return
		}
		select {
		case <-r.Context().Done():
			return
		case <-time.After(10 * time.Millisecond):
		}
	}
}

func TestStopClosesUpstreamWhateverThePlayerDoes(t *testing.T) {
	e := &endless{closed: make(chan struct{})}
	up := httptest.NewServer(e)
	defer up.Close()
	g := newGate(t)
	s, err := g.Open(context.Background(), Request{URL: up.URL + "/live/a/b/1.ts"})
	if err != nil {
		t.Fatal(err)
	}
	resp, err := http.Get(s.URL())
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close() // a player that keeps reading, never hangs up
	io.ReadFull(resp.Body, make([]byte, 4000))
	within(t, s.FirstByte(), "first byte")

	s.Stop()
	within(t, e.closed, "the provider to see its connection close")
	within(t, s.Done(), "Done after Stop")
	if s.Upstream() != 0 || s.StoppedAt().IsZero() {
		t.Errorf("after Stop: %d upstream connections, stopped at %v", s.Upstream(), s.StoppedAt())
	}
	r2, err := http.Get(s.URL())
	if err != nil {
		t.Fatal(err)
	}
	r2.Body.Close()
	if r2.StatusCode == http.StatusOK || e.total.Load() != 1 {
		t.Errorf("after Stop the player got %d and the provider saw %d requests", r2.StatusCode, e.total.Load())
	}
}

func TestPlayerReconnectKeepsOneUpstream(t *testing.T) {
	e := &endless{closed: make(chan struct{})}
	up := httptest.NewServer(e)
	defer up.Close()
	s, err := newGate(t).Open(context.Background(), Request{URL: up.URL + "/1.ts"})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Stop()
	first, err := http.Get(s.URL())
	if err != nil {
		t.Fatal(err)
	}
	io.ReadFull(first.Body, make([]byte, 4000))
	// The player seeks, or reconnects as ffmpeg does, with a Range request,
	// without hanging up the first request.
	req, _ := http.NewRequest("GET", s.URL(), nil)
	req.Header.Set("Range", "bytes=4000-")
	second, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	// The gate closed the first provider connection before opening the second.
	within(t, e.closed, "the first provider connection to close")
	io.ReadFull(second.Body, make([]byte, 4000))
	select {
	case <-s.Done():
		_, _, err := s.Ended()
		t.Fatalf("the stream ended when the player seeked: %v", err)
	default:
	}
	first.Body.Close()
	second.Body.Close()
	if e.total.Load() != 2 || s.Upstream() != 1 {
		t.Errorf("provider saw %d requests, gate holds %d connections; want 2 and 1", e.total.Load(), s.Upstream())
	}
}
