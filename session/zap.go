package session

import (
	"context"
	"errors"
	"net/http"
	"regexp"
	"time"

	"github.com/tuner-iptv/tuner/playlist"
	"github.com/tuner-iptv/tuner/session/gate"
)

// defaultZapWaits are how long Play waits before each new attempt when the
// provider refuses a zap because it has not yet counted the close of the
// stream tuner ended a moment before. Panels that notice a closed TCP
// connection late mostly do so within a second or so; the waits add up to
// 3.75 s, after which, on an account not seen to count a close longer, the
// slot is taken for some other reason and trying again would only look like
// hammering, which panels punish.
func defaultZapWaits() []time.Duration {
	return []time.Duration{250 * time.Millisecond, 500 * time.Millisecond, time.Second, 2 * time.Second}
}

// defaultZapWindow bounds the retries of a zap on an account seen to count a
// close longer than the designed waits cover.
const defaultZapWindow = 10 * time.Second

// Clock is the time source of the zap retries, so tests can run them at once.
type Clock interface {
	Now() time.Time
	After(d time.Duration) <-chan time.Time
}

type realClock struct{}

func (realClock) Now() time.Time                         { return time.Now() }
func (realClock) After(d time.Duration) <-chan time.Time { return time.After(d) }

// zap describes the stream this Play closed before opening the next one, as
// far as it matters for a refusal of the next one.
type zap struct {
	// own is set when tuner itself closed a stream of its own, on the same
	// account and through the gate, as part of this Play: then a refusal may
	// only mean the provider still counts that stream.
	own bool
	// hls is set when that stream was HLS: panels count an HLS session for
	// 30-60 s after its last request, which a short retry cannot cover.
	hls     bool
	channel string
	account string    // the account's name, for what its panel was seen to do
	closed  time.Time // when Play closed that stream
}

// zapOf is what Play needs to know about the playback it is about to stop
// for one on acct. Call it before stopping pb.
func zapOf(pb *playback, acct Account) zap {
	if pb == nil || pb.finished() || pb.stream == nil || !sameAccount(pb.acct, acct) {
		return zap{}
	}
	return zap{own: true, hls: pb.stream.HLS(), channel: pb.ch.Name, account: acct.Name()}
}

func sameAccount(a, b Account) bool {
	return a.Provider == b.Provider && a.Username == b.Username
}

// retries reports whether a refusal of the next stream is worth the short
// retries: only after tuner closed its own TS stream on the account, and only
// for an over-limit answer.
func (z zap) retries(err error) bool {
	if !z.own || z.hls {
		return false
	}
	var re *gate.RefusedError
	return errors.As(err, &re) && overLimit(re.Refusal)
}

// iisSubstatus finds an IIS 401 substatus (401.1 to 401.504) in an error
// page: those name a cause (credentials, deny lists, rate limits) that
// waiting a second does not fix.
var iisSubstatus = regexp.MustCompile(`\b401\.[0-9]`)

// overLimit reports the answer panels give a connection beyond the account's
// limit: 401 with no WWW-Authenticate challenge (a challenge asks for
// credentials). 403 is left alone: panels send it for expired, banned and
// disabled accounts and for address locks, none of which clear in seconds,
// and a retried 403 only adds requests from an address the panel already
// distrusts.
func overLimit(r *gate.Refusal) bool {
	return r != nil && r.Err == nil && r.Status == http.StatusUnauthorized &&
		len(r.Header.Values("Www-Authenticate")) == 0 && !iisSubstatus.Match(r.Body)
}

// openStream opens req through the gate. After a zap it retries an
// over-limit refusal with growing waits, for panels that count the close of
// tuner's previous stream a moment late; ctx (which Stop and Close cancel)
// ends the wait at once. How long such a refusal persisted after the close
// is remembered per account, and the next zap on it keeps trying that much
// longer (zapWait).
func (m *Manager) openStream(ctx context.Context, g *gate.Gate, req gate.Request, z zap, ch playlist.Channel) (*gate.Stream, error) {
	seen := m.lingers[z.account]
	for attempt := 0; ; attempt++ {
		s, err := g.Open(ctx, req)
		if err == nil || !z.retries(err) {
			if err == nil && attempt > 0 {
				m.log.Info("zap: the provider counted the previous stream's close", "channel", ch.Name, "retries", attempt)
			}
			return s, err
		}
		since := m.clock.Now().Sub(z.closed)
		m.lingers[z.account] = max(m.lingers[z.account], since)
		wait, ok := zapWait(m.opts.ZapWaits, attempt, since, seen, m.opts.ZapWindow)
		if !ok {
			return nil, err
		}
		m.log.Info("zap: refused while the provider still counts the previous stream; retrying",
			"channel", ch.Name, "previous", z.channel, "status", http.StatusUnauthorized,
			"retry", attempt+1, "since_close", since.String(), "wait", wait.String())
		m.emit(Event{State: Starting, Channel: ch, Message: "waiting for the provider to count the last channel's close..."})
		if !m.sleep(ctx, wait) {
			return nil, ctx.Err()
		}
	}
}

// zapWait is the wait before the next attempt of a zap refused for the
// attempt-th time (from 0), elapsed after tuner closed its own stream, or
// false when trying again is over. The designed waits come first. Past
// them, on an account whose panel was seen refusing seen after a close,
// attempts go on at the last wait's pace until twice that has passed since
// the close, and never past window.
func zapWait(waits []time.Duration, attempt int, elapsed, seen, window time.Duration) (time.Duration, bool) {
	if attempt < len(waits) {
		return waits[attempt], true
	}
	if len(waits) == 0 {
		return 0, false
	}
	left := min(2*seen, window) - elapsed
	if left < waits[0] {
		return 0, false
	}
	return min(waits[len(waits)-1], left), true
}

// sleep waits d on the Manager's clock and reports whether ctx was still
// live at the end.
func (m *Manager) sleep(ctx context.Context, d time.Duration) bool {
	select {
	case <-m.clock.After(d):
		return true
	case <-ctx.Done():
		return false
	}
}
