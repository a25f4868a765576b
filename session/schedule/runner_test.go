package schedule

import (
	"context"
	"errors"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tuner-iptv/tuner/internal/clocktest"
)

// manualClock stands where the test puts it.
type manualClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *manualClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *manualClock) set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = t
}

func (c *manualClock) After(d time.Duration) <-chan time.Time {
	ch := make(chan time.Time, 1)
	ch <- c.Now().Add(d)
	return ch
}

// fakeRec is a recording that runs until stopped or ended.
type fakeRec struct {
	path    string
	started time.Time
	done    chan struct{}
	once    sync.Once
	err     error
	stopped bool
}

func (f *fakeRec) Path() string          { return f.path }
func (f *fakeRec) Done() <-chan struct{} { return f.done }

// Ended is Done: a fake recording has no remux to wait for.
func (f *fakeRec) Ended() <-chan struct{} { return f.done }
func (f *fakeRec) Err() error             { return f.err }
func (f *fakeRec) Stop(context.Context) error {
	f.stopped = true
	f.end(nil)
	return nil
}
func (f *fakeRec) end(err error) { f.once.Do(func() { f.err = err; close(f.done) }) }

type fakeStarter struct {
	clock *manualClock
	fail  error
	recs  []*fakeRec
}

func (s *fakeStarter) start(_ context.Context, e Entry) (Running, error) {
	if s.fail != nil {
		return nil, s.fail
	}
	r := &fakeRec{path: "/rec/" + e.Name() + ".ts", started: s.clock.Now(), done: make(chan struct{})}
	s.recs = append(s.recs, r)
	return r, nil
}

func newRunner(t *testing.T, now time.Time) (*Runner, *manualClock, *fakeStarter) {
	c := &manualClock{now: now}
	st := &fakeStarter{clock: c}
	return &Runner{Schedule: Open(t.TempDir()), Start: st.start, Clock: c}, c, st
}

func state(t *testing.T, s *Schedule, id string) Entry {
	t.Helper()
	all, err := s.List()
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range all {
		if e.ID == id {
			return e
		}
	}
	t.Fatalf("no entry %s", id)
	return Entry{}
}

// The clock drives an entry through its padded window: nothing before
// 20:58, recording from 20:58, stopped and done at 22:05.
func TestRunnerStartsAndStopsWithThePadding(t *testing.T) {
	ctx := context.Background()
	r, c, st := newRunner(t, at("20:00"))
	e, err := r.Schedule.Add(entry("The Match", "21:00", "22:00"))
	if err != nil {
		t.Fatal(err)
	}
	if next := r.Tick(ctx); !next.Equal(at("20:58")) || len(st.recs) != 0 {
		t.Fatalf("at 20:00: next %v, %d started", next, len(st.recs))
	}
	c.set(at("20:58").Add(-time.Second))
	r.Tick(ctx)
	if len(st.recs) != 0 {
		t.Fatal("started before its padded start")
	}
	c.set(at("20:58"))
	r.Tick(ctx)
	if len(st.recs) != 1 || !st.recs[0].started.Equal(at("20:58")) {
		t.Fatalf("not started at 20:58: %d", len(st.recs))
	}
	if got := state(t, r.Schedule, e.ID); got.State != Recording || got.File != "/rec/The Match.ts" {
		t.Errorf("while recording: %+v", got)
	}
	c.set(at("22:05").Add(-time.Second))
	r.Tick(ctx)
	if st.recs[0].stopped || len(st.recs) != 1 {
		t.Fatal("stopped before its padded stop, or started twice")
	}
	c.set(at("22:05"))
	r.Tick(ctx)
	if !st.recs[0].stopped {
		t.Fatal("still recording at 22:05")
	}
	if got := state(t, r.Schedule, e.ID); got.State != Done {
		t.Errorf("after: %+v", got)
	}
}

func TestRunnerMarksAMissedEntryFailed(t *testing.T) {
	r, _, st := newRunner(t, at("23:00"))
	e, _ := r.Schedule.Add(entry("The Match", "21:00", "22:00"))
	r.Tick(context.Background())
	got := state(t, r.Schedule, e.ID)
	if got.State != Failed || got.Error != "missed: no recorder was running at 20:58" || len(st.recs) != 0 {
		t.Errorf("missed entry %+v, %d started", got, len(st.recs))
	}
}

// A recorder started late records what is left.
func TestRunnerStartedLateRecordsTheRest(t *testing.T) {
	r, _, st := newRunner(t, at("21:30"))
	r.Schedule.Add(entry("The Match", "21:00", "22:00"))
	r.Tick(context.Background())
	if len(st.recs) != 1 {
		t.Fatal("not started within its window")
	}
}

func TestRunnerRetriesAFailedStartPolitely(t *testing.T) {
	ctx := context.Background()
	r, c, st := newRunner(t, at("20:58"))
	r.Retry = time.Minute
	e, _ := r.Schedule.Add(entry("The Match", "21:00", "22:00"))
	st.fail = errors.New("every connection of the account is in use")
	r.Tick(ctx)
	if got := state(t, r.Schedule, e.ID); got.State != Scheduled || got.Error == "" {
		t.Fatalf("after a failed start: %+v", got)
	}
	st.fail = nil
	c.set(at("20:58").Add(59 * time.Second))
	r.Tick(ctx)
	if len(st.recs) != 0 {
		t.Fatal("tried again before the retry wait")
	}
	c.set(at("20:59"))
	r.Tick(ctx)
	if len(st.recs) != 1 {
		t.Fatal("not tried again after the wait")
	}
	if got := state(t, r.Schedule, e.ID); got.State != Recording || got.Error != "" {
		t.Errorf("after the retry: %+v", got)
	}
}

func TestRunnerStopsACancelledRecording(t *testing.T) {
	ctx := context.Background()
	r, c, st := newRunner(t, at("20:58"))
	e, _ := r.Schedule.Add(entry("The Match", "21:00", "22:00"))
	r.Tick(ctx)
	if _, err := r.Schedule.Cancel(e.ID); err != nil {
		t.Fatal(err)
	}
	c.set(at("21:10"))
	r.Tick(ctx)
	if !st.recs[0].stopped {
		t.Fatal("a cancelled recording goes on")
	}
	if got := state(t, r.Schedule, e.ID); got.State != Cancelled {
		t.Errorf("after cancelling: %+v", got)
	}
	if _, err := r.Schedule.Cancel(e.ID); !errors.Is(err, ErrFinal) {
		t.Errorf("cancelled twice: %v, want ErrFinal", err)
	}
}

func TestRunnerMarksARecordingThatEndedEarlyFailed(t *testing.T) {
	ctx := context.Background()
	r, c, st := newRunner(t, at("20:58"))
	e, _ := r.Schedule.Add(entry("The Match", "21:00", "22:00"))
	r.Tick(ctx)
	st.recs[0].end(errors.New("the disk is full"))
	c.set(at("21:30"))
	r.Tick(ctx)
	if got := state(t, r.Schedule, e.ID); got.State != Failed || got.Error != "the disk is full" {
		t.Errorf("after a full disk: %+v", got)
	}
}

// When the recorder stops, what records is stopped and goes back to
// scheduled; the next recorder goes on with it in a new file.
func TestRunnerStopsOnItsEndAndTheNextResumes(t *testing.T) {
	r, c, st := newRunner(t, at("20:58"))
	e, _ := r.Schedule.Add(entry("The Match", "21:00", "22:00"))
	ctx, cancel := context.WithCancel(context.Background())
	r.Start = func(ctx context.Context, e Entry) (Running, error) {
		defer cancel() // the signal comes while it records
		return st.start(ctx, e)
	}
	if err := r.Run(ctx); err != nil {
		t.Fatal(err)
	}
	if len(st.recs) != 1 || !st.recs[0].stopped {
		t.Fatal("the recording was not stopped with the recorder")
	}
	got := state(t, r.Schedule, e.ID)
	if got.State != Scheduled || got.Error == "" {
		t.Fatalf("after the recorder stopped: %+v", got)
	}
	c.set(at("21:20"))
	next := &Runner{Schedule: r.Schedule, Start: st.start, Clock: c}
	next.Tick(context.Background())
	if len(st.recs) != 2 {
		t.Error("the next recorder did not resume it")
	}
}

// A recorder that crashed left its entry recording: the next one records
// the rest, or marks it failed once its time is over.
func TestRunnerTakesOverWhatACrashLeft(t *testing.T) {
	r, c, st := newRunner(t, at("21:30"))
	e, _ := r.Schedule.Add(entry("The Match", "21:00", "22:00"))
	r.Schedule.Update(e.ID, func(x *Entry) { x.State, x.File = Recording, "/rec/old.ts" })
	c.set(at("23:00"))
	r.Tick(context.Background())
	if got := state(t, r.Schedule, e.ID); got.State != Failed || len(st.recs) != 0 {
		t.Errorf("crash left, time over: %+v", got)
	}
}

// Run sleeps to the next padded start rather than to its next poll, so an
// entry begins on time however seldom the schedule is read.
func TestRunWakesAtThePaddedStart(t *testing.T) {
	c := clocktest.New(at("20:58").Add(-500 * time.Millisecond))
	r := &Runner{Schedule: Open(t.TempDir()), Clock: c, Poll: 2 * time.Second}
	r.Schedule.Add(entry("The Match", "21:00", "22:00"))
	ctx, cancel := context.WithCancel(context.Background())
	var began time.Time
	r.Start = func(context.Context, Entry) (Running, error) {
		began = c.Now()
		cancel()
		return &fakeRec{path: "/rec/x.ts", done: make(chan struct{})}, nil
	}
	if err := r.Run(ctx); err != nil {
		t.Fatal(err)
	}
	if !began.Equal(at("20:58")) {
		t.Errorf("began at %s, want 20:58:00", began.Format("15:04:05.000"))
	}
}

// Back to back on one slot: the first is stopped before the second starts,
// in the same look at the schedule.
func TestRunnerEndsTheFirstBeforeTheNextStarts(t *testing.T) {
	ctx := context.Background()
	r, c, st := newRunner(t, at("20:00"))
	a, b := entry("A", "20:00", "21:00"), entry("B", "21:00", "22:00")
	a.Before, a.After, b.Before, b.After = 0, 0, 0, 0
	for _, e := range []Entry{a, b} {
		if _, err := r.Schedule.Add(e); err != nil {
			t.Fatal(err)
		}
	}
	one := st.start
	r.Start = func(ctx context.Context, e Entry) (Running, error) {
		for _, x := range st.recs {
			select {
			case <-x.done:
			default:
				return nil, errors.New("the slot is taken")
			}
		}
		return one(ctx, e)
	}
	r.Tick(ctx)
	c.set(at("21:00"))
	r.Tick(ctx)
	if len(st.recs) != 2 || !st.recs[0].stopped || !st.recs[1].started.Equal(at("21:00")) {
		t.Fatalf("%d started; first stopped %v", len(st.recs), len(st.recs) > 0 && st.recs[0].stopped)
	}
}

// A recorder stopped while a start still waits for the provider leaves the
// entry as it was, without an error of its own making.
func TestRunnerStoppedDuringAStartLeavesTheEntry(t *testing.T) {
	r, _, _ := newRunner(t, at("20:58"))
	e, _ := r.Schedule.Add(entry("The Match", "21:00", "22:00"))
	ctx, cancel := context.WithCancel(context.Background())
	r.Start = func(context.Context, Entry) (Running, error) {
		cancel()
		return nil, errors.New("the recording was stopped")
	}
	r.Tick(ctx)
	if got := state(t, r.Schedule, e.ID); got.State != Scheduled || got.Error != "" {
		t.Errorf("after a stop during the start: %+v", got)
	}
}

func TestTheRunnerSaysOnceWhatStartsSoon(t *testing.T) {
	at := time.Date(2026, 12, 2, 21, 0, 0, 0, time.UTC)
	r, c, _ := newRunner(t, at.Add(-10*time.Minute))
	var log strings.Builder
	r.Log = slog.New(slog.NewTextHandler(&log, nil))
	e, err := r.Schedule.Add(Entry{Channel: "BBC One", Title: "Match", Start: at, Stop: at.Add(time.Hour), Before: Of(2 * time.Minute)})
	if err != nil {
		t.Fatal(err)
	}
	const said = "starts soon and takes a slot"
	r.Tick(context.Background())
	if strings.Contains(log.String(), said) {
		t.Fatalf("said 8 minutes before its padded start:\n%s", log.String())
	}
	for _, now := range []time.Time{e.From().Add(-WarnBefore), e.From().Add(-time.Minute)} {
		c.set(now)
		r.Tick(context.Background())
	}
	if n := strings.Count(log.String(), said); n != 1 || !strings.Contains(log.String(), "in=3m0s") {
		t.Errorf("said %d times, want once, 3 minutes before:\n%s", n, log.String())
	}
}
