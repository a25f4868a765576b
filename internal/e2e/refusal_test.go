package e2e

import (
	"context"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tuner-iptv/tuner/internal/sim"
)

// pollInterval is the least time between two account checks while waiting
// for a slot (issue: "at most once every 15 s").
const pollInterval = 15 * time.Second

// TestOccupiedSlotScreen plays while another device holds the account's only
// slot: tuner shows the occupied-slot screen with its four ways out, the
// details of the provider's answer, and a message for the provider that
// names the account but never its password. It asks for the stream once.
func TestOccupiedSlotScreen(t *testing.T) {
	needTools(t)
	t.Parallel()
	s := startSim(t, sim.Config{MaxConnections: 1, OverLimit: sim.Reject401})
	h := newHome(t)
	tm := h.tuner(s, 80, 24)
	browsing(tm)
	s.Occupy(1)

	tm.keys("Enter")
	tm.waitText("Connection slot in use", "What you can do", "Reboot", "Contact the provider", "Wait and retry", "Details")

	tm.keys("d")
	// The URL shows with the password masked.
	tm.waitText("What the provider answered", "401", "/live/"+testUser+"/***/1.ts")
	tm.keys("Escape")
	tm.waitText("What you can do")

	tm.keys("c")
	msg := tm.waitText("Message for the provider", "on account "+testUser, "Saved to")
	if clip := tm.clipboard(); !strings.Contains(clip, "account "+testUser) || strings.Contains(clip, testPassword) {
		t.Errorf("the clipboard must hold the message naming %q and never the password:\n%s", testUser, clip)
	}
	saved := savedFile(t, h, msg)
	b, err := os.ReadFile(saved)
	if err != nil {
		t.Fatalf("the saved message: %v", err)
	}
	if !strings.Contains(string(b), testUser) || strings.Contains(string(b), testPassword) {
		t.Errorf("the saved message must name %q and never the password:\n%s", testUser, b)
	}
	if n := streamRejections(s); n != 1 {
		t.Errorf("the stream was asked for %d times, want once: %+v", n, s.Rejections())
	}
}

// TestRefusalScreens plays after the provider changed its mind about the
// account or the server: each refusal gets its own screen, and none but an
// occupied slot offers the slot's ways out.
func TestRefusalScreens(t *testing.T) {
	needTools(t)
	t.Parallel()
	for _, tc := range []struct {
		name  string
		world func(t *testing.T, s *sim.Server)
		title string
	}{
		{"password changed", func(t *testing.T, s *sim.Server) { s.SetPassword("Changed-By-Provider") }, "Username or password rejected"},
		{"expired", func(t *testing.T, s *sim.Server) {
			s.SetExpDate(time.Now().Add(-48 * time.Hour))
			s.SetStatus(sim.Expired)
		}, "Subscription expired"},
		{"banned", func(t *testing.T, s *sim.Server) { s.SetStatus(sim.Banned) }, "Account banned"},
		{"disabled", func(t *testing.T, s *sim.Server) { s.SetStatus(sim.Disabled) }, "Account disabled"},
		{"ip lock", func(t *testing.T, s *sim.Server) { s.SetFaults(sim.Faults{IPLock: 403}) }, "Refused from this address"},
		{"rate limit", func(t *testing.T, s *sim.Server) {
			// The limit counts by address: this request, from 127.0.0.1
			// like tuner's, spends the allowance.
			s.SetFaults(sim.Faults{RateLimit: 1})
			spendRequest(t, s)
		}, "Too many requests"},
		{"server fault", func(t *testing.T, s *sim.Server) { s.SetFaults(sim.Faults{Status5xx: 502}) }, "Provider server error"},
		{"server gone", func(t *testing.T, s *sim.Server) { s.Close() }, "Connection refused"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := startSim(t, sim.Config{})
			tm := newHome(t).tuner(s, 80, 24)
			browsing(tm)
			tc.world(t, s)

			tm.keys("Enter")
			screen := tm.waitText(tc.title, "What to do")
			if strings.Contains(screen, "What you can do") {
				t.Errorf("%s, but the occupied slot's options show:\n%s", tc.name, screen)
			}
		})
	}
}

// TestWaitAndRetry waits for the occupied slot to free: once the other device
// lets go (after tuner's first check), tuner plays, having asked for the
// account info no more often than every 15 s and never for the stream in the
// meantime.
func TestWaitAndRetry(t *testing.T) {
	needTools(t)
	t.Parallel()
	s := startSim(t, sim.Config{MaxConnections: 1, OverLimit: sim.Reject401})
	tm := newHome(t).tuner(s, 80, 24)
	browsing(tm)
	release := s.Occupy(1)

	tm.keys("Enter")
	tm.waitText("What you can do", "Wait and retry")
	started := time.Now()
	tm.keys("w")
	tm.waitText("Waiting for a free slot", "Next check in")

	// Free the slot only once tuner has checked and found it taken, so it
	// must keep polling: two checks at least, and their spacing shows.
	ctx, cancel := context.WithTimeout(context.Background(), 2*pollInterval+waitLimit)
	defer cancel()
	err := s.WaitFor(ctx, func() bool { return len(accountChecks(s, started, time.Now())) > 0 })
	if err != nil {
		t.Fatalf("tuner never checked the account while waiting:\n%s", tm.screen())
	}
	release()
	var c sim.Conn
	err = s.WaitFor(ctx, func() bool {
		cs := tsConns(s)
		if len(cs) == 0 {
			return false
		}
		c = cs[len(cs)-1]
		return c.Active() && c.Bytes > 0
	})
	if err != nil {
		t.Fatalf("tuner did not play once the slot was free: connections %+v\n%s", s.Connections(), tm.screen())
	}
	checks := accountChecks(s, started, c.Open)
	t.Logf("%d account checks in %v of waiting", len(checks), c.Open.Sub(started))
	if len(checks) < 2 {
		t.Errorf("played after %d account checks; the slot was freed only after the first", len(checks))
	}
	if allowed := 1 + int(c.Open.Sub(started)/pollInterval); len(checks) > allowed {
		t.Errorf("%d account checks in %v of waiting, more than %d: %v", len(checks), c.Open.Sub(started), allowed, checks)
	}
	if n := streamRejections(s); n != 1 {
		t.Errorf("the stream was asked for %d times while waiting, want once: %+v", n, s.Rejections())
	}
	tm.waitText("▶ UK: BBC One HD")
}

// spendRequest asks the simulator for the account info once.
func spendRequest(t *testing.T, s *sim.Server) {
	t.Helper()
	resp, err := http.Get(s.URL() + "/player_api.php?username=" + s.Username() + "&password=" + s.Password())
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
}

// accountChecks are the times of the account-info requests between from and to.
func accountChecks(s *sim.Server, from, to time.Time) []time.Time {
	var out []time.Time
	for _, r := range s.APIRequests() {
		if r.Endpoint == "player_api.php" && r.Action == "" && !r.Time.Before(from) && !r.Time.After(to) {
			out = append(out, r.Time)
		}
	}
	return out
}

// streamRejections counts refused stream requests.
func streamRejections(s *sim.Server) int {
	n := 0
	for _, r := range s.Rejections() {
		if r.Kind == sim.KindTS || r.Kind == sim.KindHLS {
			n++
		}
	}
	return n
}

// savedFile is the file the contact screen says it saved the message to. The
// screen wraps long paths, so the file is found in the state directory and
// checked against what the screen says.
func savedFile(t *testing.T, h *home, screen string) string {
	t.Helper()
	said := strings.Join(strings.Fields(screen), "")
	i := strings.Index(said, "Savedto")
	if i < 0 {
		t.Fatalf("the contact screen does not say where it saved the message:\n%s", screen)
	}
	files, _ := filepath.Glob(filepath.Join(h.dir, "state", "tuner", "contact-*"))
	for _, f := range files {
		if strings.HasPrefix(said[i+len("Savedto"):], f) {
			return f
		}
	}
	t.Fatalf("no file %v is the one the screen names:\n%s", files, screen)
	return ""
}
