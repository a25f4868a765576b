package diagnose

import (
	"context"
	"errors"
	"github.com/tuner-iptv/tuner/internal/clocktest"
	"strings"
	"testing"
	"time"

	"github.com/tuner-iptv/tuner/playlist"
)

// panel answers account checks and records when they came.
type panel struct {
	clock  *clocktest.Stepping
	freeAt time.Time // zero: never frees
	fail   error
	acct   playlist.Account
	calls  []time.Time
}

func (p *panel) check(ctx context.Context) (*playlist.Account, error) {
	now := p.clock.Now()
	p.calls = append(p.calls, now)
	if p.fail != nil {
		return nil, p.fail
	}
	a := p.acct
	a.Auth, a.MaxConnections, a.ActiveConnections = true, 1, 1
	if a.Status == "" {
		a.Status = "Active"
	}
	if !p.freeAt.IsZero() && !now.Before(p.freeAt) {
		a.ActiveConnections = 0
	}
	return &a, nil
}

// checkPolite fails when two checks came closer than interval or there were
// more than the timeout allows.
func (p *panel) checkPolite(t *testing.T, interval, timeout time.Duration) {
	t.Helper()
	for i := 1; i < len(p.calls); i++ {
		if gap := p.calls[i].Sub(p.calls[i-1]); gap < interval {
			t.Errorf("checks %d and %d only %v apart, want at least %v", i-1, i, gap, interval)
		}
	}
	if limit := 1 + int(timeout/interval); len(p.calls) > limit {
		t.Errorf("%d checks in %v at one per %v, want at most %d", len(p.calls), timeout, interval, limit)
	}
}

func newPanel() *panel { return &panel{clock: clocktest.New(testNow)} }

func TestWaiterPlaysOnceSlotFrees(t *testing.T) {
	p := newPanel()
	p.freeAt = testNow.Add(50 * time.Second)
	w := Waiter{Interval: 15 * time.Second, Timeout: 3 * time.Minute, Check: p.check, Clock: p.clock}
	free, err := w.Run(context.Background(), nil)
	if !free || err != nil {
		t.Fatalf("Run = %v, %v; want the slot free", free, err)
	}
	// Checks at 0, 15, 30, 45 and 60 s: the one at 60 s sees it free.
	if len(p.calls) != 5 {
		t.Errorf("%d checks, want 5: %v", len(p.calls), p.calls)
	}
	p.checkPolite(t, 15*time.Second, 3*time.Minute)
}

func TestWaiterGivesUp(t *testing.T) {
	p := newPanel()
	w := Waiter{Interval: 20 * time.Second, Timeout: 3 * time.Minute, Check: p.check, Clock: p.clock}
	free, err := w.Run(context.Background(), nil)
	if free || err != nil {
		t.Fatalf("Run = %v, %v; want gave up without error", free, err)
	}
	if got := p.clock.Now().Sub(testNow); got != 3*time.Minute {
		t.Errorf("gave up after %v, want 3m0s", got)
	}
	if len(p.calls) != 10 { // 0, 20, ..., 180 s
		t.Errorf("%d checks, want 10", len(p.calls))
	}
	p.checkPolite(t, 20*time.Second, 3*time.Minute)
}

func TestWaiterEnforcesMinimumInterval(t *testing.T) {
	for _, interval := range []time.Duration{0, time.Millisecond, time.Second, 14 * time.Second} {
		p := newPanel()
		w := Waiter{Interval: interval, Timeout: 2 * time.Minute, Check: p.check, Clock: p.clock}
		if free, err := w.Run(context.Background(), nil); free || err != nil {
			t.Fatalf("interval %v: Run = %v, %v", interval, free, err)
		}
		p.checkPolite(t, MinInterval, 2*time.Minute)
	}
}

func TestWaiterDefaultTimeout(t *testing.T) {
	p := newPanel()
	w := Waiter{Check: p.check, Clock: p.clock}
	if free, _ := w.Run(context.Background(), nil); free {
		t.Fatal("slot reported free")
	}
	if got := p.clock.Now().Sub(testNow); got != DefaultWaitTimeout {
		t.Errorf("gave up after %v, want %v", got, DefaultWaitTimeout)
	}
	p.checkPolite(t, MinInterval, DefaultWaitTimeout)
}

func TestWaiterHonoursLastCheck(t *testing.T) {
	p := newPanel()
	p.freeAt = testNow
	w := Waiter{Check: p.check, Clock: p.clock, LastCheck: testNow.Add(-5 * time.Second)}
	if free, err := w.Run(context.Background(), nil); !free || err != nil {
		t.Fatalf("Run = %v, %v", free, err)
	}
	if len(p.calls) != 1 || p.calls[0] != testNow.Add(10*time.Second) {
		t.Errorf("checks at %v, want one 15 s after the last check", p.calls)
	}
}

func TestWaiterKeepsTryingThroughErrors(t *testing.T) {
	p := newPanel()
	p.fail = errors.New(`Get "http://h/player_api.php?username=alice&password=` + testPassword + `": EOF`)
	w := Waiter{Timeout: time.Minute, Check: p.check, Clock: p.clock}
	free, err := w.Run(context.Background(), nil)
	if free || err == nil {
		t.Fatalf("Run = %v, %v; want the last check's error", free, err)
	}
	if strings.Contains(err.Error(), testPassword) {
		t.Errorf("password in error %q", err)
	}
	if len(p.calls) != 5 { // 0, 15, 30, 45, 60 s
		t.Errorf("%d checks, want 5", len(p.calls))
	}
	p.checkPolite(t, MinInterval, time.Minute)
}

func TestWaiterStopsWhenAccountUnusable(t *testing.T) {
	tests := []struct {
		name string
		acct playlist.Account
	}{
		{"expired status", playlist.Account{Status: "Expired"}},
		{"banned", playlist.Account{Status: "Banned"}},
		{"past exp_date", playlist.Account{ExpiresAt: testNow.Add(-time.Hour)}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := newPanel()
			p.acct = tt.acct
			w := Waiter{Check: p.check, Clock: p.clock}
			free, err := w.Run(context.Background(), nil)
			if free || !errors.Is(err, ErrAccountUnusable) {
				t.Errorf("Run = %v, %v; want ErrAccountUnusable", free, err)
			}
			if len(p.calls) != 1 {
				t.Errorf("%d checks, want 1", len(p.calls))
			}
		})
	}
}

func TestWaiterAuthRejected(t *testing.T) {
	clk := clocktest.New(testNow)
	w := Waiter{Clock: clk, Check: func(context.Context) (*playlist.Account, error) {
		return &playlist.Account{Auth: false}, nil
	}}
	if _, err := w.Run(context.Background(), nil); !errors.Is(err, ErrAccountUnusable) {
		t.Errorf("err = %v, want ErrAccountUnusable", err)
	}
}

func TestWaiterCountdownAndCancel(t *testing.T) {
	p := newPanel()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	w := Waiter{Timeout: 2 * time.Minute, Check: p.check, Clock: p.clock}
	var ticks int
	lastRemaining := 3 * time.Minute
	free, err := w.Run(ctx, func(remaining, next time.Duration) {
		ticks++
		if remaining >= lastRemaining {
			t.Errorf("remaining went from %v to %v", lastRemaining, remaining)
		}
		lastRemaining = remaining
		if next < 0 || next > MinInterval {
			t.Errorf("next check in %v, want within [0, %v]", next, MinInterval)
		}
		if ticks == 40 { // the person presses esc
			cancel()
		}
	})
	if free || !errors.Is(err, context.Canceled) {
		t.Fatalf("Run = %v, %v; want context.Canceled", free, err)
	}
	if ticks != 40 {
		t.Errorf("%d ticks after cancel, want 40", ticks)
	}
	if len(p.calls) != 3 { // 0, 15 and 30 s; cancelled at 40 s
		t.Errorf("%d checks, want 3", len(p.calls))
	}
}

func TestWaiterCancelledBeforeStart(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	calls := 0
	w := Waiter{Check: func(context.Context) (*playlist.Account, error) { calls++; return nil, nil }}
	if free, err := w.Run(ctx, nil); free || !errors.Is(err, context.Canceled) {
		t.Errorf("Run = %v, %v", free, err)
	}
	if calls != 0 {
		t.Errorf("%d checks after cancel", calls)
	}
}

func TestSlotFree(t *testing.T) {
	tests := []struct {
		name        string
		max, active int
		want        bool
	}{
		{"one of one in use", 1, 1, false},
		{"none of one in use", 1, 0, true},
		{"one of two in use", 2, 1, true},
		{"over the limit", 1, 2, false},
		{"unknown limit, idle", 0, 0, true},
		{"unknown limit, busy", 0, 1, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := &playlist.Account{MaxConnections: tt.max, ActiveConnections: tt.active}
			if got := SlotFree(a); got != tt.want {
				t.Errorf("SlotFree = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestWaiterWithoutCheck(t *testing.T) {
	if free, err := (&Waiter{}).Run(context.Background(), nil); free || err == nil {
		t.Errorf("Run = %v, %v; want an error", free, err)
	}
}
