package diagnose

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/tuner-iptv/tuner/playlist"
)

// Clock is the time source of Waiter, so tests can run it instantly.
type Clock interface {
	Now() time.Time
	After(d time.Duration) <-chan time.Time
}

type realClock struct{}

func (realClock) Now() time.Time                         { return time.Now() }
func (realClock) After(d time.Duration) <-chan time.Time { return time.After(d) }

// DefaultWaitTimeout is how long Waiter waits for a slot when Timeout is unset.
const DefaultWaitTimeout = 3 * time.Minute

// tickEvery is how often Run reports its countdown.
const tickEvery = time.Second

// ErrAccountUnusable is returned by Run when the account info shows that
// waiting cannot help (credentials rejected, expired, banned, disabled).
var ErrAccountUnusable = errors.New("the account cannot play")

// Waiter waits politely for a connection slot to free up. It asks only for
// account info (Check), at most once per Interval, and never opens a stream:
// panels ban addresses that retry stream URLs in a loop.
type Waiter struct {
	// Interval between two checks; anything below MinInterval is raised to it.
	Interval time.Duration
	// Timeout after which Run gives up; DefaultWaitTimeout when zero.
	Timeout time.Duration
	// Check asks the provider for account info (player_api.php, which uses
	// no stream slot). It must not touch a stream URL.
	Check func(ctx context.Context) (*playlist.Account, error)
	// LastCheck is when the account info was last asked for, for example by
	// the diagnosis just before; the first check waits until Interval after
	// it. Zero means check at once.
	LastCheck time.Time
	// Clock is the time source; nil means the real clock.
	Clock Clock
}

// Run checks the account until a slot is free (true, nil), Timeout passes
// (false, nil, or the last check's error if it failed), the account turns out
// unusable (false, an error wrapping ErrAccountUnusable), or ctx is done
// (false, ctx.Err()). tick, if not nil, is called about once a second with
// the time left before giving up and before the next check, for a countdown.
func (w *Waiter) Run(ctx context.Context, tick func(remaining, next time.Duration)) (bool, error) {
	if w.Check == nil {
		return false, errors.New("waiting for a slot: no way to check the account")
	}
	clk := w.clock()
	interval := max(w.Interval, MinInterval)
	start := clk.Now()
	deadline := start.Add(w.timeout())
	next := start
	if !w.LastCheck.IsZero() && w.LastCheck.Add(interval).After(start) {
		next = w.LastCheck.Add(interval)
	}
	var lastErr error
	for {
		if err := ctx.Err(); err != nil {
			return false, err
		}
		if now := clk.Now(); !now.Before(next) && !now.After(deadline) {
			next = now.Add(interval)
			free, err := w.check(ctx, interval, now)
			if free || errors.Is(err, ErrAccountUnusable) {
				return free, err
			}
			if ctx.Err() != nil {
				return false, ctx.Err()
			}
			lastErr = err
		}
		now := clk.Now()
		if !now.Before(deadline) {
			return false, lastErr
		}
		if tick != nil {
			tick(deadline.Sub(now), max(next.Sub(now), 0))
		}
		select {
		case <-ctx.Done():
			return false, ctx.Err()
		case <-clk.After(pause(now, next, deadline)):
		}
	}
}

// pause is how long to sleep: until the next countdown tick, check or
// deadline, whichever comes first.
func pause(now, next, deadline time.Time) time.Duration {
	d := min(tickEvery, deadline.Sub(now))
	if untilCheck := next.Sub(now); untilCheck < d {
		d = max(untilCheck, 0)
	}
	return d
}

// check runs one Check, bounded by the interval so a hanging request cannot
// delay the next one.
func (w *Waiter) check(ctx context.Context, interval time.Duration, now time.Time) (bool, error) {
	cctx, cancel := context.WithTimeout(ctx, interval)
	defer cancel()
	a, err := w.Check(cctx)
	if err != nil {
		return false, fmt.Errorf("account info: %s", safeErr(err))
	}
	if a == nil {
		return false, errors.New("account info: empty answer")
	}
	if err := usable(a, now); err != nil {
		return false, err
	}
	return SlotFree(a), nil
}

// SlotFree reports whether the account has a connection to spare. An
// unknown limit (0) counts as free only when nothing is in use.
func SlotFree(a *playlist.Account) bool {
	if a.MaxConnections <= 0 {
		return a.ActiveConnections == 0
	}
	return a.ActiveConnections < a.MaxConnections
}

func usable(a *playlist.Account, now time.Time) error {
	switch {
	case !a.Auth:
		return fmt.Errorf("%w: the provider no longer accepts the username and password", ErrAccountUnusable)
	case strings.EqualFold(a.Status, "Banned"), strings.EqualFold(a.Status, "Disabled"), strings.EqualFold(a.Status, "Expired"):
		return fmt.Errorf("%w: its status is %s", ErrAccountUnusable, playlist.OneLine(a.Status))
	case !a.ExpiresAt.IsZero() && a.ExpiresAt.Before(now):
		return fmt.Errorf("%w: it expired on %s", ErrAccountUnusable, day(a.ExpiresAt))
	}
	return nil
}

func (w *Waiter) clock() Clock {
	if w.Clock == nil {
		return realClock{}
	}
	return w.Clock
}

func (w *Waiter) timeout() time.Duration {
	if w.Timeout <= 0 {
		return DefaultWaitTimeout
	}
	return w.Timeout
}
