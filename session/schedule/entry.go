package schedule

import (
	"fmt"
	"time"
)

// State is where an entry stands.
type State string

// Entry states. Scheduled and Recording are still to come or under way;
// the others are final.
const (
	Scheduled State = "scheduled"
	Recording State = "recording"
	Done      State = "done"
	Failed    State = "failed"
	Cancelled State = "cancelled"
)

// Entry is one recording to make: a channel from Start to Stop, with
// padding before and after since guides are rarely on the minute.
type Entry struct {
	ID      string `json:"id"`
	Source  string `json:"source"`            // the source's name in tuner's config
	Account string `json:"account,omitempty"` // user@host, whose slots it takes
	// Limit is the account's connection limit as known when the entry was
	// made; overlaps are counted against it.
	Limit    int    `json:"limit,omitempty"`
	Channel  string `json:"channel"`
	StreamID string `json:"stream_id,omitempty"`
	URL      string `json:"url,omitempty"` // masked: finds the channel again without a password
	Title    string `json:"title,omitempty"`

	Start  time.Time `json:"start"`
	Stop   time.Time `json:"stop"`
	Before Seconds   `json:"before"`
	After  Seconds   `json:"after"`

	State State  `json:"state"`
	File  string `json:"file,omitempty"`  // the recording's file once it records
	Error string `json:"error,omitempty"` // why it failed, in words, masked

	Created time.Time `json:"created"`
}

// Seconds is a padding, kept in the file as whole seconds so people can
// read and edit it.
type Seconds int64

// Of is d in whole seconds.
func Of(d time.Duration) Seconds { return Seconds(d / time.Second) }

// Duration is s as a time.Duration.
func (s Seconds) Duration() time.Duration { return time.Duration(s) * time.Second }

// From is when the recording begins: Start less the padding before.
func (e Entry) From() time.Time { return e.Start.Add(-e.Before.Duration()) }

// To is when it ends: Stop plus the padding after.
func (e Entry) To() time.Time { return e.Stop.Add(e.After.Duration()) }

// Active reports whether the entry is still to record or recording.
func (e Entry) Active() bool { return e.State == Scheduled || e.State == Recording }

// Name is what a message calls the entry: the title, else the channel.
func (e Entry) Name() string {
	if e.Title != "" {
		return e.Title
	}
	return e.Channel
}

// Span is the padded window as a person reads it: "20:58–22:05", with the
// date when it is not today's.
func (e Entry) Span(now time.Time) string {
	from, to := e.From().In(now.Location()), e.To().In(now.Location())
	clock := "15:04"
	if from.Second() != 0 || to.Second() != 0 {
		clock = "15:04:05" // a window set from now, not from a guide
	}
	layout := clock
	if y, m, d := from.Date(); y != now.Year() || m != now.Month() || d != now.Day() {
		layout = "2006-01-02 " + clock
	}
	return from.Format(layout) + "–" + to.Format(clock)
}

func (e Entry) overlaps(o Entry) bool {
	return e.From().Before(o.To()) && o.From().Before(e.To())
}

func (e Entry) check() error {
	switch {
	case e.Channel == "":
		return fmt.Errorf("schedule: no channel")
	case !e.Stop.After(e.Start):
		return fmt.Errorf("schedule %s: the stop (%s) is not after the start (%s)", e.Name(),
			e.Stop.Format("15:04"), e.Start.Format("15:04"))
	case e.Before < 0 || e.After < 0:
		return fmt.Errorf("schedule %s: negative padding", e.Name())
	}
	return nil
}
