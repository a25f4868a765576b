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

// zapBackoff is how long Play waits before each new attempt when the provider
// refuses a zap because it has not yet counted the close of the stream tuner
// ended a moment before. Panels that notice a closed TCP connection late do
// so within a second or so; the waits add up to 3.75 s, after which the slot
// is taken for some other reason and trying again would only look like
// hammering, which panels punish.
var zapBackoff = []time.Duration{250 * time.Millisecond, 500 * time.Millisecond, time.Second, 2 * time.Second}

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
}

// zapOf is what Play needs to know about the playback it is about to stop
// for one on acct. Call it before stopping pb.
func zapOf(pb *playback, acct Account) zap {
	if pb == nil || pb.finished() || pb.stream == nil || !sameAccount(pb.acct, acct) {
		return zap{}
	}
	return zap{own: true, hls: pb.stream.HLS(), channel: pb.ch.Name}
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
// over-limit refusal a few times with growing waits (zapBackoff), for panels
// that count the close of tuner's previous stream a moment late; ctx (which
// Stop and Close cancel) ends the wait at once.
func (m *Manager) openStream(ctx context.Context, g *gate.Gate, req gate.Request, z zap, ch playlist.Channel) (*gate.Stream, error) {
	for attempt := 0; ; attempt++ {
		s, err := g.Open(ctx, req)
		if err == nil || attempt >= len(zapBackoff) || !z.retries(err) {
			if err == nil && attempt > 0 {
				m.log.Info("zap: the provider counted the previous stream's close", "channel", ch.Name, "retries", attempt)
			}
			return s, err
		}
		wait := zapBackoff[attempt]
		m.log.Info("zap: refused while the provider still counts the previous stream; retrying",
			"channel", ch.Name, "previous", z.channel, "status", http.StatusUnauthorized,
			"retry", attempt+1, "of", len(zapBackoff), "wait", wait.String())
		m.emit(Event{State: Starting, Channel: ch, Message: "waiting for the provider to count the last channel's close..."})
		if !sleep(ctx, wait) {
			return nil, ctx.Err()
		}
	}
}

// sleep waits d and reports whether ctx was still live at the end.
func sleep(ctx context.Context, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
		return false
	}
}
