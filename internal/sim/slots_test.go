package sim_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptrace"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tuner-iptv/tuner/internal/sim"
)

func TestTSConnectionIsRecordedFromOpenToClose(t *testing.T) {
	s := start(t, sim.Config{})
	var local string
	trace := &httptrace.ClientTrace{GotConn: func(i httptrace.GotConnInfo) { local = i.Conn.LocalAddr().String() }}
	req, _ := http.NewRequestWithContext(httptrace.WithClientTrace(bounded(t), trace), http.MethodGet, s.StreamURL(7, "ts"), nil)
	resp, err := client().Do(req)
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("stream: %v %v", resp, err)
	}
	defer resp.Body.Close()
	if _, err := io.ReadFull(resp.Body, make([]byte, 188*4)); err != nil {
		t.Fatal(err)
	}
	waitActive(t, s, 1)
	c := lastConn(t, s)
	if c.Kind != sim.KindTS || c.StreamID != 7 || c.Username != "demo" || !c.Active() || c.Remote != local {
		t.Fatalf("open connection recorded as %+v, client at %s", c, local)
	}
	resp.Body.Close()
	waitActive(t, s, 0)
	c = lastConn(t, s)
	if c.Active() || c.Reason != sim.ClosedByClient {
		t.Fatalf("closed connection recorded as %+v", c)
	}
	if c.Close.Before(c.Open) || c.Bytes < 188*4 {
		t.Fatalf("close %v before open %v, or %d bytes sent", c.Close, c.Open, c.Bytes)
	}
	if n := len(s.Connections()); n != 1 {
		t.Fatalf("%d connections recorded, want 1", n)
	}
}

func TestOverLimit(t *testing.T) {
	tests := []struct {
		name       string
		over       sim.OverLimit
		secondCode int
		firstEnds  sim.CloseReason // "" when the first keeps playing
	}{
		{"reject answers 401 and keeps the first", sim.Reject401, http.StatusUnauthorized, ""},
		{"kick oldest cuts the first and serves the second", sim.KickOldest, http.StatusOK, sim.ClosedKicked},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := start(t, sim.Config{OverLimit: tt.over})
			first := openTS(t, s, 1)
			waitActive(t, s, 1)

			second := get(t, s.StreamURL(2, "ts"))
			defer second.Body.Close()
			if second.StatusCode != tt.secondCode {
				t.Fatalf("second stream: status %d, want %d", second.StatusCode, tt.secondCode)
			}
			conns := s.Connections()
			if tt.firstEnds == "" {
				assertEmpty401(t, second)
				if len(conns) != 1 || !conns[0].Active() {
					t.Fatalf("connections %+v, want only the first, still active", conns)
				}
				rej := s.Rejections()
				if len(rej) != 1 || rej[0].Reason != sim.RejectLimit || rej[0].StreamID != 2 || rej[0].Status != 401 {
					t.Fatalf("rejections %+v, want one limit rejection of stream 2", rej)
				}
				return
			}
			if s.Peak() != 1 {
				t.Fatalf("peak %d: kicking must free the slot before the new stream takes it", s.Peak())
			}
			if len(conns) != 2 || conns[0].Reason != tt.firstEnds || !conns[1].Active() {
				t.Fatalf("connections %+v, want the first %s and the second active", conns, tt.firstEnds)
			}
			assertCut(t, first)
		})
	}
}

// assertEmpty401 checks the refusal looks like a panel's: no body, no scheme.
func assertEmpty401(t *testing.T, resp *http.Response) {
	t.Helper()
	body, _ := io.ReadAll(resp.Body)
	if len(body) != 0 {
		t.Errorf("401 body %q, want empty", body)
	}
	if h := resp.Header.Get("WWW-Authenticate"); h != "" {
		t.Errorf("401 carries WWW-Authenticate %q", h)
	}
}

func TestParallelOpensNeverExceedTheLimit(t *testing.T) {
	s := start(t, sim.Config{MaxConnections: 2})
	var wg sync.WaitGroup
	resps := make(chan *http.Response, 8)
	for id := range 8 {
		wg.Go(func() {
			resp, err := client().Get(s.StreamURL(id+1, "ts"))
			if err != nil {
				t.Error(err)
				return
			}
			resps <- resp
		})
	}
	wg.Wait()
	close(resps)
	ok := 0
	for resp := range resps {
		if resp.StatusCode == http.StatusOK {
			ok++
		}
		t.Cleanup(func() { resp.Body.Close() })
	}
	if ok != 2 || s.Active() != 2 || len(s.Rejections()) != 6 || s.Peak() != 2 {
		t.Fatalf("%d served, %d active (peak %d), %d rejected; want 2, 2, 6", ok, s.Active(), s.Peak(), len(s.Rejections()))
	}
}

func TestOccupyHoldsSlotsAsAnotherDevice(t *testing.T) {
	s := start(t, sim.Config{MaxConnections: 2})
	release := s.Occupy(2)
	if s.Active() != 2 {
		t.Fatalf("%d active after Occupy(2)", s.Active())
	}
	resp := get(t, s.StreamURL(1, "ts"))
	resp.Body.Close()
	if resp.StatusCode != http.StatusUnauthorized {
		t.Fatalf("stream with every slot occupied: status %d, want 401", resp.StatusCode)
	}
	if a := accountOf(t, s); a.UserInfo.ActiveCons != "2" || a.UserInfo.MaxConnections != "2" {
		t.Fatalf("account says %s of %s in use, want 2 of 2", a.UserInfo.ActiveCons, a.UserInfo.MaxConnections)
	}
	release()
	release() // giving back twice is harmless
	if s.Active() != 0 {
		t.Fatalf("%d active after release", s.Active())
	}
	openTS(t, s, 1)
	for _, c := range s.Connections()[:2] {
		if c.Kind != sim.KindOther || c.Reason != sim.ClosedReleased {
			t.Fatalf("occupied slot recorded as %+v", c)
		}
	}
}

func TestKickOldestCutsAnOccupiedSlot(t *testing.T) {
	s := start(t, sim.Config{OverLimit: sim.KickOldest})
	s.Occupy(1)
	openTS(t, s, 3)
	conns := s.Connections()
	if len(conns) != 2 || conns[0].Reason != sim.ClosedKicked || !conns[1].Active() {
		t.Fatalf("connections %+v, want the other device kicked and the stream active", conns)
	}
}

func TestKickCutsAStream(t *testing.T) {
	s := start(t, sim.Config{})
	resp := openTS(t, s, 3)
	id := lastConn(t, s).ID
	if !s.Kick(id) {
		t.Fatal("Kick of an active connection reported false")
	}
	if s.Kick(id) {
		t.Fatal("second Kick reported true")
	}
	assertCut(t, resp)
	if c := lastConn(t, s); c.Reason != sim.ClosedKicked {
		t.Fatalf("kicked connection recorded as %+v", c)
	}
}

func TestCredentials(t *testing.T) {
	s := start(t, sim.Config{Username: "alice", Password: "s3cret"})
	tests := []struct {
		name string
		path string
		code int
	}{
		{"wrong password", "/live/alice/nope/1.ts", http.StatusUnauthorized},
		{"wrong username", "/live/bob/s3cret/1.ts", http.StatusUnauthorized},
		{"wrong password on HLS", "/live/alice/nope/1.m3u8", http.StatusUnauthorized},
		{"unknown stream", "/live/alice/s3cret/99999.ts", http.StatusNotFound},
		{"stream id that is no number", "/live/alice/s3cret/abc.ts", http.StatusNotFound},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, h, body := getBody(t, s.URL()+tt.path)
			if code != tt.code || len(body) != 0 || h.Get("WWW-Authenticate") != "" {
				t.Fatalf("status %d body %q auth header %q, want %d, empty, none", code, body, h.Get("WWW-Authenticate"), tt.code)
			}
		})
	}
	for _, r := range s.Rejections() {
		if strings.Contains(r.Path, "s3cret") {
			t.Fatalf("rejection path %q holds the password", r.Path)
		}
	}
	if s.Active() != 0 || len(s.Connections()) != 0 {
		t.Fatalf("refused requests took slots: %+v", s.Connections())
	}
}

func TestSetPasswordRefusesTheOldOne(t *testing.T) {
	s := start(t, sim.Config{})
	old := s.StreamURL(1, "ts")
	s.SetPassword("changed")
	code, _, _ := getBody(t, old)
	if code != http.StatusUnauthorized {
		t.Fatalf("old password: status %d, want 401", code)
	}
	if a := accountOf(t, s); a.UserInfo.Auth != 1 {
		t.Fatalf("new password: auth %d", a.UserInfo.Auth)
	}
	openTS(t, s, 1)
}

func TestStatusChanges(t *testing.T) {
	for _, st := range []sim.Status{sim.Expired, sim.Banned, sim.Disabled} {
		t.Run(string(st), func(t *testing.T) {
			s := start(t, sim.Config{})
			resp := openTS(t, s, 1)
			s.SetStatus(st)
			assertCut(t, resp)
			if c := lastConn(t, s); c.Reason != sim.ClosedStatus {
				t.Fatalf("connection recorded as %+v", c)
			}
			for _, ext := range []string{"ts", "m3u8"} {
				if code, _, _ := getBody(t, s.StreamURL(1, ext)); code != http.StatusForbidden {
					t.Fatalf("%s stream of a %s account: status %d, want 403", ext, st, code)
				}
			}
			if a := accountOf(t, s); a.UserInfo.Auth != 1 || a.UserInfo.Status != string(st) {
				t.Fatalf("account says auth %d status %q, want 1 and %q", a.UserInfo.Auth, a.UserInfo.Status, st)
			}
			s.SetStatus(sim.Active)
			openTS(t, s, 1)
		})
	}
}

func TestPastExpiryDateMeansExpired(t *testing.T) {
	clock := sim.NewFakeClock(time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC))
	s := start(t, sim.Config{Clock: clock, ExpDate: time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC)})
	if a := accountOf(t, s); a.UserInfo.Status != "Active" || a.UserInfo.ExpDate == nil || *a.UserInfo.ExpDate != "1772409600" {
		t.Fatalf("before expiry: status %q exp_date %v", a.UserInfo.Status, a.UserInfo.ExpDate)
	}
	clock.Advance(24 * time.Hour)
	if a := accountOf(t, s); a.UserInfo.Status != "Expired" {
		t.Fatalf("after expiry: status %q", a.UserInfo.Status)
	}
	if code, _, _ := getBody(t, s.StreamURL(1, "ts")); code != http.StatusForbidden {
		t.Fatalf("stream after expiry: status %d, want 403", code)
	}
	s.SetExpDate(time.Time{})
	if a := accountOf(t, s); a.UserInfo.Status != "Active" || a.UserInfo.ExpDate != nil {
		t.Fatalf("no expiry: status %q exp_date %v, want Active and null", a.UserInfo.Status, a.UserInfo.ExpDate)
	}
}

func TestSetMaxConnectionsAppliesToTheNextStream(t *testing.T) {
	s := start(t, sim.Config{MaxConnections: 2})
	openTS(t, s, 1)
	openTS(t, s, 2)
	s.SetMaxConnections(1)
	if s.Active() != 2 {
		t.Fatalf("lowering the limit closed streams: %d active", s.Active())
	}
	if code, _, _ := getBody(t, s.StreamURL(3, "ts")); code != http.StatusUnauthorized {
		t.Fatalf("third stream: status %d, want 401", code)
	}
}

func TestCloseCutsStreamsAndRecordsShutdown(t *testing.T) {
	s := sim.New(sim.Config{})
	if err := s.Start("127.0.0.1:0"); err != nil {
		t.Fatal(err)
	}
	resp := openTS(t, s, 1)
	s.Close()
	assertCut(t, resp)
	if c := lastConn(t, s); c.Reason != sim.ClosedShutdown || s.Active() != 0 {
		t.Fatalf("after Close: %+v, %d active", c, s.Active())
	}
}

func TestWaitForStopsWithItsContext(t *testing.T) {
	s := start(t, sim.Config{})
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	if err := s.WaitActive(ctx, 5); !errors.Is(err, context.Canceled) {
		t.Fatalf("WaitActive on a cancelled context: %v", err)
	}
}
