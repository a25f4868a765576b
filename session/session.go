package session

import (
	"context"
	"time"

	"github.com/tuner-iptv/tuner/playlist"
	"github.com/tuner-iptv/tuner/session/gate"
)

// State is where playback is.
type State int

// Playback states, in the order they usually pass.
const (
	Idle State = iota
	Starting
	Playing
	Stopping
	Stopped
	Refused // the provider said no; Event.Refusal says how
	Failed  // anything else went wrong; Event.Err says what
)

func (s State) String() string {
	return [...]string{"idle", "starting", "playing", "stopping", "stopped", "refused", "failed"}[s]
}

// Stats is what the player reports while playing. Zero values are unknown.
type Stats struct {
	Elapsed      time.Duration
	Width        int
	Height       int
	BitrateKbps  int
	CacheSeconds float64
	// Stalled is how long the provider has sent nothing, once that is long
	// enough to tell the person (a few seconds); 0 while bytes flow.
	Stalled time.Duration
	// Position and Length are where the player stands in a movie, an
	// episode or a replay, and how long it is, read from the player (mpv
	// through IPC); zero when the player cannot say, and for live TV.
	Position time.Duration
	Length   time.Duration
}

// Refusal is the provider's answer when it would not serve a stream, as the
// gate (or a direct-mode check) saw it. URL is masked. It is the gate's type:
// one shape from the gate's first look to the diagnosis.
type Refusal = gate.Refusal

// Event is one change in playback, sent to whoever watches.
type Event struct {
	State   State
	Channel playlist.Channel
	Stats   Stats
	Refusal *Refusal
	Err     error
	Message string // a short line for the status bar
	// Note is said beside a Playing event's news, "" mostly: a web page
	// (YouTube, Twitch) handed to the player, whose connection tuner
	// cannot watch.
	Note string
	// Warning is something that went wrong beside the event's own news,
	// nil mostly: a *ReleaseError when a lease could not be written as
	// given back. It rides on the next event that is not stats.
	Warning error
}

// ReleaseError is an Event's Warning when tuner closed a stream but could not
// write its lease as given back: the provider's connection is closed, yet
// tuner's record may still show the slot held, so another tuner on this
// machine may refuse to play on the account and a later start may report the
// lease as left behind. Its text is for the status bar.
type ReleaseError struct {
	Account string // host and username, e.g. "alice@provider.example"
	Channel string
	Err     error // the lease store's; it names no secret
}

func (e *ReleaseError) Error() string {
	return "the slot may not have been recorded as given back: " + e.Err.Error()
}

func (e *ReleaseError) Unwrap() error { return e.Err }

// SlotStatus is what tuner knows about the account's connection slots.
type SlotStatus struct {
	Account string // host and username, e.g. "alice@provider.example"
	Held    int    // slots this tuner holds
	Limit   int    // the account's connection limit (default 1)
	Channel string // name of the channel being played, if any
}

// Controller is playback as the TUI and the commands see it. *Manager
// implements it; tests use fakes.
type Controller interface {
	// Play stops whatever is playing, then starts ch. It returns once the
	// stream is playing, refused (a *RefusedError) or failed.
	Play(ctx context.Context, ch playlist.Channel) error
	// Stop stops the player, closes the upstream connection and releases the lease.
	Stop(ctx context.Context) error
	// Events delivers playback changes until Close.
	Events() <-chan Event
	// Slots reports the slot state for the status bar.
	Slots() SlotStatus
	// Close stops everything and releases every lease; safe to call twice.
	Close(ctx context.Context) error
}

// Seeker is a Controller that can start a movie, an episode or a replay at
// a position, and move in what plays (mpv through IPC).
type Seeker interface {
	// PlayAt is Play, starting at the position at from the start.
	PlayAt(ctx context.Context, ch playlist.Channel, at time.Duration) error
	// Seek moves by the duration, back when negative. It fails when the
	// player cannot seek or nothing seekable plays.
	Seek(ctx context.Context, by time.Duration) error
}

// Positions keeps where each movie and episode was left, for resume and the
// watched marks (playlist/prefs keeps it in a file).
type Positions interface {
	// SetPosition records that ch stopped at pos of length.
	SetPosition(ch playlist.Channel, pos, length time.Duration) error
	// Position is where ch was left; watched is true once it was played to
	// 90 % of its length or more.
	Position(ch playlist.Channel) (pos, length time.Duration, watched bool)
}

// RefusedError is returned by Play when the provider refused the stream.
type RefusedError = gate.RefusedError
