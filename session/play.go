package session

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"sync"
	"sync/atomic"
	"time"

	"github.com/tuner-iptv/tuner/internal/httpc"
	"github.com/tuner-iptv/tuner/playlist"
	"github.com/tuner-iptv/tuner/session/gate"
	"github.com/tuner-iptv/tuner/session/lease"
	"github.com/tuner-iptv/tuner/session/player"
)

// playback is one channel being played: its lease, its gate stream (nil in
// direct mode) and the goroutine watching it. The fields above cancel are
// fixed before the watcher starts.
type playback struct {
	m      *Manager
	ch     playlist.Channel
	acct   Account
	lease  lease.Lease
	stream *gate.Stream
	// file is a local file the gate serves (watch.go): no provider
	// connection and no lease of its own; nil otherwise.
	file    *gate.FileStream
	gen     int // the player's generation for this channel
	started time.Time
	attempt int    // 0, or how many reconnects after a cut led to this playback
	note    string // said beside playing: a web page handed to the player
	kind    playlist.Kind

	posMu       sync.Mutex    // guards pos and length, read by the watcher and the stop
	pos, length time.Duration // the last position the player reported

	cancel   context.CancelFunc // stops the watcher; set under Manager.mu
	watched  chan struct{}      // closed when the watcher has returned
	ready    chan error         // the start's outcome, sent once (reported)
	reported atomic.Bool

	done chan struct{} // closed by finish: upstream closed, lease released
	err  error         // what finish returned; read after done
}

func (pb *playback) finished() bool {
	select {
	case <-pb.done:
		return true
	default:
		return false
	}
}

// finish closes the upstream, stops the player when asked and releases the
// lease; later calls return the first one's error. Only the playback's owner
// calls it (doc.go): the watcher while it runs, and otherwise, once the
// watcher has returned or before it starts, the holder of Manager.mu. So
// two calls never overlap.
func (pb *playback) finish(ctx context.Context, how lease.How, stopPlayer bool) error {
	if pb.finished() {
		return pb.err
	}
	// Read before the player stops, kept after the slot is given back.
	pos, length := pb.sample()
	defer pb.keepPosition(pos, length)
	if pb.stream != nil {
		pb.stream.Stop()
	}
	var errs []error
	if stopPlayer {
		errs = append(errs, pb.m.player.Stop(ctx))
	}
	if pb.file != nil {
		pb.file.Stop()
		pb.err = errors.Join(errs...)
		close(pb.done)
		return pb.err
	}
	if _, err := pb.m.store.Release(pb.lease.ID, how); err != nil {
		errs = append(errs, err)
		pb.releaseFailed(err)
	} else {
		pb.m.log.Info("released", "account", pb.acct.Name(), "channel", pb.ch.Name, "how", string(how))
	}
	pb.err = errors.Join(errs...)
	close(pb.done)
	return pb.err
}

// releaseFailed logs a lease that could not be written as given back, and
// has the next event tell the screen. A lease the store no longer has is
// not recorded as held either, so it is only logged.
func (pb *playback) releaseFailed(err error) {
	pb.m.log.Warn("lease release failed: the slot may not have been recorded as given back",
		"account", pb.acct.Name(), "channel", pb.ch.Name, "err", err)
	if !errors.Is(err, lease.ErrNotFound) {
		pb.m.events.warn(&ReleaseError{Account: pb.acct.Name(), Channel: pb.ch.Name, Err: err})
	}
}

// Play stops whatever plays (closing its upstream connection before the new
// one opens), then starts ch. It returns once the stream plays, or with a
// *RefusedError, a *SlotBusyError or another error.
func (m *Manager) Play(ctx context.Context, ch playlist.Channel) error {
	m.cancelReconnect()
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.playLocked(ctx, ch, 0, 0)
}

// playLocked is Play with m.mu held; attempt counts the reconnects after a
// cut that led to it, and at is where in the file to start.
func (m *Manager) playLocked(ctx context.Context, ch playlist.Channel, attempt int, at time.Duration) error {
	if m.isClosing() {
		return errors.New("playback: already closed")
	}
	if m.opts.RecordOnly {
		return errors.New("playback: this tuner only records")
	}
	m.emit(Event{State: Starting, Channel: ch, Message: "starting " + ch.Name + "..."})
	acct := m.account(ch)
	if err := m.recordingHolds(acct); err != nil {
		m.emit(Event{State: Failed, Channel: ch, Err: err, Message: err.Error()})
		return err
	}
	z := zapOf(m.cur, acct)
	// Zapping keeps a reusable player running: only the upstream closes here,
	// and the player's next load replaces what it showed.
	if err := m.stopLocked(ctx, false); err != nil {
		m.log.Warn("stopping the previous channel", "err", err)
	}
	z.closed = m.clock.Now()
	m.setCurrent(nil, acct)
	if holders := m.othersHolding(acct); len(holders) >= acct.limit() {
		err := &SlotBusyError{Account: acct.Name(), Limit: acct.limit(), Holders: holders}
		m.emit(Event{State: Failed, Channel: ch, Err: err, Message: err.Error()})
		return err
	}
	// Stop and Close cancel a start that is still under way.
	sctx, cancelStart := context.WithCancel(ctx)
	defer cancelStart()
	m.setStartCancel(cancelStart)
	defer m.setStartCancel(nil)
	pb, err := m.start(sctx, ch, acct, z, at)
	if err != nil {
		// After a zap the player may still show the channel whose upstream
		// just closed; stop it so the screen does not claim it plays.
		m.player.Stop(context.WithoutCancel(ctx))
		return m.startFailed(ctx, sctx, ch, err)
	}
	pb.attempt = attempt
	m.setCurrent(pb, acct)
	wctx, cancel := context.WithCancel(context.WithoutCancel(ctx))
	pb.cancel = cancel
	go pb.watch(wctx)
	if err := pb.waitReady(sctx, m.opts.StartTimeout); err != nil {
		pb.cancel()
		<-pb.watched
		pb.finish(context.WithoutCancel(ctx), lease.Clean, true)
		return m.startFailed(ctx, sctx, ch, err)
	}
	m.emit(Event{State: Playing, Channel: ch, Message: "playing " + ch.Name, Note: pb.note})
	return nil
}

// ErrStopped is returned by Play when Stop or Close came before the stream
// started.
var ErrStopped = errors.New("playback stopped before the stream started")

// startFailed tells a start that Stop or Close cancelled from one that failed.
func (m *Manager) startFailed(ctx, sctx context.Context, ch playlist.Channel, err error) error {
	switch {
	case sctx.Err() != nil && ctx.Err() == nil:
		m.emit(Event{State: Stopped, Channel: ch, Message: "stopped"})
		return ErrStopped
	case ctx.Err() != nil:
		// The caller gave up: whatever the open was doing then (a request
		// cut off mid-way reads as a refusal), the answer is its cancellation.
		m.emit(Event{State: Stopped, Channel: ch, Message: "stopped"})
		return ctx.Err()
	}
	return m.failed(ch, err)
}

// failed reports a failed start as an event and returns err.
func (m *Manager) failed(ch playlist.Channel, err error) error {
	var re *RefusedError
	if errors.As(err, &re) {
		msg := err.Error()
		if re.Refusal.Err != nil {
			msg = "stream refused: " + Words(re.Refusal.Err)
		}
		m.emit(Event{State: Refused, Channel: ch, Refusal: re.Refusal, Err: err, Message: msg})
		return err
	}
	m.emit(Event{State: Failed, Channel: ch, Err: err, Message: Words(err)})
	return err
}

// start takes the lease, opens the upstream through the gate (unless direct)
// and hands the player its URL. z is the stream this Play closed first; one
// lease covers every attempt to open, so the lease history shows a single
// refused attempt however often a zap was retried.
func (m *Manager) start(ctx context.Context, ch playlist.Channel, acct Account, z zap, at time.Duration) (*playback, error) {
	site := pageSite(ch.URL)
	direct := acct.Direct || !playlist.IsHTTP(ch.URL) || site != ""
	upstream := acct.RequestURL(ch.URL) // the password goes in only here, as the request leaves
	if m.opts.Remote && direct {
		return nil, fmt.Errorf("%s: only http(s) streams can be watched on your own computer through tuner's gate", ch.Name)
	}
	if direct && !player.Private(m.player) && playlist.MaskURL(upstream) != upstream {
		return nil, fmt.Errorf("%s: playing this URL directly would show its password on %s's command line; use the gate (drop --direct) or mpv or vlc",
			ch.Name, m.player.Name())
	}
	l := lease.Lease{
		Provider: acct.Provider, Username: acct.Username, Channel: ch.Name,
		URL: playlist.MaskURL(ch.URL), HLS: looksHLS(ch.URL), PlayerName: m.player.Name(),
	}
	l.Kind, l.Title = leaseNames(ch)
	l, err := m.store.Acquire(l)
	if err != nil {
		return nil, err
	}
	pb := &playback{m: m, ch: ch, acct: acct, lease: l, started: time.Now(), kind: ch.Kind(),
		watched: make(chan struct{}), ready: make(chan error, 1), done: make(chan struct{})}
	target := upstream
	if !direct {
		g, err := m.ensureGate()
		if err == nil {
			pb.stream, err = m.openStream(ctx, g, gate.Request{URL: upstream, Header: requestHeader(ch, acct.UserAgent),
				Lazy: m.opts.Remote, OneClient: m.opts.Remote, Live: m.opts.Remote, Log: m.log,
				File: resumable(pb.kind)}, z, ch)
		}
		var page *gate.PageError
		switch {
		case errors.As(err, &page):
			// The gate let the page go; the player reads it from the URL itself.
			pb.stream, direct, site = nil, true, "this address"
			if !player.Private(m.player) && playlist.MaskURL(upstream) != upstream {
				pb.finish(context.WithoutCancel(ctx), lease.Clean, false)
				return nil, fmt.Errorf("%s: a web page with a password in its URL cannot be handed to %s, whose command line others can read; use mpv", ch.Name, m.player.Name())
			}
		case err != nil:
			pb.finish(context.WithoutCancel(ctx), lease.Clean, false)
			return nil, err
		default:
			target = pb.stream.URL()
		}
	}
	if site != "" {
		pb.note = pageNote(site, m.player.Name())
	}
	if hs, ok := m.player.(player.HeaderSetter); ok && direct {
		if err := hs.SetHeaders(ctx, requestHeader(ch, acct.UserAgent)); err != nil {
			pb.finish(context.WithoutCancel(ctx), lease.Clean, false)
			return nil, err
		}
	}
	if err := m.playFile(ctx, target, ch.Name, at); err != nil {
		pb.finish(context.WithoutCancel(ctx), lease.Clean, false)
		return nil, err
	}
	pb.gen = m.player.Gen()
	if m.opts.Remote {
		// Ready as soon as the gate waits: the player on the other computer
		// connects when the person runs it, and its stream reports from then on.
		pb.signal(nil)
	}
	l, err = m.store.Update(l.ID, func(l *lease.Lease) {
		l.Player = m.player.Process()
		if pb.stream != nil {
			l.Gate, l.HLS = m.gate.Addr(), pb.stream.HLS()
		}
	})
	if err == nil {
		pb.lease = l
	}
	m.log.Info("playing", "account", acct.Name(), "channel", ch.Name, "url", playlist.MaskURL(ch.URL), "direct", direct)
	return pb, nil
}

// waitReady waits for the start's outcome. Stop and Close end the wait
// through ctx.
func (pb *playback) waitReady(ctx context.Context, timeout time.Duration) error {
	t := time.NewTimer(timeout)
	defer t.Stop()
	select {
	case err := <-pb.ready:
		return err
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return fmt.Errorf("%s: the stream did not start within %s", pb.ch.Name, timeout)
	}
}

// signal reports the start's outcome to Play, once, and says whether this
// call did; after that, outcomes go to the events.
func (pb *playback) signal(err error) bool {
	if !pb.reported.CompareAndSwap(false, true) {
		return false
	}
	pb.ready <- err // its room was kept for this one send
	return true
}

// watch follows the player and the gate until the playback ends or is
// cancelled by a stop, and sends stats while it plays.
func (pb *playback) watch(ctx context.Context) {
	defer close(pb.watched)
	m := pb.m
	tick := time.NewTicker(m.opts.StatsEvery)
	defer tick.Stop()
	var gateDone <-chan struct{}
	var firstByte <-chan struct{}
	if pb.stream != nil {
		gateDone, firstByte = pb.stream.Done(), pb.stream.FirstByte()
	}
	if pb.file != nil {
		firstByte = pb.file.FirstByte()
	}
	for {
		select {
		case <-ctx.Done():
			return
		case <-firstByte:
			firstByte = nil
			pb.signal(nil)
		case <-gateDone:
			pb.gateEnded(ctx)
			return
		case e := <-m.player.Events():
			if e.Gen != pb.gen {
				continue // about an earlier channel
			}
			if pb.playerEvent(ctx, e) {
				return
			}
		case <-tick.C:
			// A player in the terminal shows its own status, and the screen
			// that would read these is handed over until it ends.
			if !m.PlaysInTerminal() {
				m.emitStats(pb.statsEvent())
			}
		}
	}
}

// playerEvent handles one player event and reports whether playback ended.
func (pb *playback) playerEvent(ctx context.Context, e player.Event) bool {
	switch e.Kind {
	case player.Started:
		if pb.stream == nil {
			pb.signal(nil)
		}
		return false
	case player.Ended, player.Exited:
	}
	if pb.stream != nil {
		// The gate knows better than the player why a stream failed.
		select {
		case <-pb.stream.Done():
			pb.gateEnded(ctx)
			return true
		case <-time.After(100 * time.Millisecond):
		}
	}
	err := pb.playerGone(e)
	// A player closed from outside (another tuner, tuner stop) says nothing
	// about the stream: asking the provider then could earn a 401 while the
	// other tuner holds the slot.
	if e.Err != nil && pb.stream == nil && pb.file == nil && !errors.Is(err, player.ErrClosed) {
		if re := pb.m.confirm(ctx, pb.ch, pb.acct, e.Err); re != e.Err {
			err = re
		}
	}
	how := lease.Clean
	if errors.Is(err, player.ErrClosed) {
		how = lease.Forced // stopped from outside: another tuner's take-over or tuner stop
	}
	pb.finish(ctx, how, e.Kind != player.Exited)
	msg := "the player stopped"
	if pb.file != nil && e.Kind == player.Ended {
		msg = "the end of the recording" // the player read the file out
	}
	pb.end(err, msg)
	return true
}

// gateEnded handles the upstream ending: refused, closed by the provider,
// or cut.
func (pb *playback) gateEnded(ctx context.Context) {
	_, ref, err := pb.stream.Ended()
	pb.finish(ctx, lease.Clean, true)
	if ref != nil {
		pb.end(&RefusedError{Refusal: ref}, "")
		return
	}
	if err != nil {
		err = cutError{err}
		if pb.reconnects() {
			pb.m.emit(Event{State: Starting, Channel: pb.ch, Err: err,
				Message: fmt.Sprintf("reconnecting in %d s: %s", int(pb.m.opts.ReconnectWait.Round(time.Second)/time.Second), Words(err))})
			pb.m.planReconnect(pb)
			return
		}
	}
	pb.end(err, "the provider closed the stream")
}

// end reports how a playback ended, to Play when it is still waiting and to
// the events otherwise.
func (pb *playback) end(err error, msg string) {
	if err == nil {
		if pb.signal(errors.New(msg)) {
			return
		}
		pb.m.emit(Event{State: Stopped, Channel: pb.ch, Message: msg})
		return
	}
	if !pb.signal(err) {
		pb.m.failed(pb.ch, err)
	}
}

// stats converts the player's report. Elapsed is wall-clock time since the
// start: a live stream's own clock says nothing useful.
func (pb *playback) stats() Stats {
	st := pb.m.player.Status()
	pos, length := pb.sample()
	return Stats{
		Elapsed: time.Since(pb.started).Truncate(time.Second), Width: st.Width, Height: st.Height,
		BitrateKbps:  int((st.VideoBitrate + st.AudioBitrate) / 1000),
		CacheSeconds: st.CacheSeconds, Position: pos, Length: length,
	}
}

// confirm checks a direct-mode failure with one GET whose body is never
// read, so the provider's answer can be shown instead of the player's vague
// error.
func (m *Manager) confirm(ctx context.Context, ch playlist.Channel, acct Account, playerErr error) error {
	if !playlist.IsHTTP(ch.URL) {
		return playerErr
	}
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, acct.RequestURL(ch.URL), nil)
	if err != nil {
		return playerErr
	}
	req.Header = requestHeader(ch, acct.UserAgent)
	resp, err := httpc.New(httpc.Options{DisableKeepAlives: true, Log: m.log}).Do(req)
	if err != nil {
		return &RefusedError{Refusal: &Refusal{URL: playlist.MaskURL(ch.URL), At: time.Now(), Err: maskedErr{err}, Resource: "stream"}}
	}
	resp.Body.Close()
	if resp.StatusCode < 400 {
		return playerErr
	}
	return &RefusedError{Refusal: &Refusal{Status: resp.StatusCode, Header: resp.Header.Clone(),
		URL: playlist.MaskURL(ch.URL), At: time.Now(), Resource: "stream"}}
}

// maskedErr keeps an error's cause for errors.Is while its text hides secrets.
type maskedErr struct{ err error }

func (e maskedErr) Error() string { return playlist.MaskURL(e.err.Error()) }
func (e maskedErr) Unwrap() error { return e.err }
