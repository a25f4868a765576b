package sim_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"testing"
	"time"

	"github.com/tuner-iptv/tuner/internal/sim"
)

// TestSlowFirstByteHoldsTheSlot checks that a stream counts while the panel is
// slow to answer, and is given back when the client gives up waiting.
func TestSlowFirstByteHoldsTheSlot(t *testing.T) {
	s := start(t, sim.Config{Faults: sim.Faults{FirstByteDelay: time.Hour}})
	ctx, cancel := context.WithCancel(bounded(t))
	done := make(chan error, 1)
	go func() {
		req, _ := http.NewRequestWithContext(ctx, http.MethodGet, s.StreamURL(1, "ts"), nil)
		resp, err := client().Do(req)
		if err == nil {
			resp.Body.Close()
		}
		done <- err
	}()
	waitActive(t, s, 1)
	select {
	case err := <-done:
		t.Fatalf("response arrived despite the delay: %v", err)
	default:
	}
	cancel()
	if err := <-done; !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled request: %v", err)
	}
	waitActive(t, s, 0)
	if c := lastConn(t, s); c.Reason != sim.ClosedByClient || c.Bytes != 0 {
		t.Fatalf("abandoned slow stream recorded as %+v", c)
	}
}

func TestDropAfterBytes(t *testing.T) {
	s := start(t, sim.Config{Faults: sim.Faults{DropAfterBytes: 10000}})
	resp := get(t, s.StreamURL(1, "ts"))
	defer resp.Body.Close()
	n, err := io.Copy(io.Discard, resp.Body)
	if err == nil || errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("after %d bytes: %v; want a dropped connection", n, err)
	}
	if want := int64((10000 + 187) / 188 * 188); n != want {
		t.Fatalf("read %d bytes before the drop, want %d", n, want)
	}
	if c := lastConn(t, s); c.Reason != sim.ClosedDropped || c.Bytes != n || s.Active() != 0 {
		t.Fatalf("dropped stream recorded as %+v", c)
	}
}

func TestDropAfterDuration(t *testing.T) {
	s := start(t, sim.Config{Faults: sim.Faults{DropAfter: 50 * time.Millisecond}})
	resp := get(t, s.StreamURL(1, "ts"))
	defer resp.Body.Close()
	assertCut(t, resp)
	if c := lastConn(t, s); c.Reason != sim.ClosedDropped || s.Active() != 0 {
		t.Fatalf("dropped stream recorded as %+v", c)
	}
}

func TestServerFaults(t *testing.T) {
	tests := []struct {
		name   string
		faults sim.Faults
		path   func(*sim.Server) string
		code   int
	}{
		{"stream 503", sim.Faults{Status5xx: 503}, func(s *sim.Server) string { return s.StreamURL(1, "ts") }, 503},
		{"HLS 502", sim.Faults{Status5xx: 502}, func(s *sim.Server) string { return s.StreamURL(1, "m3u8") }, 502},
		{"API 500", sim.Faults{APIStatus5xx: 500}, func(s *sim.Server) string { return apiURL(s, "") }, 500},
		{"playlist 504", sim.Faults{APIStatus5xx: 504}, func(s *sim.Server) string {
			return s.URL() + "/get.php?username=demo&password=demo&type=m3u_plus"
		}, 504},
		{"stream fault leaves the API alone", sim.Faults{Status5xx: 503}, func(s *sim.Server) string { return apiURL(s, "") }, 200},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := start(t, sim.Config{Faults: tt.faults})
			code, _, _ := getBody(t, tt.path(s))
			if code != tt.code {
				t.Fatalf("status %d, want %d", code, tt.code)
			}
			if len(s.Connections()) != 0 {
				t.Fatalf("a failed request took a slot: %+v", s.Connections())
			}
			if tt.code >= 500 {
				if r := s.Rejections(); len(r) != 1 || r[0].Reason != sim.RejectFault || r[0].Status != tt.code {
					t.Fatalf("rejections %+v", r)
				}
			}
		})
	}
}

func TestSetFaultsAppliesToTheNextRequest(t *testing.T) {
	s := start(t, sim.Config{})
	s.SetFaults(sim.Faults{Status5xx: 503})
	if code, _, _ := getBody(t, s.StreamURL(1, "ts")); code != 503 {
		t.Fatalf("with the fault: status %d", code)
	}
	s.SetFaults(sim.Faults{})
	openTS(t, s, 1)
}

func TestRateLimit(t *testing.T) {
	clock := sim.NewFakeClock(time.Unix(1e9, 0))
	s := start(t, sim.Config{Clock: clock, Faults: sim.Faults{RateLimit: 3, RateWindow: time.Minute}})
	codes := func(n int) []int {
		var out []int
		for range n {
			code, _, _ := getBody(t, apiURL(s, ""))
			out = append(out, code)
		}
		return out
	}
	if got := codes(4); got[0] != 200 || got[1] != 200 || got[2] != 200 || got[3] != 429 {
		t.Fatalf("four requests in a window: %v, want three 200 then 429", got)
	}
	if code, _, _ := getBody(t, s.StreamURL(1, "ts")); code != 429 {
		t.Fatalf("stream while rate limited: status %d, want 429", code)
	}
	clock.Advance(time.Minute)
	if got := codes(1); got[0] != 200 {
		t.Fatalf("after the window: %v, want 200", got)
	}
	var limited int
	for _, r := range s.Rejections() {
		if r.Reason == sim.RejectRateLimit && r.Status == 429 {
			limited++
		}
	}
	if limited != 2 {
		t.Fatalf("%d rate-limit rejections recorded, want 2", limited)
	}
}

// TestLingerKeepsTheSlotAfterTheClientLeft is the case behind most 401s: the
// player is gone but the panel still counts its connection.
func TestLingerKeepsTheSlotAfterTheClientLeft(t *testing.T) {
	clock := sim.NewFakeClock(time.Unix(1e9, 0))
	s := start(t, sim.Config{Clock: clock, Faults: sim.Faults{Linger: 45 * time.Second}})
	resp := openTS(t, s, 1)
	resp.Body.Close()
	disconnected := func() bool { return !lastConn(t, s).Disconnected.IsZero() }
	if err := s.WaitFor(bounded(t), disconnected); err != nil {
		t.Fatal(err)
	}
	if s.Active() != 1 {
		t.Fatal("the slot was freed at once despite Linger")
	}
	if code, _, _ := getBody(t, s.StreamURL(2, "ts")); code != http.StatusUnauthorized {
		t.Fatalf("stream while the old one lingers: status %d, want 401", code)
	}
	if a := accountOf(t, s); a.UserInfo.ActiveCons != "1" {
		t.Fatalf("account shows %s in use while lingering", a.UserInfo.ActiveCons)
	}
	clock.Advance(45 * time.Second)
	if s.Active() != 0 {
		t.Fatal("the slot still counts after Linger")
	}
	c := s.Connections()[0]
	if c.Reason != sim.ClosedByClient || !c.Close.Equal(c.Disconnected.Add(45*time.Second)) {
		t.Fatalf("lingering connection recorded as %+v", c)
	}
}

func TestIPLockRefusesWithFreeSlots(t *testing.T) {
	for _, code := range []int{401, 403} {
		t.Run(http.StatusText(code), func(t *testing.T) {
			s := start(t, sim.Config{Faults: sim.Faults{IPLock: code}})
			got, _, body := getBody(t, s.StreamURL(1, "ts"))
			if got != code || len(body) != 0 {
				t.Fatalf("status %d body %q, want %d and empty", got, body, code)
			}
			if a := accountOf(t, s); a.UserInfo.Status != "Active" || a.UserInfo.ActiveCons != "0" {
				t.Fatalf("account %+v, want Active with no connection", a.UserInfo)
			}
			if r := s.Rejections(); len(r) != 1 || r[0].Reason != sim.RejectIPLock {
				t.Fatalf("rejections %+v", r)
			}
		})
	}
}
