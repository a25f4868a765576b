package schedule

import (
	"context"
	"log/slog"
	"time"
)

// Clock is the runner's time source; tests set the time themselves.
type Clock interface {
	Now() time.Time
	After(d time.Duration) <-chan time.Time
}

type realClock struct{}

func (realClock) Now() time.Time                         { return time.Now() }
func (realClock) After(d time.Duration) <-chan time.Time { return time.After(d) }

// Running is a recording the runner started.
type Running interface {
	Path() string
	Ended() <-chan struct{} // closed once it stopped writing and gave its slot back
	Done() <-chan struct{}  // closed after Ended once its file is final (remuxed, or kept)
	Err() error             // why it ended early; nil when it reached its end or was stopped
	Stop(ctx context.Context) error
}

// Starter starts recording e's channel until e.To() and returns once the
// provider sends it.
type Starter func(ctx context.Context, e Entry) (Running, error)

// Runner makes the schedule's recordings: each starts at its padded start
// and is stopped at its padded stop. Only one runner may work on a schedule
// (LockRecorder), so an entry that says recording while this runner does
// not run it was left by a recorder that stopped.
type Runner struct {
	Schedule *Schedule
	Start    Starter
	Clock    Clock
	// Poll is how often the schedule is read again for entries another
	// process added or cancelled; default 2 s.
	Poll time.Duration
	// Retry is the wait after a start that failed (the slot taken, the
	// provider away) before it is tried again; default 30 s.
	Retry time.Duration
	// StopWait bounds stopping one recording; default 10 s.
	StopWait time.Duration
	Log      *slog.Logger

	running map[string]Running
	retryAt map[string]time.Time
	warned  map[string]bool
}

func (r *Runner) defaults() {
	if r.Clock == nil {
		r.Clock = realClock{}
	}
	if r.Poll <= 0 {
		r.Poll = 2 * time.Second
	}
	if r.Retry <= 0 {
		r.Retry = 30 * time.Second
	}
	if r.StopWait <= 0 {
		r.StopWait = 10 * time.Second
	}
	if r.Log == nil {
		r.Log = slog.New(slog.DiscardHandler)
	}
	if r.running == nil {
		r.running, r.retryAt, r.warned = map[string]Running{}, map[string]time.Time{}, map[string]bool{}
	}
}

// Run works the schedule until ctx ends, then stops what records and
// leaves those entries scheduled, with a note, so the next recorder goes on
// with them while their time lasts.
func (r *Runner) Run(ctx context.Context) error {
	r.defaults()
	defer r.stopAll(context.WithoutCancel(ctx))
	for {
		next := r.Tick(ctx)
		wait := r.Poll
		if d := next.Sub(r.Clock.Now()); !next.IsZero() && d < wait {
			wait = max(d, 0)
		}
		select {
		case <-ctx.Done():
			return nil
		case <-r.Clock.After(wait):
		}
	}
}

// Tick does what is due now: it ends recordings that are over, cancelled
// or done by themselves, marks missed entries failed and starts the due
// ones. It returns the next padded start to come, zero when none.
func (r *Runner) Tick(ctx context.Context) time.Time {
	r.defaults()
	all, err := r.Schedule.List()
	if err != nil {
		r.Log.Warn("schedule not read", "err", err)
		return time.Time{}
	}
	now := r.Clock.Now()
	byID := map[string]Entry{}
	for _, e := range all {
		byID[e.ID] = e
	}
	ended := r.endRunning(ctx, byID, now)
	var next time.Time
	for _, e := range all {
		if _, ok := r.running[e.ID]; ok || ended[e.ID] || !e.Active() {
			continue
		}
		if e.From().After(now) {
			if next.IsZero() || e.From().Before(next) {
				next = e.From()
			}
			r.warn(e, now)
			continue
		}
		r.due(ctx, e, now)
	}
	return next
}

// warn says once, WarnBefore ahead, that an entry will take a slot of its
// account: the log is where a person without a TUI open looks.
func (r *Runner) warn(e Entry, now time.Time) {
	if r.warned[e.ID] || e.State != Scheduled || e.From().Sub(now) > WarnBefore {
		return
	}
	r.warned[e.ID] = true
	r.Log.Info("a scheduled recording starts soon and takes a slot of its account", "channel", e.Channel,
		"title", e.Title, "account", e.Account, "at", e.From(), "in", e.From().Sub(now).Round(time.Second))
}

// endRunning finishes recordings that ended by themselves, and stops those
// whose time is over or whose entry was cancelled or removed.
// It returns the ids it finished, whose entries as read are now stale.
func (r *Runner) endRunning(ctx context.Context, byID map[string]Entry, now time.Time) map[string]bool {
	ended := map[string]bool{}
	for id, rec := range r.running {
		e, ok := byID[id]
		select {
		case <-rec.Done():
		default:
			if ok && e.State != Cancelled && now.Before(e.To()) {
				continue
			}
			r.stop(ctx, rec)
			if remuxing(rec) {
				continue // finished once its file is final, at a later tick
			}
		}
		r.finished(id, rec)
		ended[id] = true
	}
	return ended
}

// remuxing reports whether rec has stopped recording but its file is not
// final yet (ffmpeg remuxes it): its slot is free, its name still changes.
func remuxing(rec Running) bool {
	select {
	case <-rec.Ended():
	default:
		return false
	}
	select {
	case <-rec.Done():
		return false
	default:
		return true
	}
}

// due starts an entry whose padded start has come, or marks it failed when
// its whole window passed with no recorder running.
func (r *Runner) due(ctx context.Context, e Entry, now time.Time) {
	if !now.Before(e.To()) {
		why := "missed: no recorder was running at " + e.From().In(now.Location()).Format("15:04")
		if e.State == Recording || e.File != "" {
			why = "the recorder stopped before the end; " + e.File + " has what came before"
		}
		r.mark(e.ID, func(x *Entry) { x.State, x.Error = Failed, why })
		return
	}
	if at, ok := r.retryAt[e.ID]; ok && now.Before(at) {
		return
	}
	rec, err := r.Start(ctx, e)
	if err != nil && ctx.Err() != nil {
		return // stopped while the provider was still answering: the entry waits for the next recorder
	}
	if err != nil {
		r.retryAt[e.ID] = now.Add(r.Retry)
		r.Log.Warn("scheduled recording not started; trying again", "channel", e.Channel, "title", e.Title, "err", err, "retry", r.Retry)
		r.mark(e.ID, func(x *Entry) { x.Error = err.Error() })
		return
	}
	delete(r.retryAt, e.ID)
	r.running[e.ID] = rec
	r.Log.Info("scheduled recording started", "channel", e.Channel, "title", e.Title, "file", rec.Path(), "until", e.To())
	r.mark(e.ID, func(x *Entry) {
		if x.State == Scheduled || x.State == Recording {
			x.State, x.File, x.Error = Recording, rec.Path(), ""
		}
	})
}

// finished marks the entry of a recording that is over.
func (r *Runner) finished(id string, rec Running) {
	delete(r.running, id)
	err := rec.Err()
	r.Log.Info("scheduled recording ended", "id", id, "file", rec.Path(), "err", err)
	path := rec.Path()
	r.mark(id, func(x *Entry) {
		if x.File != "" {
			x.File = path // a remux renamed it
		}
		switch {
		case x.State == Cancelled:
		case err != nil:
			x.State, x.Error = Failed, err.Error()
		default:
			x.State = Done
		}
	})
}

// stopAll ends every recording because the recorder stops; an entry whose
// time lasts goes back to scheduled, so the next recorder resumes it.
func (r *Runner) stopAll(ctx context.Context) {
	now := r.Clock.Now()
	for id, rec := range r.running {
		r.stop(ctx, rec)
		delete(r.running, id)
		note := "the recorder stopped at " + now.Format("15:04") + "; " + rec.Path() + " has what came before"
		r.Log.Info("scheduled recording stopped with the recorder", "id", id, "file", rec.Path())
		r.mark(id, func(x *Entry) {
			switch {
			case x.State != Recording:
			case now.Before(x.To()):
				x.State, x.Error = Scheduled, note
			default:
				x.State = Done
			}
		})
	}
}

func (r *Runner) stop(ctx context.Context, rec Running) {
	ctx, cancel := context.WithTimeout(ctx, r.StopWait)
	defer cancel()
	if err := rec.Stop(ctx); err != nil {
		r.Log.Warn("recording not stopped in time", "file", rec.Path(), "err", err)
	}
}

func (r *Runner) mark(id string, fn func(*Entry)) {
	if _, err := r.Schedule.Update(id, fn); err != nil {
		r.Log.Warn("schedule not updated", "id", id, "err", err)
	}
}
