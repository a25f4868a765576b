package player

import (
	"context"
	"sync"

	"github.com/tuner-iptv/tuner/session/lease"
)

// remote is no player at all: the person watches on their own computer,
// whose player reaches tuner's gate through an SSH forward. Nothing runs
// here, so there is nothing to stop; the gate closing ends that player's
// stream.
type remote struct {
	mu  sync.Mutex
	gen int
}

// Remote is the player for watching on another computer.
func Remote() Player { return &remote{} }

func (r *remote) Name() string                { return "remote" }
func (r *remote) Stop(context.Context) error  { return nil }
func (r *remote) Close(context.Context) error { return nil }
func (r *remote) Process() lease.Proc         { return lease.Proc{} }
func (r *remote) Status() Status              { return Status{} }
func (r *remote) Events() <-chan Event        { return nil }
func (r *remote) Play(context.Context, string, string) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.gen++
	return nil
}

func (r *remote) Gen() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.gen
}
