// Package library is the Recordings catalogue: what was recorded, what
// records now and what the schedule holds for later. enter plays a file
// (a finished one needs no slot; one still recording is followed as it
// grows), d deletes a file or cancels a scheduled one after asking.
package library

import (
	"time"
)

// State is where a recording stands, as the catalogue marks it.
type State string

// The states, as `tuner recordings` names them.
const (
	Scheduled State = "scheduled"
	Recording State = "recording"
	Done      State = "done"
	Partial   State = "partial"
	Failed    State = "failed"
	Cancelled State = "cancelled"
)

// Item is one line of the catalogue: a recording's file, or a schedule
// entry still to come. It holds no secret.
type Item struct {
	// ID is the schedule entry's, "" for a file recorded now.
	ID      string
	State   State
	Channel string
	Title   string
	// Start is when it started, or for one still to come its padded
	// start; Until is its planned (padded) end, zero when until stopped.
	Start, Until time.Time
	// Length is how long it ran so far; Bytes how much it wrote.
	Length time.Duration
	Bytes  int64
	Gaps   int
	// Note is the latest trouble in words (a cut, a refusal, a full
	// disk), masked; "" mostly.
	Note string
	// Path is the media file, "" while nothing was written.
	Path string
	// Mine is true for a recording this tuner makes, watched on the
	// connection it holds.
	Mine bool
}

// Name is the channel, with the programme when known.
func (it Item) Name() string {
	if it.Title == "" || it.Title == it.Channel {
		return it.Channel
	}
	return it.Channel + ": " + it.Title
}

// Playable reports whether there is a file with something in it to play.
func (it Item) Playable() bool { return it.Path != "" && it.Bytes > 0 }

// Finished reports whether nothing writes to the item's file any more.
func (it Item) Finished() bool { return it.State == Done || it.State == Partial || it.State == Failed }

// Cancels reports whether deleting the item calls off a schedule entry
// (to come, or recording now) rather than removing a file.
func (it Item) Cancels() bool { return it.ID != "" && (it.State == Scheduled || it.State == Recording) }

// ListMsg asks the owner of the catalogue to read it again.
type ListMsg struct{}

// ListedMsg is the catalogue as read, or why it could not be.
type ListedMsg struct {
	Items []Item
	Err   error
}

// PlayMsg asks for the item's file to be played.
type PlayMsg struct{ Item Item }

// AskDeleteMsg asks for the person to be asked whether to delete the
// item's file (or cancel the scheduled one).
type AskDeleteMsg struct{ Item Item }

// DeleteMsg is the person's yes: delete the file and its info, or cancel
// the entry still to come.
type DeleteMsg struct{ Item Item }
