package session

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/tuner-iptv/tuner/internal/sim"
	"github.com/tuner-iptv/tuner/internal/testutil"
	"github.com/tuner-iptv/tuner/playlist"
	"github.com/tuner-iptv/tuner/session/gate"
)

func TestZapRetriesOnlyOverLimitAfterOwnStream(t *testing.T) {
	refused := func(status int, header http.Header, body string) error {
		return &gate.RefusedError{Refusal: &gate.Refusal{Status: status, Header: header, Body: []byte(body)}}
	}
	own := zap{own: true, channel: "previous"}
	tests := []struct {
		name string
		z    zap
		err  error
		want bool
	}{
		{"401 without a challenge after own TS stream", own, refused(401, http.Header{}, ""), true},
		{"401 saying the limit is reached", own, refused(401, nil, "Max connections reached"), true},
		{"401 asking for credentials", own, refused(401, http.Header{"Www-Authenticate": {`Basic realm="x"`}}, ""), false},
		{"401.502 rate limit page", own, refused(401, nil, "HTTP Error 401.502 - Unauthorized"), false},
		{"403 with an empty body", own, refused(403, nil, ""), false},
		{"429", own, refused(429, nil, ""), false},
		{"404", own, refused(404, nil, ""), false},
		{"network error", own, &gate.RefusedError{Refusal: &gate.Refusal{Err: errors.New("connection refused")}}, false},
		{"not a refusal", own, errors.New("stream gate: closed"), false},
		{"first play, no previous stream", zap{}, refused(401, nil, ""), false},
		{"previous stream was HLS", zap{own: true, hls: true}, refused(401, nil, ""), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.z.retries(tt.err); got != tt.want {
				t.Errorf("retries = %v, want %v", got, tt.want)
			}
		})
	}
}

// TestZapOnLingeringPanelWithMPV zaps 20 times on a one-slot panel that
// counts a closed connection 300 ms late: every zap must play, the panel
// never sees two connections, and the refusals it logs come from the short
// retries only.
func TestZapOnLingeringPanelWithMPV(t *testing.T) {
	testutil.RequireTool(t, "mpv")
	s := startSim(t, sim.Config{MaxConnections: 1, OverLimit: sim.Reject401, Faults: sim.Faults{Linger: 300 * time.Millisecond}})
	m := newManager(t, Options{Player: headless})
	ctx := context.Background()
	if err := m.Play(ctx, simChannel(s, 1, "ts")); err != nil {
		t.Fatal(err)
	}
	const zaps = 20
	for i := range zaps {
		if err := m.Play(ctx, simChannel(s, 2+i%5, "ts")); err != nil {
			t.Fatalf("zap %d: %v", i+1, err)
		}
	}
	if p := s.Peak(); p != 1 {
		t.Errorf("peak connections = %d, want 1", p)
	}
	rej := len(s.Rejections())
	if rej > zaps*len(m.opts.ZapWaits) {
		t.Errorf("%d refusals for %d zaps, more than the bounded retries allow", rej, zaps)
	}
	t.Logf("%d zaps, %d refused attempts retried", zaps, rej)
}

// TestZapRetriesAreBounded: when another device really holds the slot, the
// zap fails after the bounded retries, and a Play that closed nothing of its
// own on the account is not retried at all.
func TestZapRetriesAreBounded(t *testing.T) {
	tests := []struct {
		name     string
		before   func(t *testing.T, m *Manager, s *sim.Server) // what plays before the refused Play
		attempts int
		mpv      bool // the fake player reads a playlist once and exits
	}{
		{"zap from own TS stream", func(t *testing.T, m *Manager, s *sim.Server) {
			play(t, m, simChannel(s, 1, "ts"))
		}, 1 + len(defaultZapWaits()), false},
		{"first play", func(*testing.T, *Manager, *sim.Server) {}, 1, false},
		{"zap from another account", func(t *testing.T, m *Manager, _ *sim.Server) {
			other := startSim(t, sim.Config{MaxConnections: 1})
			play(t, m, simChannel(other, 1, "ts"))
		}, 1, false},
		{"zap from own HLS stream", func(t *testing.T, m *Manager, s *sim.Server) {
			play(t, m, simChannel(s, 1, "m3u8"))
		}, 1, true},
		{"after a stop", func(t *testing.T, m *Manager, s *sim.Server) {
			play(t, m, simChannel(s, 1, "ts"))
			m.Stop(context.Background())
			simWait(t, s, 0)
		}, 1, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := startSim(t, sim.Config{MaxConnections: 1, OverLimit: sim.Reject401})
			player := fakePlayer(t)
			if tt.mpv {
				testutil.RequireTool(t, "mpv")
				player = headless
			}
			m := newManager(t, Options{Player: player})
			tt.before(t, m, s)
			s.Occupy(1)
			err := m.Play(context.Background(), simChannel(s, 2, "ts"))
			var re *RefusedError
			if !errors.As(err, &re) || re.Refusal.Status != http.StatusUnauthorized {
				t.Fatalf("Play = %v, want a 401 refusal", err)
			}
			if n := streamRefusals(s, 2); n != tt.attempts {
				t.Errorf("the provider refused %d requests for the stream, want %d", n, tt.attempts)
			}
			if act, _ := m.Store().Active(); len(act) != 0 {
				t.Errorf("a lease is still held after the refusal: %+v", act)
			}
		})
	}
}

// TestZapRetryStopsOnCancel: Stop, Close or the caller's context end the
// wait between retries at once, with no further request.
func TestZapRetryStopsOnCancel(t *testing.T) {
	tests := []struct {
		name   string
		cancel func(m *Manager, cancel context.CancelFunc)
		want   error
	}{
		{"Stop", func(m *Manager, _ context.CancelFunc) { m.Stop(context.Background()) }, ErrStopped},
		{"Close", func(m *Manager, _ context.CancelFunc) { m.Close(context.Background()) }, ErrStopped},
		{"context", func(_ *Manager, cancel context.CancelFunc) { cancel() }, context.Canceled},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := startSim(t, sim.Config{MaxConnections: 1, OverLimit: sim.Reject401})
			// Only a cancellation ends this wait.
			m := newManager(t, Options{Player: fakePlayer(t), ZapWaits: []time.Duration{time.Hour}})
			play(t, m, simChannel(s, 1, "ts"))
			s.Occupy(1)
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			done := make(chan error, 1)
			go func() { done <- m.Play(ctx, simChannel(s, 2, "ts")) }()
			testutil.Eventually(t, "the first refusal", func() bool { return streamRefusals(s, 2) == 1 })
			tt.cancel(m, cancel)
			select {
			case err := <-done:
				if !errors.Is(err, tt.want) {
					t.Errorf("Play = %v, want %v", err, tt.want)
				}
			case <-time.After(time.Minute):
				t.Fatal("Play still waits to retry after the cancellation")
			}
			if n := streamRefusals(s, 2); n != 1 {
				t.Errorf("the provider saw %d requests for the stream, want 1", n)
			}
			if act, _ := m.Store().Active(); len(act) != 0 {
				t.Errorf("a lease is still held after the cancellation: %+v", act)
			}
		})
	}
}

func play(t *testing.T, m *Manager, ch playlist.Channel) {
	t.Helper()
	if err := m.Play(context.Background(), ch); err != nil {
		t.Fatalf("play %s: %v", ch.Name, err)
	}
}

// streamRefusals counts the simulator's refusals of stream id.
func streamRefusals(s *sim.Server, id int) int {
	n := 0
	for _, r := range s.Rejections() {
		if r.StreamID == id {
			n++
		}
	}
	return n
}

func TestZapWaitFollowsWhatWasSeen(t *testing.T) {
	waits := defaultZapWaits()
	ms := func(n int) time.Duration { return time.Duration(n) * time.Millisecond }
	// schedule lists the attempts' times after the close, for a zap whose
	// every attempt is refused the moment it is made.
	schedule := func(seen, window time.Duration) []time.Duration {
		at := []time.Duration{0}
		for attempt := 0; ; attempt++ {
			wait, ok := zapWait(waits, attempt, at[len(at)-1], seen, window)
			if !ok {
				return at
			}
			at = append(at, at[len(at)-1]+wait)
		}
	}
	tests := []struct {
		name string
		seen time.Duration
		want []time.Duration
	}{
		{"nothing seen: the designed waits", 0, []time.Duration{0, ms(250), ms(750), ms(1750), ms(3750)}},
		{"a short linger seen: the designed waits", ms(300), []time.Duration{0, ms(250), ms(750), ms(1750), ms(3750)}},
		{"refused 3.75 s after a close: on to 7.5 s", ms(3750), []time.Duration{0, ms(250), ms(750), ms(1750), ms(3750), ms(5750), ms(7500)}},
		{"refused 9 s after a close: no further than 10 s", 9 * time.Second, []time.Duration{0, ms(250), ms(750), ms(1750), ms(3750), ms(5750), ms(7750), ms(9750), ms(10000)}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := schedule(tt.seen, defaultZapWindow)
			if fmt.Sprint(got) != fmt.Sprint(tt.want) {
				t.Errorf("attempts at %v, want %v", got, tt.want)
			}
		})
	}
}

// simClock is the Manager's clock and the simulator's at once: a wait moves
// both at once, once the simulator has seen the last client leave, so the
// linger starts where it would in real time.
type simClock struct {
	t   *testing.T
	sim *sim.Server
	now *sim.FakeClock
}

func (c simClock) Now() time.Time { return c.now.Now() }

func (c simClock) After(d time.Duration) <-chan time.Time {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	left := func() bool {
		for _, conn := range c.sim.Connections() {
			if conn.Active() && conn.Disconnected.IsZero() && conn.Kind == sim.KindTS {
				return false
			}
		}
		return true
	}
	if err := c.sim.WaitFor(ctx, left); err != nil {
		c.t.Errorf("the simulator did not see the client leave: %v", err)
	}
	c.now.Advance(d)
	ch := make(chan time.Time, 1)
	ch <- c.now.Now()
	return ch
}

// zapAfterLongLinger plays on a one-slot panel that counts a closed TS
// connection for linger: a zap after the designed waits fails, the channel
// plays once the panel let go, and the next zap on the account keeps trying
// long enough. It returns the panel and the second zap's refused attempts.
func zapAfterLongLinger(t *testing.T, m *Manager, s *sim.Server, letGo func()) int {
	t.Helper()
	play(t, m, simChannel(s, 1, "ts"))
	var re *RefusedError
	if err := m.Play(context.Background(), simChannel(s, 2, "ts")); !errors.As(err, &re) || re.Refusal.Status != http.StatusUnauthorized {
		t.Fatalf("first zap = %v, want the 401 the designed waits cannot outlast", err)
	}
	if n := streamRefusals(s, 2); n != 1+len(defaultZapWaits()) {
		t.Errorf("first zap: %d refused attempts, want %d", n, 1+len(defaultZapWaits()))
	}
	letGo()
	play(t, m, simChannel(s, 2, "ts"))
	if err := m.Play(context.Background(), simChannel(s, 3, "ts")); err != nil {
		t.Fatalf("second zap, on an account seen to count a close for long: %v", err)
	}
	if p := s.Peak(); p != 1 {
		t.Errorf("peak connections = %d, want 1", p)
	}
	return streamRefusals(s, 3)
}

// TestZapFollowsALongLinger runs zapAfterLongLinger on a panel that counts
// a close for 4 s, on a clock that moves only when tuner waits.
func TestZapFollowsALongLinger(t *testing.T) {
	clock := sim.NewFakeClock(time.Date(2026, 3, 1, 20, 0, 0, 0, time.UTC))
	s := startSim(t, sim.Config{MaxConnections: 1, OverLimit: sim.Reject401, Clock: clock, Faults: sim.Faults{Linger: 4 * time.Second}})
	m := newManager(t, Options{Player: fakePlayer(t), Clock: simClock{t: t, sim: s, now: clock}})
	n := zapAfterLongLinger(t, m, s, func() { clock.Advance(5 * time.Second) })
	if n <= len(defaultZapWaits()) {
		t.Errorf("second zap: %d refused attempts, want more than the %d designed waits", n, len(defaultZapWaits()))
	}
	// The longer window belongs to that account only.
	other := startSim(t, sim.Config{MaxConnections: 1, OverLimit: sim.Reject401, Clock: clock})
	play(t, m, simChannel(other, 1, "ts"))
	other.Occupy(1)
	m.Play(context.Background(), simChannel(other, 2, "ts"))
	if n := streamRefusals(other, 2); n != 1+len(defaultZapWaits()) {
		t.Errorf("a zap on another account was tried %d times, want the designed %d", n, 1+len(defaultZapWaits()))
	}
}

// TestZapFollowsALongLingerInRealTime is the same on the simulator's clock.
func TestZapFollowsALongLingerInRealTime(t *testing.T) {
	s := startSim(t, sim.Config{MaxConnections: 1, OverLimit: sim.Reject401, Faults: sim.Faults{Linger: 4 * time.Second}})
	m := newManager(t, Options{Player: fakePlayer(t)})
	zapAfterLongLinger(t, m, s, func() { simWait(t, s, 0) })
}
