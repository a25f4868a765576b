package gate

import (
	"bufio"
	"bytes"
	"context"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"

	"github.com/tuner-iptv/tuner/internal/testutil"
)

// provider serves endless TS whose every byte is the channel's number, and
// counts its open connections across channels like an account's one slot.
type provider struct{ open, peak atomic.Int32 }

func (p *provider) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	n := p.open.Add(1)
	defer p.open.Add(-1)
	for m := p.peak.Load(); n > m && !p.peak.CompareAndSwap(m, n); m = p.peak.Load() {
	}
	mark := r.URL.Path[len(r.URL.Path)-4] // "/live/u/p/3.ts" -> '3'
	w.Header().Set("Content-Type", "video/mp2t")
	rc := http.NewResponseController(w)
	for {
		if _, err := w.Write(bytes.Repeat([]byte{mark}, 1880)); err != nil || rc.Flush() != nil {
			return
		}
		select {
		case <-r.Context().Done():
			return
		case <-time.After(5 * time.Millisecond):
		}
	}
}

func liveOpen(t *testing.T, g *Gate, up string, ch int) *Stream {
	t.Helper()
	s, err := g.Open(context.Background(), Request{URL: up + "/live/u/p/" + string(rune('0'+ch)) + ".ts",
		Lazy: true, OneClient: true, Live: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(s.Stop)
	return s
}

// readUntil reads r until it sees mark, failing after a generous amount.
func readUntil(t *testing.T, r io.Reader, mark byte) {
	t.Helper()
	buf := make([]byte, 1880)
	for range 2000 {
		n, err := r.Read(buf)
		if bytes.IndexByte(buf[:n], mark) >= 0 {
			return
		}
		if err != nil {
			t.Fatalf("the live stream ended before channel %c: %v", mark, err)
		}
	}
	t.Fatalf("channel %c never arrived", mark)
}

func TestTheLiveURLFollowsAZapOnTheSameConnection(t *testing.T) {
	p := &provider{}
	up := httptest.NewServer(p)
	defer up.Close()
	g := newGate(t)
	s1 := liveOpen(t, g, up.URL, 1)
	url := s1.LiveURL()
	if s1.Viewer() {
		t.Error("a viewer before any player connected")
	}
	resp, err := http.Get(url)
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("live URL: %v %v", resp, err)
	}
	defer resp.Body.Close()
	readUntil(t, resp.Body, '1')
	if !s1.Viewer() {
		t.Error("no viewer while a player reads the live URL")
	}

	s1.Stop() // the zap: the old upstream closes before the new one opens
	testutil.Eventually(t, "the provider to see the close", func() bool { return p.open.Load() == 0 })
	s2 := liveOpen(t, g, up.URL, 2)
	if s2.LiveURL() != url {
		t.Errorf("live URL changed on a zap: %s, then %s", url, s2.LiveURL())
	}
	readUntil(t, resp.Body, '2')
	if !s2.Viewer() {
		t.Error("no viewer after the zap")
	}
	if pk := p.peak.Load(); pk != 1 {
		t.Errorf("the provider saw %d connections at once, want 1", pk)
	}

	resp.Body.Close()
	testutil.Eventually(t, "the viewer to be gone", func() bool { return !s2.Viewer() })
	testutil.Eventually(t, "the provider connection to close", func() bool { return p.open.Load() == 0 })
}

func TestTheLiveURLServesOneClient(t *testing.T) {
	st := &strangers{addrs: map[string]bool{}}
	g, err := start(0, Limits{}, st.uid)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { g.Close() })
	p := &provider{}
	up := httptest.NewServer(p)
	defer up.Close()
	s := liveOpen(t, g, up.URL, 1)
	first, err := http.Get(s.LiveURL())
	if err != nil || first.StatusCode != http.StatusOK {
		t.Fatalf("first player: %v %v", first, err)
	}
	defer first.Body.Close()
	readUntil(t, first.Body, '1')

	second, err := http.Get(s.LiveURL())
	if err != nil {
		t.Fatal(err)
	}
	second.Body.Close()
	if second.StatusCode != http.StatusConflict {
		t.Errorf("a second player got %d, want 409", second.StatusCode)
	}

	c, err := net.Dial("tcp", g.Addr())
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	st.mu.Lock()
	st.addrs[c.LocalAddr().String()] = true
	st.mu.Unlock()
	req, _ := http.NewRequest("GET", s.LiveURL(), nil)
	req.Write(c)
	c.SetReadDeadline(time.Now().Add(10 * time.Second))
	if resp, err := http.ReadResponse(bufio.NewReader(c), req); err != nil || resp.StatusCode != http.StatusForbidden {
		t.Errorf("a stranger on the live URL: %v %v, want 403", resp, err)
	}
	readUntil(t, first.Body, '1')
	if pk := p.peak.Load(); pk != 1 {
		t.Errorf("the provider saw %d connections at once, want 1", pk)
	}
}

func TestTheLiveURLOfAnotherGateIsUnknown(t *testing.T) {
	g, other := newGate(t), newGate(t)
	resp, err := http.Get("http://" + g.Addr() + "/live/" + other.liveToken + "/live.ts")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusNotFound {
		t.Errorf("another gate's live token got %d, want 404", resp.StatusCode)
	}
}

func TestTheLiveM3U8ServesTheCurrentChannelsPlaylist(t *testing.T) {
	up := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/vnd.apple.mpegurl")
		io.WriteString(w, "#EXTM3U\n#EXT-X-TARGETDURATION:2\n#EXTINF:2,\n"+r.URL.Path[1:2]+"-seg.ts\n")
	}))
	defer up.Close()
	g := newGate(t)
	open := func(ch string) *Stream {
		s, err := g.Open(context.Background(), Request{URL: up.URL + "/" + ch + "/index.m3u8", Lazy: true, OneClient: true, Live: true})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(s.Stop)
		return s
	}
	get := func(url string) string {
		resp, err := http.Get(url)
		if err != nil || resp.StatusCode != http.StatusOK {
			t.Fatalf("%s: %v %v", url, resp, err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return string(b)
	}
	s1 := open("a")
	url := s1.LiveURL()
	if !bytes.HasSuffix([]byte(url), []byte("/live.m3u8")) {
		t.Errorf("live URL of an HLS channel %s, want live.m3u8", url)
	}
	if pl := get(url); !bytes.Contains([]byte(pl), []byte("/s/"+s1.token+"/")) {
		t.Errorf("first channel's playlist does not point at its segments: %q", pl)
	}
	if !s1.Viewer() {
		t.Error("no viewer right after a playlist request")
	}
	s1.Stop()
	s2 := open("b")
	if pl := get(url); !bytes.Contains([]byte(pl), []byte("/s/"+s2.token+"/")) {
		t.Errorf("after the zap the live playlist is not the new channel's: %q", pl)
	}
}

func TestEndLiveEndsTheResponseInsteadOfWaitingForAZap(t *testing.T) {
	p := &provider{}
	up := httptest.NewServer(p)
	defer up.Close()
	g := newGate(t)
	s1 := liveOpen(t, g, up.URL, 1)
	resp, err := http.Get(s1.LiveURL())
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("live URL: %v %v", resp, err)
	}
	defer resp.Body.Close()
	readUntil(t, resp.Body, '1')
	s1.Stop()
	g.EndLive()
	liveOpen(t, g, up.URL, 2) // the next Play, after a stop: a new start for the player
	buf := make([]byte, 1880)
	for {
		n, err := resp.Body.Read(buf)
		if bytes.IndexByte(buf[:n], '2') >= 0 {
			t.Fatal("after EndLive the response carried on with the next channel")
		}
		if err != nil {
			return
		}
	}
}
