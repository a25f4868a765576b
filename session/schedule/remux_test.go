package schedule

import (
	"context"
	"sync"
	"testing"
)

// remuxingRec ends when stopped, then remuxes until finish is called: its
// slot is free at once, its file final only later, under another name.
type remuxingRec struct {
	mu           sync.Mutex
	path         string
	ended, done  chan struct{}
	endOnce, fin sync.Once
}

func (f *remuxingRec) Path() string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.path
}
func (f *remuxingRec) Ended() <-chan struct{} { return f.ended }
func (f *remuxingRec) Done() <-chan struct{}  { return f.done }
func (f *remuxingRec) Err() error             { return nil }
func (f *remuxingRec) Stop(context.Context) error {
	f.endOnce.Do(func() { close(f.ended) })
	return nil
}
func (f *remuxingRec) finish(path string) {
	f.fin.Do(func() {
		f.mu.Lock()
		f.path = path
		f.mu.Unlock()
		close(f.done)
	})
}

func TestRunnerWaitsForTheRemuxAndNamesItsFile(t *testing.T) {
	ctx := context.Background()
	r, c, _ := newRunner(t, at("20:58"))
	rec := &remuxingRec{path: "/rec/The Match.ts", ended: make(chan struct{}), done: make(chan struct{})}
	r.Start = func(context.Context, Entry) (Running, error) { return rec, nil }
	e, err := r.Schedule.Add(entry("The Match", "21:00", "22:00"))
	if err != nil {
		t.Fatal(err)
	}
	r.Tick(ctx)
	c.set(at("22:05"))
	r.Tick(ctx)
	if got := state(t, r.Schedule, e.ID); got.State != Recording {
		t.Errorf("stopped, remuxing: %+v; want it still recording until its file is final", got)
	}
	rec.finish("/rec/The Match.mkv")
	r.Tick(ctx)
	if got := state(t, r.Schedule, e.ID); got.State != Done || got.File != "/rec/The Match.mkv" {
		t.Errorf("after the remux: %+v; want done, naming the MKV", got)
	}
}
