package check

import (
	"context"
	"time"
)

// pacer spaces the requests to one source: panels ban addresses that hammer
// them, and a check must never be the reason.
type pacer struct {
	gap   time.Duration
	now   func() time.Time
	sleep func(ctx context.Context, d time.Duration) error
	last  time.Time // when the previous request ended; zero before the first
}

// do waits until gap has passed since the previous request ended, runs fn,
// and notes when it ended.
func (p *pacer) do(ctx context.Context, fn func() error) error {
	if !p.last.IsZero() && p.gap > 0 {
		if d := p.gap - p.now().Sub(p.last); d > 0 {
			if err := p.sleep(ctx, d); err != nil {
				return err
			}
		}
	}
	err := fn()
	p.last = p.now()
	return err
}

func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return context.Cause(ctx)
	}
}
