// Package diagnose explains why a provider refused a stream and what the
// person can do about it.
//
// It works from plain facts (the gate's view of the refusal, one account-info
// answer, tuner's own lease history) so it can be tested as a table and used
// by the TUI, `tuner check` and `tuner demo` alike. It never opens a stream:
// the only network access it knows of is the account-info poll of Waiter,
// whose Check the caller supplies.
package diagnose

import (
	"time"

	"github.com/tuner-iptv/tuner/playlist"
	"github.com/tuner-iptv/tuner/playlist/catchup"
	"github.com/tuner-iptv/tuner/session"
)

// Kind is the class of a refusal. Each kind has its own screen and advice.
type Kind int

// The kinds of refusal, most specific first.
const (
	Unknown        Kind = iota
	SlotOwnEarlier      // the slot is held by tuner's own earlier or other session
	SlotOther           // the slot is held by another device or an unknown session
	Credentials         // username, password or token rejected
	Expired             // subscription ended
	Banned
	Disabled
	IPLock      // refused from this address although the account has free slots
	RateLimited // too many requests; wait before trying again
	Forbidden   // 403 (or an IIS 401 substatus meaning the same) without more to go on
	Gone        // 404 or 410: the channel is not there
	ServerFault // 5xx
	Network     // no HTTP answer at all: DNS, connect, TLS, timeout
)

var kindNames = [...]string{
	Unknown:        "unknown",
	SlotOwnEarlier: "slot-own-earlier",
	SlotOther:      "slot-other",
	Credentials:    "credentials",
	Expired:        "expired",
	Banned:         "banned",
	Disabled:       "disabled",
	IPLock:         "ip-lock",
	RateLimited:    "rate-limited",
	Forbidden:      "forbidden",
	Gone:           "gone",
	ServerFault:    "server-fault",
	Network:        "network",
}

// String returns a stable lower-case name, usable in flags and logs.
func (k Kind) String() string {
	if k < 0 || int(k) >= len(kindNames) {
		return "unknown"
	}
	return kindNames[k]
}

// Kinds lists every kind in declaration order, for demos and tests.
func Kinds() []Kind {
	ks := make([]Kind, len(kindNames))
	for i := range ks {
		ks[i] = Kind(i)
	}
	return ks
}

// ParseKind is the inverse of Kind.String.
func ParseKind(s string) (Kind, bool) {
	for i, n := range kindNames {
		if n == s {
			return Kind(i), true
		}
	}
	return Unknown, false
}

// IsSlot reports whether the kind is an occupied connection slot, the case
// with the reboot / contact provider / wait and retry screen.
func (k Kind) IsSlot() bool { return k == SlotOwnEarlier || k == SlotOther }

// SourceKind says what kind of source the refused channel came from; it
// decides whether account info can be asked for and how a 401 reads.
type SourceKind int

// Source kinds.
const (
	SourceHTTP   SourceKind = iota // an M3U playlist (file or URL) with plain HTTP stream URLs
	SourceXtream                   // an Xtream Codes account with player_api.php
)

// Release is how tuner let go of a lease.
type Release int

// Release outcomes. Held, the zero value, means the lease is still held.
const (
	Held      Release = iota // still held, by this or another tuner on this machine
	Clean                    // stopped normally: player stopped, upstream closed
	Recovered                // found after a crash and marked released by a later start
	Forced                   // the player had to be killed
)

// ParseRelease reads the names String returns ("" and "held" are Held), so
// a lease store that spells them the same way maps across in one call.
func ParseRelease(s string) Release {
	switch s {
	case "clean":
		return Clean
	case "recovered":
		return Recovered
	case "forced":
		return Forced
	}
	return Held
}

func (r Release) String() string {
	switch r {
	case Clean:
		return "clean"
	case Recovered:
		return "recovered"
	case Forced:
		return "forced"
	}
	return "held"
}

// LeaseFact is one of tuner's own leases on the refused account, as plain
// facts so this package does not depend on how leases are stored.
type LeaseFact struct {
	Channel    string    // channel name, for the evidence line
	StartedAt  time.Time // zero when unknown
	ReleasedAt time.Time // zero while held
	How        Release
	HLS        bool // the stream was HLS: panels count it for a while after the last request
	// Opened says the provider served the stream (tuner handed it to the
	// player). A refused attempt's lease never held a slot, so only an
	// opened TS stream closed moments ago explains one.
	Opened bool
}

// Evidence is everything known about one refusal.
type Evidence struct {
	// Refusal is what the gate saw; its URL is already masked. Nil when only
	// the account was checked.
	Refusal *session.Refusal
	// Account is one player_api.php answer taken after the refusal (it uses
	// no stream slot); nil for sources without account info or when the call
	// failed, in which case AccountErr says why.
	Account    *playlist.Account
	AccountErr error
	// Own is tuner's own lease history on this account, in any order. Leave
	// out the lease of the refused attempt itself: a held lease here means
	// another tuner on this machine is playing.
	Own    []LeaseFact
	Source SourceKind
	// RouteChanged is true when tuner saw the public route (address, VPN)
	// change since the last session on this account; RouteDetail says how,
	// e.g. "public address 203.0.113.5 -> 198.51.100.7". False means unknown
	// or unchanged.
	RouteChanged bool
	RouteDetail  string
	// Replay is true when the refused stream was a replay from the
	// provider's archive, which keeps ArchiveDays days (0: not known).
	Replay      bool
	ArchiveDays int
	// Now is the time of diagnosis; zero means time.Now().
	Now time.Time
}

// Diagnosis is the explanation shown to the person.
type Diagnosis struct {
	Kind        Kind
	Title       string   // short heading, e.g. "Connection slot in use"
	Summary     string   // what happened, in plain words
	LikelyCause string   // why, given what tuner knows
	Evidence    []string // the facts the diagnosis rests on, one per line
	Advice      []string // steps, in order
	// RetryAfter is how long to wait before trying again (the provider's
	// Retry-After, a rate-limit cool-down or an HLS grace period); 0 when
	// there is no reason to wait.
	RetryAfter time.Duration
	// CanWait is true when wait-and-retry can help: the slot is occupied and
	// the account info can be polled to see it free up.
	CanWait bool
}

// About notes what the refused stream was that its URL does not say: a
// replay, and how long its channel's archive keeps.
func (e *Evidence) About(ch playlist.Channel) {
	if ch.Kind() == playlist.KindReplay {
		e.Replay, e.ArchiveDays = true, int(catchup.Window(ch)/(24*time.Hour))
	}
}

// Diagnose classifies a refusal and explains it. It is pure: no I/O.
func Diagnose(e Evidence) Diagnosis {
	f := gather(e)
	k := classify(f)
	d := compose(k, f)
	d.Kind = k
	return d
}
