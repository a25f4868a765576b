package sim_test

import (
	"bytes"
	"net/http"
	"testing"
	"time"

	"github.com/grafov/m3u8"

	"github.com/tuner-iptv/tuner/internal/sim"
)

// openHLS fetches a channel's master playlist and returns its media playlist URL.
func openHLS(t *testing.T, s *sim.Server, id int) string {
	t.Helper()
	code, _, body := getBody(t, s.StreamURL(id, "m3u8"))
	if code != http.StatusOK {
		t.Fatalf("HLS %d: status %d", id, code)
	}
	pl, typ, err := m3u8.DecodeFrom(bytes.NewReader(body), true)
	if err != nil || typ != m3u8.MASTER {
		t.Fatalf("master playlist: %v, type %v:\n%s", err, typ, body)
	}
	master := pl.(*m3u8.MasterPlaylist)
	if len(master.Variants) != 1 || master.Variants[0].Resolution != "320x180" || master.Variants[0].Bandwidth == 0 {
		t.Fatalf("variants %+v, want one 320x180 with a bandwidth", master.Variants)
	}
	return master.Variants[0].URI
}

// mediaPlaylist fetches a media playlist and returns its segment URLs.
func mediaPlaylist(t *testing.T, url string) []string {
	t.Helper()
	code, _, body := getBody(t, url)
	if code != http.StatusOK {
		t.Fatalf("media playlist: status %d", code)
	}
	pl, typ, err := m3u8.DecodeFrom(bytes.NewReader(body), true)
	if err != nil || typ != m3u8.MEDIA {
		t.Fatalf("media playlist: %v, type %v:\n%s", err, typ, body)
	}
	media := pl.(*m3u8.MediaPlaylist)
	var urls []string
	for _, sg := range media.GetAllSegments() {
		urls = append(urls, sg.URI)
	}
	if len(urls) == 0 || media.Closed {
		t.Fatalf("want a live playlist with segments:\n%s", body)
	}
	return urls
}

func TestHLSServesPlayableSegments(t *testing.T) {
	s := start(t, sim.Config{})
	segs := mediaPlaylist(t, openHLS(t, s, 4))
	for _, u := range segs {
		code, h, body := getBody(t, u)
		if code != http.StatusOK || h.Get("Content-Type") != "video/mp2t" {
			t.Fatalf("segment %s: status %d type %q", u, code, h.Get("Content-Type"))
		}
		if len(body) == 0 || len(body)%188 != 0 || body[0] != 0x47 {
			t.Fatalf("segment %s: %d bytes, first %#x; want whole TS packets", u, len(body), body[0])
		}
	}
	c := lastConn(t, s)
	if c.Kind != sim.KindHLS || c.StreamID != 4 || c.Requests != 2+len(segs) || c.Bytes == 0 {
		t.Fatalf("session recorded as %+v", c)
	}
}

func TestHLSGracePeriod(t *testing.T) {
	t0 := time.Date(2026, 5, 1, 20, 0, 0, 0, time.UTC)
	clock := sim.NewFakeClock(t0)
	s := start(t, sim.Config{Clock: clock, HLSGrace: 30 * time.Second})
	media := openHLS(t, s, 1)
	if s.Active() != 1 {
		t.Fatalf("%d active after opening HLS", s.Active())
	}

	clock.Advance(29 * time.Second)
	segs := mediaPlaylist(t, media) // a request renews the grace
	clock.Advance(29 * time.Second)
	if s.Active() != 1 {
		t.Fatal("session ended although requests kept coming")
	}
	clock.Advance(time.Second)
	if s.Active() != 0 {
		t.Fatal("session still counts after the grace period")
	}
	c := lastConn(t, s)
	if want := t0.Add(59 * time.Second); c.Reason != sim.ClosedExpired || !c.Close.Equal(want) {
		t.Fatalf("expired session recorded as %+v, want closed at %v", c, want)
	}

	code, _, _ := getBody(t, segs[0])
	if code != http.StatusUnauthorized {
		t.Fatalf("segment of an expired session: status %d, want 401", code)
	}
	if r := s.Rejections(); len(r) != 1 || r[0].Reason != sim.RejectSessionEnded || r[0].StreamID != 1 {
		t.Fatalf("rejections %+v", r)
	}
	openHLS(t, s, 1)
	if s.Active() != 1 || len(s.Connections()) != 2 {
		t.Fatalf("reopening: %d active of %d", s.Active(), len(s.Connections()))
	}
}

func TestHLSGraceRunsOnRealTime(t *testing.T) {
	s := start(t, sim.Config{HLSGrace: 50 * time.Millisecond})
	openHLS(t, s, 1)
	waitActive(t, s, 0)
	if c := lastConn(t, s); c.Reason != sim.ClosedExpired {
		t.Fatalf("session recorded as %+v", c)
	}
}

func TestHLSReopenReusesTheSession(t *testing.T) {
	s := start(t, sim.Config{Clock: sim.NewFakeClock(time.Unix(1e9, 0))})
	first := openHLS(t, s, 2)
	second := openHLS(t, s, 2)
	if first != second || len(s.Connections()) != 1 {
		t.Fatalf("reopen gave %s after %s with %d connections", second, first, len(s.Connections()))
	}
}

func TestHLSSessionHoldsTheSlotAfterThePlayerStops(t *testing.T) {
	s := start(t, sim.Config{Clock: sim.NewFakeClock(time.Unix(1e9, 0))})
	openHLS(t, s, 1)
	code, _, _ := getBody(t, s.StreamURL(2, "ts"))
	if code != http.StatusUnauthorized {
		t.Fatalf("TS while an HLS session lingers: status %d, want 401", code)
	}
	code, _, _ = getBody(t, s.StreamURL(2, "m3u8"))
	if code != http.StatusUnauthorized {
		t.Fatalf("HLS of another channel while a session lingers: status %d, want 401", code)
	}
}

func TestKickOldestEndsAnHLSSession(t *testing.T) {
	s := start(t, sim.Config{OverLimit: sim.KickOldest, Clock: sim.NewFakeClock(time.Unix(1e9, 0))})
	segs := mediaPlaylist(t, openHLS(t, s, 1))
	openTS(t, s, 2)
	if code, _, _ := getBody(t, segs[0]); code != http.StatusUnauthorized {
		t.Fatalf("segment of a kicked session: status %d, want 401", code)
	}
	if c := s.Connections()[0]; c.Reason != sim.ClosedKicked {
		t.Fatalf("kicked session recorded as %+v", c)
	}
}

func TestHLSUnknownSession(t *testing.T) {
	s := start(t, sim.Config{})
	if code, _, _ := getBody(t, s.URL()+"/hls/0123456789abcdef/index.m3u8"); code != http.StatusNotFound {
		t.Fatalf("unknown session: status %d, want 404", code)
	}
}

func TestBanEndsAnHLSSession(t *testing.T) {
	s := start(t, sim.Config{Clock: sim.NewFakeClock(time.Unix(1e9, 0))})
	segs := mediaPlaylist(t, openHLS(t, s, 1))
	s.SetStatus(sim.Banned)
	if code, _, _ := getBody(t, segs[0]); code != http.StatusForbidden {
		t.Fatalf("segment after a ban: status %d, want 403", code)
	}
	if c := lastConn(t, s); c.Reason != sim.ClosedStatus || s.Active() != 0 {
		t.Fatalf("session after a ban: %+v", c)
	}
}
