package session

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/tuner-iptv/tuner/playlist"
	"github.com/tuner-iptv/tuner/session/gate"
	"github.com/tuner-iptv/tuner/session/lease"
	"github.com/tuner-iptv/tuner/session/player"
)

// Options configure a Manager. The zero value plays with mpv through the
// gate, keeps leases in the default state directory and assumes one
// connection per account.
type Options struct {
	// Player is the player command, e.g. "mpv", "mpv --vo=null --ao=null",
	// "vlc", "ffplay", "myplayer --flag {url}". Default "mpv".
	Player        string
	PlayerOptions player.Options
	// Direct hands every URL straight to the player instead of the gate.
	Direct bool
	// Remote starts no player: the person watches on their own computer,
	// whose player reaches the gate through an SSH forward (GateURL). The
	// provider's connection opens only when that player connects, and only
	// one player is served per stream. Player and Direct do not apply.
	Remote bool
	// GatePort is the gate's port on 127.0.0.1; 0 picks a free one.
	GatePort int
	// Store keeps the leases; nil opens lease.DefaultDir.
	Store *lease.Store
	// Accounts describes the account behind each source, by source name.
	// Channels of other sources get an account made from their URL, with a
	// limit of Limit (default 1).
	Accounts map[string]Account
	Limit    int
	// Credentials fill passwords into channel URLs, by source name.
	Credentials map[string]playlist.Credentials
	// UserAgent is sent upstream when neither the channel nor its account
	// names one.
	UserAgent string
	// StartTimeout bounds how long Play waits for the stream to start; default 30 s.
	StartTimeout time.Duration
	// StatsEvery is how often Playing events with fresh Stats are sent; default 1 s.
	StatsEvery time.Duration
	// Logger receives what happens; nil discards. Nothing logged holds a password.
	Logger *slog.Logger
	// ZapWaits are the waits before each new attempt when the provider
	// refuses a zap right after tuner closed its own TS stream on the same
	// account; default 0.25, 0.5, 1 and 2 s.
	ZapWaits []time.Duration
	// ZapWindow bounds how long after that close a zap is retried on an
	// account whose panel was seen to count a close for longer than the
	// waits cover; default 10 s.
	ZapWindow time.Duration
	// StallAfter is how long the provider may send nothing before the
	// stats say so (Stats.Stalled); default 5 s, three times that for HLS.
	StallAfter time.Duration
	// ReconnectWait is how long tuner waits before opening again a stream
	// the provider cut while it played; default 3 s.
	ReconnectWait time.Duration
	// Clock times the zap retries and reconnects; nil is the real clock.
	Clock Clock
	// Positions keeps where a movie or an episode stopped, on every path
	// (stop, zap, quit, the player closing); nil keeps nothing.
	Positions Positions
	// RecordOnly makes a Manager that records and never plays (`tuner
	// record` on a server): no player is looked for, and Play fails.
	RecordOnly bool
	// Explain is what a recording's info file says for a refusal (cmd
	// hands in the diagnosis); nil says the refusal in plain words.
	Explain func(*Refusal) string
}

// Manager plays channels one at a time through a player and the stream gate,
// holding a lease on the account's slot while it does. It implements
// Controller. All methods are safe for concurrent use; doc.go says which
// lock guards what and who may call what.
type Manager struct {
	opts   Options // fixed after New, but for Accounts (stateMu)
	store  *lease.Store
	log    *slog.Logger
	clock  Clock
	player player.Player
	events *outbox

	// mu is held for the whole of Play, Stop and Close.
	mu       sync.Mutex
	gate     *gate.Gate
	closed   bool  // Close has run
	closeErr error // what it returned
	// lingers is, per account, the longest a zap's refusal was seen to
	// persist after tuner closed its own stream.
	lingers map[string]time.Duration

	// stateMu guards what must be read without waiting for a Play still
	// starting: cur and last change under both locks.
	stateMu sync.Mutex
	cur     *playback
	last    Account // the account of the latest Play
	// cancelStart cancels a Play that is still starting; nil when none is.
	cancelStart context.CancelFunc
	// pendingReconnect calls off a reconnect waiting after a cut; nil when none is.
	pendingReconnect context.CancelFunc
	closing          bool // Close has begun
	// recs are the recordings under way (record.go); each holds a slot.
	recs []*Recording
}

// New prepares a Manager. The player and the gate start with the first Play;
// a missing player program is reported by New, with how to install one.
func New(opts Options) (*Manager, error) {
	if opts.Player == "" {
		opts.Player = "mpv"
	}
	if opts.StartTimeout <= 0 {
		opts.StartTimeout = 30 * time.Second
	}
	if opts.StatsEvery <= 0 {
		opts.StatsEvery = time.Second
	}
	if opts.ZapWaits == nil {
		opts.ZapWaits = defaultZapWaits()
	}
	if opts.StallAfter <= 0 {
		opts.StallAfter = defaultStallAfter
	}
	if opts.ReconnectWait <= 0 {
		opts.ReconnectWait = defaultReconnectWait
	}
	if opts.ZapWindow <= 0 {
		opts.ZapWindow = defaultZapWindow
	}
	clock := opts.Clock
	if clock == nil {
		clock = realClock{}
	}
	log := opts.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	store := opts.Store
	if store == nil {
		s, err := lease.Open("")
		if err != nil {
			return nil, err
		}
		store = s
	}
	if !opts.Remote && !opts.RecordOnly {
		if err := player.HasDisplayFor(opts.PlayerOptions.Env); err != nil {
			return nil, err
		}
	}
	opts.PlayerOptions.Display = opts.PlayerOptions.Display || player.HasDisplay()
	p, err := newPlayer(opts)
	if err != nil {
		return nil, err
	}
	return &Manager{opts: opts, store: store, log: log, clock: clock, player: p, events: newOutbox(eventBuffer),
		lingers: map[string]time.Duration{}}, nil
}

func newPlayer(opts Options) (player.Player, error) {
	if opts.RecordOnly {
		return player.Remote(), nil // starts nothing; Play refuses before it is asked
	}
	if opts.Remote {
		if opts.Direct {
			return nil, errors.New("watching on your own computer needs tuner's gate; it cannot be combined with direct mode")
		}
		return player.Remote(), nil
	}
	return player.New(opts.Player, opts.PlayerOptions)
}

// Store is the lease store the Manager writes to.
func (m *Manager) Store() *lease.Store { return m.store }

// Events delivers playback changes until Close. Playing events with stats
// are dropped rather than delayed when nobody reads; every other event is
// delivered, in order, however late the reader comes.
func (m *Manager) Events() <-chan Event { return m.events.out }

// emit sends a change of state; it is never dropped and never blocks.
func (m *Manager) emit(e Event) { m.events.put(closedOutside(e), false) }

// emitStats sends a Playing event with fresh stats, unless the reader lags.
func (m *Manager) emitStats(e Event) {
	if !m.events.put(e, true) {
		m.log.Debug("stats dropped", "channel", e.Channel.Name)
	}
}

// SetAccount records (or updates) the account behind a source, for when it
// becomes known after New: an Xtream source's max_connections arrives with
// its first load.
func (m *Manager) SetAccount(source string, a Account) {
	m.stateMu.Lock()
	defer m.stateMu.Unlock()
	accounts := make(map[string]Account, len(m.opts.Accounts)+1)
	for k, v := range m.opts.Accounts {
		accounts[k] = v
	}
	accounts[source] = a
	m.opts.Accounts = accounts
}

// account is the account a channel plays on.
// AccountOf is the account ch's streams take a slot of, as the Manager
// knows it: for a schedule that counts the account's slots.
func (m *Manager) AccountOf(ch playlist.Channel) Account { return m.account(ch) }

func (m *Manager) account(ch playlist.Channel) Account {
	m.stateMu.Lock()
	a, ok := m.opts.Accounts[ch.Source]
	a.Credentials = m.opts.Credentials[ch.Source]
	m.stateMu.Unlock()
	if !ok {
		a.Limit = m.opts.Limit
	}
	if a.UserAgent == "" {
		a.UserAgent = m.opts.UserAgent
	}
	if m.opts.Direct {
		a.Direct = true
	}
	return accountOf(ch, a)
}

// Slots reports the slot the Manager holds, or the account of the last
// channel when it holds none.
func (m *Manager) Slots() SlotStatus {
	m.stateMu.Lock()
	pb, last, recs := m.cur, m.last, m.recs
	m.stateMu.Unlock()
	var st SlotStatus
	if pb == nil || pb.acct != last {
		st = SlotStatus{Account: last.Name(), Limit: last.limit()}
	} else {
		st = SlotStatus{Account: pb.acct.Name(), Limit: pb.acct.limit()}
		if !pb.finished() && pb.file == nil {
			st.Held, st.Channel = 1, pb.ch.Name
		}
	}
	return withRecordings(st, last, recs)
}

// Stop stops the player, closes the upstream connection and releases the
// lease. Stopping when nothing plays does nothing.
func (m *Manager) Stop(ctx context.Context) error {
	m.abortStart()
	m.cancelReconnect()
	m.mu.Lock()
	defer m.mu.Unlock()
	if pb := m.cur; pb != nil && pb.cancel != nil && pb.finished() {
		// Its watcher may still be planning a reconnect: let it end, then
		// call the plan off.
		pb.cancel()
		<-pb.watched
	}
	defer m.cancelReconnect()
	if m.cur == nil || m.cur.finished() {
		return nil
	}
	ch := m.cur.ch
	m.emit(Event{State: Stopping, Channel: ch, Message: "stopping..."})
	err := m.stopLocked(ctx, true)
	if m.opts.Remote && m.gate != nil {
		m.gate.EndLive() // no zap follows: the remote player hears so at once
	}
	m.emit(Event{State: Stopped, Channel: ch, Message: "stopped"})
	return err
}

// stopLocked ends the current playback: the watcher first, so it does not
// mistake this stop for the provider closing, then the upstream, the player
// when asked, and the lease.
func (m *Manager) stopLocked(ctx context.Context, stopPlayer bool) error {
	pb := m.cur
	if pb == nil {
		return nil
	}
	pb.cancel()
	<-pb.watched
	return pb.finish(ctx, lease.Clean, stopPlayer)
}

// Close stops everything, quits the player, closes the gate, releases the
// lease and closes Events. It is safe to call more than once and from a
// signal handler; later calls return the first call's result.
func (m *Manager) Close(ctx context.Context) error {
	if m.beginClose() {
		m.emit(Event{State: Stopping, Message: "stopping..."})
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.closed {
		return m.closeErr
	}
	m.closed = true
	err := errors.Join(m.stopLocked(ctx, false), m.stopRecordings(ctx))
	if m.events.warned() {
		// Nothing else follows to carry the lease's warning.
		m.emit(Event{State: Stopped, Message: "stopped"})
	}
	if m.player != nil {
		err = errors.Join(err, m.player.Close(ctx))
	}
	if m.gate != nil {
		err = errors.Join(err, m.gate.Close())
	}
	m.closeErr = err
	m.events.close()
	return err
}

// beginClose marks the Manager closing, so no Play starts any more, and
// cancels one still starting, so Close need not wait for a slow provider.
// It reports whether this call was the first.
func (m *Manager) beginClose() bool {
	m.stateMu.Lock()
	first, c := !m.closing, m.cancelStart
	m.closing = true
	r := m.pendingReconnect
	m.stateMu.Unlock()
	if c != nil {
		c()
	}
	if r != nil {
		r()
	}
	return first
}

func (m *Manager) isClosing() bool {
	m.stateMu.Lock()
	defer m.stateMu.Unlock()
	return m.closing
}

// ensureGate starts the gate on first use.
func (m *Manager) ensureGate() (*gate.Gate, error) {
	if m.gate != nil {
		return m.gate, nil
	}
	g, err := gate.NewOnPort(m.opts.GatePort)
	if err != nil {
		return nil, err
	}
	m.gate = g
	return g, nil
}

// SlotBusyError is returned by Play when other tuners on this machine already
// hold every slot of the account: playing would only earn a 401, or cut the
// other tuner's stream.
type SlotBusyError struct {
	Account string
	Limit   int
	Holders []lease.Lease
}

func (e *SlotBusyError) Error() string {
	h := e.Holders[0]
	return fmt.Sprintf("%s: another tuner on this machine (pid %d) holds the account's %d connection(s), playing %q; stop it or take the slot over",
		e.Account, h.Tuner.PID, e.Limit, h.What())
}

// othersHolding returns the live leases other tuners hold on the account.
func (m *Manager) othersHolding(a Account) []lease.Lease {
	act, err := m.store.Active()
	if err != nil {
		m.log.Warn("lease store unreadable", "err", err)
		return nil
	}
	self := lease.Self()
	var out []lease.Lease
	for _, l := range act {
		if l.Provider == a.Provider && l.Username == a.Username && l.Tuner != self && !l.Orphaned() {
			out = append(out, l)
		}
	}
	return out
}

// setCurrent records the playback and its account; callers hold m.mu.
func (m *Manager) setCurrent(pb *playback, acct Account) {
	m.stateMu.Lock()
	defer m.stateMu.Unlock()
	m.cur, m.last = pb, acct
}

// setStartCancel records how to cancel the Play under way (nil when it is
// over). Registered after Close began, the start is cancelled at once: the
// check and the record share stateMu with beginClose, so no start escapes
// both.
func (m *Manager) setStartCancel(c context.CancelFunc) {
	m.stateMu.Lock()
	m.cancelStart = c
	closing := m.closing
	m.stateMu.Unlock()
	if closing && c != nil {
		c()
	}
}

// abortStart cancels a Play that is still starting, so Stop and Close need
// not wait for a slow provider.
func (m *Manager) abortStart() {
	m.stateMu.Lock()
	c := m.cancelStart
	m.stateMu.Unlock()
	if c != nil {
		c()
	}
}

// GateURL is the gate URL of the stream playing now, "" when nothing plays
// or the player was handed the provider's URL directly. It carries an opaque
// token, never the provider's URL or password, so it can be shown, and
// forwarded over SSH to play on another computer. In remote mode it is the
// gate's live URL, the same for every channel, so the player there follows
// each zap.
func (m *Manager) GateURL() string {
	pb := m.playing()
	if pb == nil || pb.stream == nil {
		return ""
	}
	if u := pb.stream.LiveURL(); u != "" {
		return u
	}
	return pb.stream.URL()
}

// RemoteViewer reports whether a player reads the stream playing now
// through the gate: in remote mode, whether the person's own computer is
// connected.
func (m *Manager) RemoteViewer() bool {
	pb := m.playing()
	return pb != nil && pb.stream != nil && pb.stream.Viewer()
}

// playing is the playback under way, nil when none is.
func (m *Manager) playing() *playback {
	m.stateMu.Lock()
	pb := m.cur
	m.stateMu.Unlock()
	if pb == nil || pb.finished() {
		return nil
	}
	return pb
}
