package session

import "time"

// defaultStallAfter is how long no bytes may arrive from the provider
// before the screen says so. An HLS player fetches a segment every few
// seconds, so there the quiet between two is normal for hlsStallFactor
// times as long.
const (
	defaultStallAfter = 5 * time.Second
	hlsStallFactor    = 3
)

// statsEvent is the Playing event with fresh stats, and how long the
// provider has sent nothing when that is long enough to tell.
func (pb *playback) statsEvent() Event {
	e := Event{State: Playing, Channel: pb.ch, Stats: pb.stats()}
	if d := pb.quiet(time.Now()); d > 0 {
		e.Stats.Stalled = d.Truncate(time.Second)
	}
	return e
}

// quiet is how long the provider has sent no bytes, once that passed the
// stall threshold; 0 otherwise, and before the first byte.
func (pb *playback) quiet(now time.Time) time.Duration {
	if pb.stream == nil {
		return 0
	}
	last := pb.stream.LastByteAt()
	if last.IsZero() {
		return 0
	}
	limit := pb.m.opts.StallAfter
	if pb.stream.HLS() {
		limit *= hlsStallFactor
	}
	if d := now.Sub(last); d >= limit {
		return d
	}
	return 0
}
