package session

import (
	"fmt"
	"strings"
	"time"

	"github.com/tuner-iptv/tuner/playlist"

	"github.com/tuner-iptv/tuner/session/lease"
)

// SlotTakenError is returned by Record when every slot of the account is
// already in use, and by Play when a recording of this tuner holds the
// last one. Nothing was stopped: the person chooses (stop what holds it,
// watch the recording, or wait); tuner never opens a second connection.
type SlotTakenError struct {
	Account string
	Limit   int
	// Holders name what holds each slot, as leases do: "News", "movie
	// Heat (1995)", "recording News until 21:05".
	Holders []string
	// Recording is this tuner's recording that holds a slot, if one does:
	// Manager.WatchRecording plays it on the connection it holds.
	Recording *Recording
	// Channel and Until are the recording's channel and its planned end (zero:
	// until stopped), as the screen shows them; zero when Recording is nil.
	Channel playlist.Channel
	Until   time.Time
	// Recorded is set when the refused request was a recording.
	Recorded bool
}

func (e *SlotTakenError) Error() string {
	slots := "the account's only connection is"
	if e.Limit > 1 {
		slots = fmt.Sprintf("all %d connections of the account are", e.Limit)
	}
	next := "stop it first, or wait"
	switch {
	case e.Recorded:
		next = "stop it first: a recording never opens a second connection"
	case e.Recording != nil:
		next = "watch the recording, stop it, or wait until it ends"
	}
	return fmt.Sprintf("%s: %s in use (%s); %s", e.Account, slots, strings.Join(e.Holders, ", "), next)
}

// slotFor refuses a recording when what this tuner plays and records on
// the account, and what other tuners here hold, already take every slot.
func (m *Manager) slotFor(acct Account) error {
	var holders []string
	var own *Recording
	if pb := m.playing(); pb != nil && pb.file == nil && sameAccount(pb.acct, acct) {
		holders = append(holders, pb.lease.What())
	}
	for _, r := range m.recordingsOn(acct) {
		holders, own = append(holders, r.lease.What()), r
	}
	holders = append(holders, othersNames(m.othersHolding(acct))...)
	if len(holders) < acct.limit() {
		return nil
	}
	e := &SlotTakenError{Account: acct.Name(), Limit: acct.limit(), Holders: holders, Recording: own, Recorded: true}
	if own != nil {
		e.Channel, e.Until = own.ch, own.lease.Until
	}
	return e
}

// recordingHolds refuses a Play when this tuner's recordings, with what
// other tuners here hold, take every slot of the account.
func (m *Manager) recordingHolds(acct Account) error {
	recs := m.recordingsOn(acct)
	if len(recs) == 0 {
		return nil
	}
	var holders []string
	for _, r := range recs {
		holders = append(holders, r.lease.What())
	}
	holders = append(holders, othersNames(m.othersHolding(acct))...)
	if len(holders) < acct.limit() {
		return nil
	}
	return &SlotTakenError{Account: acct.Name(), Limit: acct.limit(), Holders: holders, Recording: recs[0],
		Channel: recs[0].ch, Until: recs[0].lease.Until}
}

func (m *Manager) recordingsOn(acct Account) []*Recording {
	var out []*Recording
	for _, r := range m.Recordings() {
		if sameAccount(r.acct, acct) {
			out = append(out, r)
		}
	}
	return out
}

func othersNames(ls []lease.Lease) []string {
	var out []string
	for _, l := range ls {
		out = append(out, fmt.Sprintf("%s, tuner pid %d", l.What(), l.Tuner.PID))
	}
	return out
}

// withRecordings counts the recordings on the account the status shows (or,
// before anything played, on the first recording's) as slots held.
func withRecordings(st SlotStatus, acct Account, recs []*Recording) SlotStatus {
	for _, r := range recs {
		if acct.Provider != "" && !sameAccount(r.acct, acct) {
			continue
		}
		if acct.Provider == "" && st.Held == 0 {
			acct = r.acct
			st.Account, st.Limit = r.acct.Name(), r.acct.limit()
		}
		st.Held++
		if st.Channel == "" {
			st.Channel = r.lease.What()
		}
	}
	return st
}
