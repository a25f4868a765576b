// Package lease records the provider connection slots tuner holds, in files
// under the user's state directory, so that two tuners on one machine see each
// other and a crashed one is found and cleaned up by the next start.
//
// A lease never holds a password: the account is a host and a username and the
// URL is masked before it is stored.
package lease

import (
	"time"
)

// How says how a lease was given back.
type How string

// Release outcomes. The empty How means the lease is still held.
const (
	Held      How = ""
	Clean     How = "clean"     // stopped normally: player stopped, upstream closed
	Recovered How = "recovered" // found after a crash and marked released by a later start
	Forced    How = "forced"    // the player had to be killed, or `tuner stop` took it
)

// Lease is tuner's record that it holds one of an account's connection slots.
type Lease struct {
	ID       string `json:"id"`
	Provider string `json:"provider"` // provider host, e.g. "provider.example:8080"
	Username string `json:"username,omitempty"`
	Channel  string `json:"channel"`
	// Kind is what holds the slot when it is not live TV: "movie",
	// "episode", "replay" or "recording"; Title names it ("Show S02E03"),
	// and Until is when a recording means to let go.
	Kind  string    `json:"kind,omitempty"`
	Title string    `json:"title,omitempty"`
	Until time.Time `json:"until,omitzero"`
	URL   string    `json:"url"` // masked
	HLS   bool      `json:"hls,omitempty"`
	Gate  string    `json:"gate,omitempty"` // the gate's 127.0.0.1 address; empty in direct mode
	// Player is the process playing the stream; PlayerName its adapter.
	Player     Proc      `json:"player"`
	PlayerName string    `json:"player_name,omitempty"`
	Tuner      Proc      `json:"tuner"`
	Hostname   string    `json:"hostname"`
	StartedAt  time.Time `json:"started_at"`
	ReleasedAt time.Time `json:"released_at,omitzero"`
	How        How       `json:"how,omitempty"`
}

// Account is the slot's account as people read it: "user@host".
func (l Lease) Account() string {
	return AccountName(l.Provider, l.Username)
}

// AccountName joins a provider host and a username as "user@host".
func AccountName(provider, username string) string {
	if username == "" {
		return provider
	}
	return username + "@" + provider
}

// Released reports whether the lease was given back.
func (l Lease) Released() bool { return l.How != Held }

// Orphaned reports a held lease whose tuner no longer runs.
// A lease from another host (a shared home directory) cannot be checked and is
// never called orphaned.
func (l Lease) Orphaned() bool {
	if l.Released() || (l.Hostname != "" && l.Hostname != hostname()) {
		return false
	}
	return !l.Tuner.Alive()
}
