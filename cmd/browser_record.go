package cmd

import (
	"context"
	"fmt"
	"time"

	"github.com/tuner-iptv/tuner/playlist"
	"github.com/tuner-iptv/tuner/session"
	"github.com/tuner-iptv/tuner/session/schedule"
	"github.com/tuner-iptv/tuner/tui/library"
)

// browserRecorder lets the browser record through its own Manager, into
// the recordings folder, each recording living as long as the browser.
type browserRecorder struct {
	ctx context.Context // the browser's: a recording ends with it
	mgr *session.Manager
	dir string

	remux string // [record] remux
}

func (b browserRecorder) Record(_ context.Context, ch playlist.Channel, until time.Time, title string) (string, error) {
	r, err := b.mgr.Record(b.ctx, ch, session.RecordRequest{Until: until, Dir: b.dir, Title: title, Remux: b.remux})
	if err != nil {
		return "", err
	}
	return r.Path(), nil
}

func (b browserRecorder) StopRecording(ctx context.Context, ch playlist.Channel) error {
	if r := b.find(ch); r != nil {
		return r.Stop(ctx)
	}
	return nil
}

func (b browserRecorder) Recording(ch playlist.Channel) (time.Time, bool) {
	if r := b.find(ch); r != nil {
		return r.Lease().Until, true
	}
	return time.Time{}, false
}

func (b browserRecorder) Count() int { return len(b.live()) }

// live are the recordings still writing. Recordings drops one only as its
// slot is given back, a moment after it ended.
func (b browserRecorder) live() []*session.Recording {
	var out []*session.Recording
	for _, r := range b.mgr.Recordings() {
		select {
		case <-r.Ended():
		default:
			out = append(out, r)
		}
	}
	return out
}

// find is the running recording of ch, by source and name.
func (b browserRecorder) find(ch playlist.Channel) *session.Recording {
	for _, r := range b.live() {
		if c := r.Channel(); c.Source == ch.Source && c.Name == ch.Name {
			return r
		}
	}
	return nil
}

// Watch plays the recording of ch on the connection it holds.
func (b browserRecorder) Watch(ctx context.Context, ch playlist.Channel) error {
	r := b.find(ch)
	if r == nil {
		return fmt.Errorf("%s is not being recorded", ch.Name)
	}
	return b.mgr.WatchRecording(ctx, r)
}

// browserScheduler lets the browser schedule recordings for tuner recorder,
// in the same schedule `tuner record --at` writes.
type browserScheduler struct {
	g             *globals
	mgr           *session.Manager
	before, after time.Duration
}

func (b browserScheduler) Schedule(_ context.Context, ch playlist.Channel, start, stop time.Time, title string) (string, error) {
	e := scheduleEntry(ch, b.mgr.AccountOf(ch), title)
	e.Start, e.Stop = start, stop
	e.Before, e.After = schedule.Of(b.before), schedule.Of(b.after)
	added, err := schedule.Open(stateDir()).Add(e)
	if err != nil {
		return "", err
	}
	return fmt.Sprintf("scheduled %s, %s–%s (recording %s)", playlist.Printable(added.Name()),
		added.Start.Local().Format("Mon 15:04"), added.Stop.Local().Format("15:04"), added.Span(time.Now())), nil
}

func (b browserScheduler) RecorderRunning() bool {
	_, ok := schedule.RecorderRunning(stateDir())
	return ok
}

func (b browserScheduler) StartRecorder(context.Context) (string, error) {
	pid, err := startBackground(b.g, recorderOptions{})
	if err != nil {
		return "", err
	}
	return fmt.Sprintf("a recorder runs in the background (pid %d)", pid), nil
}

// Due lists what the schedule records soon, or now, on ch's account.
func (b browserScheduler) Due(ch playlist.Channel, within time.Duration) ([]library.Item, error) {
	all, err := schedule.Open(stateDir()).List()
	if err != nil {
		return nil, err
	}
	acct := scheduleEntry(ch, b.mgr.AccountOf(ch), "").Account
	now := time.Now()
	var out []library.Item
	for _, e := range all {
		// Due but not yet marked recording: the recorder is taking the slot.
		starting := e.State == schedule.Scheduled && !e.From().After(now) && now.Before(e.To())
		if (e.State == schedule.Recording || starting) && e.Account == acct {
			it := entryItem(e)
			it.Path = e.File
			out = append(out, it)
		}
	}
	for _, e := range schedule.Soon(all, acct, now, within) {
		out = append(out, entryItem(e))
	}
	return out, nil
}
