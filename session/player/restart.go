package player

import (
	"context"
	"fmt"
	"slices"
	"sync"

	"github.com/tuner-iptv/tuner/session/lease"
)

// restarting runs a new process for every channel: ffplay, and any command
// tuner has no remote control for. The URL is appended, or put where the
// command says {url}.
type restarting struct {
	name string
	path string
	args []string
	opts Options

	mu     sync.Mutex
	proc   *process
	gen    int
	events chan Event
}

func newRestarting(name, path string, args []string, opts Options) *restarting {
	return &restarting{name: name, path: path, args: args, opts: opts, events: make(chan Event, 32)}
}

func (r *restarting) Name() string         { return r.name }
func (r *restarting) Events() <-chan Event { return r.events }
func (r *restarting) Status() Status {
	r.mu.Lock()
	defer r.mu.Unlock()
	return Status{Playing: r.proc != nil && r.proc.running(), Idle: r.proc == nil || !r.proc.running()}
}

func (r *restarting) Process() lease.Proc {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.proc == nil || !r.proc.running() {
		return lease.Proc{}
	}
	return r.proc.proc
}

// argv places the URL at {url}, or last. ffplay also gets the channel name
// as its window title.
func (r *restarting) argv(url, title string) []string {
	args := slices.Clone(r.args)
	placed := false
	for i, a := range args {
		if a == "{url}" {
			args[i], placed = url, true
		}
	}
	if r.name == "ffplay" && title != "" && !hasFlag(args, "-window_title") {
		args = append(args, "-window_title", title)
	}
	if !placed {
		args = append(args, url)
	}
	return args
}

func (r *restarting) Play(ctx context.Context, url, title string) error {
	if err := r.Stop(ctx); err != nil {
		return err
	}
	p, err := startProcess(r.path, r.argv(url, title), r.opts.Env, r.opts.SecretEnv)
	if err != nil {
		return fmt.Errorf("%s: %w", r.name, err)
	}
	r.mu.Lock()
	r.gen++
	r.proc = p
	gen := r.gen
	r.mu.Unlock()
	r.emit(Event{Kind: Started, Gen: gen})
	go func() {
		<-p.exited
		var err error
		if p.err != nil {
			err = fmt.Errorf("%s exited: %s", r.name, lastLine(p))
		}
		r.emit(Event{Kind: Exited, Gen: gen, Err: err, Output: lastWords(p.out.String())})
	}()
	return nil
}

func (r *restarting) Stop(ctx context.Context) error {
	r.mu.Lock()
	p := r.proc
	r.mu.Unlock()
	if p != nil {
		p.stop(ctx, r.opts.StopTimeout)
	}
	return nil
}

func (r *restarting) Close(ctx context.Context) error { return r.Stop(ctx) }

func (r *restarting) emit(e Event) {
	select {
	case r.events <- e:
	default:
	}
}

func (r *restarting) Gen() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.gen
}
