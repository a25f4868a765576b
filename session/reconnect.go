package session

import (
	"context"
	"errors"
	"time"

	"github.com/tuner-iptv/tuner/session/player"
)

// defaultReconnectWait is how long tuner waits before it opens a stream the
// provider cut: long enough not to look like hammering to a panel that
// counts opens, short enough that the person is still watching.
const defaultReconnectWait = 3 * time.Second

// stableFor is how long a reconnected stream must play before another cut
// earns another reconnect: a panel that cuts it again at once (another
// device keeps taking the slot) gets no second try, so two devices never
// take turns kicking each other.
const stableFor = time.Minute

// cutError is a stream the provider ended in the middle: its text is
// ErrCut's, and the cause (EOF, a reset) stays for errors.Is.
type cutError struct{ err error }

func (e cutError) Error() string { return ErrCut.Error() }
func (e cutError) Unwrap() []error {
	return []error{ErrCut, e.err}
}

// reconnects reports whether a cut of this playback is met with one more
// try: only once it had played, and not again for a reconnect that was cut
// before it played stableFor.
func (pb *playback) reconnects() bool {
	first := pb.stream.FirstByteAt()
	if first.IsZero() || !pb.reported.Load() || pb.m.isClosing() {
		return false
	}
	return pb.attempt == 0 || time.Since(first) >= stableFor
}

// planReconnect opens the channel of a cut playback again after the polite
// wait, unless the person played something else, stopped, or quit
// meanwhile. The plan is recorded before this returns, so a Stop that
// comes after the watcher cannot miss it.
func (m *Manager) planReconnect(pb *playback) {
	ctx, cancel := context.WithCancel(context.Background())
	if !m.setReconnect(cancel) {
		cancel()
		return
	}
	go func() {
		defer cancel()
		m.reconnect(ctx, pb)
	}()
}

func (m *Manager) reconnect(ctx context.Context, pb *playback) {
	if !m.sleep(ctx, m.opts.ReconnectWait) {
		return
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.closed || m.current() != pb || ctx.Err() != nil {
		return
	}
	m.log.Info("reconnecting after the provider cut the stream", "channel", pb.ch.Name, "attempt", pb.attempt+1)
	// A film picks up where the cut left it, not from the start.
	at, _ := pb.sample()
	if _, ok := m.player.(player.Seeker); !ok {
		at = 0
	}
	if err := m.playLocked(ctx, pb.ch, pb.attempt+1, at); err != nil && !errors.Is(err, ErrStopped) {
		m.log.Info("reconnect failed", "channel", pb.ch.Name, "err", Words(err))
	}
}

// setReconnect records how to call off a pending reconnect, and reports
// false when Close has begun.
func (m *Manager) setReconnect(c context.CancelFunc) bool {
	m.stateMu.Lock()
	defer m.stateMu.Unlock()
	if m.closing {
		return false
	}
	m.pendingReconnect = c
	return true
}

// cancelReconnect calls off a pending reconnect: the person played, stopped
// or quit.
func (m *Manager) cancelReconnect() {
	m.stateMu.Lock()
	c := m.pendingReconnect
	m.stateMu.Unlock()
	if c != nil {
		c()
	}
}

func (m *Manager) current() *playback {
	m.stateMu.Lock()
	defer m.stateMu.Unlock()
	return m.cur
}
