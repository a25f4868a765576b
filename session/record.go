package session

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/tuner-iptv/tuner/playlist"
	"github.com/tuner-iptv/tuner/session/lease"
	"github.com/tuner-iptv/tuner/session/record"
)

// RecordRequest says how long to record and where.
type RecordRequest struct {
	// Until is when the recording ends by itself; zero records until
	// stopped.
	Until time.Time
	// Dir is the folder the file and its info go to.
	Dir string
	// Title is the programme's, named in the file; "" when not known.
	Title string
	// Remux is "mkv" to remux the finished file to Matroska with ffmpeg
	// (the TS is kept when that fails), "" to keep the TS.
	Remux string
}

// Recording is a channel being written to a file through the gate, holding
// a slot of its account under a lease of kind "recording" until it ends.
type Recording struct {
	m     *Manager
	ch    playlist.Channel
	acct  Account
	lease lease.Lease
	rec   *record.Recorder
	up    *upstream
	ended chan struct{} // closed once the lease is given back
	done  chan struct{} // closed once the file is final too, after any remux
}

// Channel is what is recorded.
func (r *Recording) Channel() playlist.Channel { return r.ch }

// Lease is the recording's lease as taken.
func (r *Recording) Lease() lease.Lease { return r.lease }

// Path is the recording's file: the TS as it records, the MKV once Done
// when it was remuxed.
func (r *Recording) Path() string { return r.rec.Path() }

// Info is the recording's info as it stands (what its info file says).
func (r *Recording) Info() record.Info { return r.rec.Info() }

// Ended is closed once the recording has ended, its file is closed, its
// provider connection hung up and its lease given back: the slot is free
// and it is no longer among Recordings, though a remux may still run.
func (r *Recording) Ended() <-chan struct{} { return r.ended }

// Done is closed after Ended once the file is final: remuxed, or kept as
// the TS. Path then names the file to keep.
func (r *Recording) Done() <-chan struct{} { return r.done }

// Err is why the recording ended early (a full disk), nil while it records
// and when it reached its end or was stopped.
func (r *Recording) Err() error { return r.rec.Err() }

// Stop ends the recording and waits until its lease is given back, not
// for a remux: what waits for the slot need not wait for ffmpeg.
func (r *Recording) Stop(ctx context.Context) error {
	r.rec.End()
	select {
	case <-r.ended:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// Record starts recording ch into req.Dir and returns once the provider
// sends the stream, with a *RefusedError when it refuses. The recording
// holds its own slot: when every slot of the account is taken (a channel
// playing on a one-slot account, another recording, another tuner) it is
// refused with a *SlotTakenError naming what holds it, and nothing is
// stopped: a person who records the match does not expect the film they
// are watching to go. It never opens a second connection. It runs until
// req.Until, Stop, the end of ctx or Close; a provider that drops or
// refuses meanwhile is asked again at a polite pace, the gap noted in the
// info file.
func (m *Manager) Record(ctx context.Context, ch playlist.Channel, req RecordRequest) (*Recording, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.isClosing() {
		return nil, errors.New("record: already closed")
	}
	if !playlist.IsHTTP(ch.URL) || pageSite(ch.URL) != "" {
		return nil, fmt.Errorf("%s: only http(s) streams can be recorded", ch.Name)
	}
	acct := m.account(ch)
	if err := m.slotFor(acct); err != nil {
		return nil, err
	}
	l, err := m.store.Acquire(lease.Lease{Provider: acct.Provider, Username: acct.Username, Channel: ch.Name,
		Kind: playlist.KindRecording.String(), Title: req.Title, Until: req.Until,
		URL: playlist.MaskURL(ch.URL), HLS: looksHLS(ch.URL), PlayerName: "recorder"})
	if err != nil {
		return nil, err
	}
	r := &Recording{m: m, ch: ch, acct: acct, lease: l, ended: make(chan struct{}), done: make(chan struct{})}
	// Stop and Close call off a first open that is still waiting.
	start, cancelStart := context.WithCancel(context.Background())
	defer cancelStart()
	m.setStartCancel(cancelStart)
	defer m.setStartCancel(nil)
	g, err := m.ensureGate()
	if err == nil {
		r.up = &upstream{m: m, g: g, ch: ch, acct: acct, until: req.Until, start: start}
		r.rec, err = record.Start(ctx, m.recordOptions(ch, req, r.up))
	}
	if err != nil {
		if r.up != nil {
			r.up.stop()
		}
		m.releaseRecording(r)
		return nil, err
	}
	if l, err := m.store.Update(l.ID, func(l *lease.Lease) { l.Gate = g.Addr() }); err == nil {
		r.lease = l
	}
	m.addRecording(r)
	go r.watch()
	m.log.Info("recording", "account", acct.Name(), "channel", ch.Name, "file", r.rec.Path(), "until", req.Until)
	return r, nil
}

// watch gives the slot back once the recorder has ended, then waits for
// the remux, which needs no slot.
func (r *Recording) watch() {
	<-r.rec.Ended()
	r.up.stop()
	r.m.removeRecording(r)
	r.m.releaseRecording(r)
	<-r.rec.Done()
	close(r.done)
}

func (m *Manager) releaseRecording(r *Recording) {
	defer close(r.ended)
	if _, err := m.store.Release(r.lease.ID, lease.Clean); err != nil {
		m.log.Warn("lease release failed: the slot may not have been recorded as given back",
			"account", r.acct.Name(), "channel", r.ch.Name, "err", err)
		return
	}
	m.log.Info("released", "account", r.acct.Name(), "channel", r.ch.Name, "how", "clean", "kind", "recording")
}

func (m *Manager) recordOptions(ch playlist.Channel, req RecordRequest, up *upstream) record.Options {
	return record.Options{
		Dir: req.Dir, Channel: ch.Name, Title: req.Title, Source: ch.Source, URL: playlist.MaskURL(ch.URL),
		Until: req.Until, Open: up.open, Refused: isRefusal, Explain: m.explain, Remux: req.Remux,
		Waits: recordWaits(m.opts.ReconnectWait), StableFor: stableFor, Clock: m.clock, Log: m.log,
	}
}

// recordWaits paces a recording's reconnects from the playback's own wait,
// slowing down while the provider stays away: a recording runs unattended,
// so it keeps asking, but never so often a panel takes it for an attack.
func recordWaits(first time.Duration) []time.Duration {
	out := []time.Duration{first}
	for _, k := range []time.Duration{2, 4, 8, 16, 20} {
		out = append(out, min(first*k, 2*time.Minute))
	}
	return out
}

func isRefusal(err error) bool {
	var re *RefusedError
	return errors.As(err, &re) && re.Refusal != nil && re.Refusal.Status != 0
}

// explain is what a recording's info says about what went wrong: the
// refusal's diagnosis when the Manager was given one, else plain words.
func (m *Manager) explain(err error) string {
	var re *RefusedError
	if errors.As(err, &re) && re.Refusal != nil && m.opts.Explain != nil {
		if s := m.opts.Explain(re.Refusal); s != "" {
			return s
		}
	}
	return Words(err)
}

// Recordings are the recordings under way, oldest first.
func (m *Manager) Recordings() []*Recording {
	m.stateMu.Lock()
	defer m.stateMu.Unlock()
	return append([]*Recording(nil), m.recs...)
}

func (m *Manager) addRecording(r *Recording) {
	m.stateMu.Lock()
	defer m.stateMu.Unlock()
	m.recs = append(m.recs, r)
}

func (m *Manager) removeRecording(r *Recording) {
	m.stateMu.Lock()
	defer m.stateMu.Unlock()
	for i, x := range m.recs {
		if x == r {
			m.recs = append(m.recs[:i:i], m.recs[i+1:]...)
			return
		}
	}
}

// stopRecordings ends every recording and waits for their leases to be
// given back; Close calls it.
func (m *Manager) stopRecordings(ctx context.Context) error {
	var errs []error
	for _, r := range m.Recordings() {
		errs = append(errs, r.Stop(ctx))
	}
	return errors.Join(errs...)
}
