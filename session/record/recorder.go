package record

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"sync"
	"syscall"

	"github.com/tuner-iptv/tuner/session/lease"
)

// Recorder writes one recording until Until, Stop, its context's end or a
// fault it cannot get past. All methods are safe for concurrent use.
type Recorder struct {
	opts   Options
	info   string // the info file's path
	f      file
	cancel context.CancelFunc
	ended  chan struct{}
	done   chan struct{}

	mu   sync.Mutex // guards path, in and err
	path string     // the TS, then the MKV once remuxed
	in   Info
	err  error // why it ended early; nil for done
}

// ErrDiskFull ends a recording whose disk filled up; what was written is kept.
var ErrDiskFull = errors.New("the disk is full: the recording stopped, what was written is kept")

// Start opens the first connection and, once the provider answers, creates
// the file and its info and records in the background until Until, Stop
// or ctx ends. A first connection that fails leaves no file behind.
func Start(ctx context.Context, opts Options) (*Recorder, error) {
	opts = opts.withDefaults()
	if opts.Open == nil {
		return nil, errors.New("record: nothing to open")
	}
	if !opts.Until.IsZero() && !opts.Clock.Now().Before(opts.Until) {
		return nil, fmt.Errorf("record %s: the end (%s) has already passed", opts.Channel, opts.Until.Format("15:04"))
	}
	rctx, cancel := context.WithCancel(ctx)
	conn, err := opts.Open(rctx)
	if err != nil {
		cancel()
		return nil, err
	}
	start := opts.Clock.Now()
	f, path, err := opts.create(opts.Dir, FileName(opts.Channel, opts.Title, start))
	if err != nil {
		conn.Close()
		cancel()
		return nil, fmt.Errorf("record %s: %w", opts.Channel, err)
	}
	r := &Recorder{opts: opts, path: path, info: InfoPath(path), f: f, cancel: cancel,
		ended: make(chan struct{}), done: make(chan struct{})}
	r.in = Info{State: Recording, Channel: opts.Channel, Title: opts.Title, Source: opts.Source, URL: opts.URL,
		File: filepath.Base(path), Started: start, Until: opts.Until, Recorder: lease.Self(), Path: r.info}
	if err := writeInfo(r.info, r.in); err != nil {
		conn.Close()
		f.Close()
		cancel()
		return nil, fmt.Errorf("record %s: %w", opts.Channel, err)
	}
	go r.run(rctx, conn)
	return r, nil
}

// Path is the recording's file: the TS, or the MKV once Done when it was
// remuxed.
func (r *Recorder) Path() string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.path
}

// InfoPath is its info file.
func (r *Recorder) InfoPath() string { return r.info }

// Ended is closed once nothing more is written: the file is closed, the
// provider's connection hung up and the info says how it ended. A remux
// may still follow.
func (r *Recorder) Ended() <-chan struct{} { return r.ended }

// Done is closed once the recording has ended, any remux has finished (or
// failed) and its info is final: Path and Info then name the file to keep.
func (r *Recorder) Done() <-chan struct{} { return r.done }

// Info is the recording's info as it stands.
func (r *Recorder) Info() Info {
	r.mu.Lock()
	defer r.mu.Unlock()
	in := r.in
	in.Gaps = append([]Gap(nil), in.Gaps...)
	return in
}

// Err is why the recording ended early, nil while it records or when it
// ended as planned (Until, Stop, its context).
func (r *Recorder) Err() error {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.err
}

// End ends the recording and returns at once; Ended and Done say when it
// has.
func (r *Recorder) End() { r.cancel() }

// Stop ends the recording, closes the provider's connection and waits
// until the info is final, after any remux, or ctx ends. The remux goes
// on when ctx ends first.
func (r *Recorder) Stop(ctx context.Context) error {
	r.cancel()
	select {
	case <-r.done:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// finish closes the file, writes the final info, then remuxes when asked.
func (r *Recorder) finish(err error) {
	defer close(r.done)
	in := r.end(err)
	close(r.ended)
	r.remux(in)
}

// end closes the file and writes the info as the recording ended.
func (r *Recorder) end(err error) Info {
	defer r.cancel()
	serr := r.f.Sync()
	cerr := r.f.Close()
	if err == nil && !errors.Is(serr, syscall.EINVAL) {
		err = diskErr(errors.Join(serr, cerr))
	}
	r.mu.Lock()
	r.err = err
	r.in.Ended = r.opts.Clock.Now()
	switch {
	case err == nil:
		r.in.State = Done
	case r.in.Bytes > 0:
		r.in.State = Partial
	default:
		r.in.State = Failed
	}
	if err != nil {
		r.in.LastError = r.opts.words(err)
	}
	in := r.in
	r.mu.Unlock()
	if werr := writeInfo(r.info, in); werr != nil {
		r.opts.Log.Warn("recording info not written", "file", r.info, "err", werr)
	}
	r.opts.Log.Info("recording ended", "channel", in.Channel, "state", string(in.State), "bytes", in.Bytes, "gaps", len(in.Gaps))
	return in
}

// diskErr names a full disk as such; other write errors keep their text.
func diskErr(err error) error {
	if err == nil {
		return nil
	}
	if errors.Is(err, syscall.ENOSPC) || errors.Is(err, syscall.EDQUOT) {
		return fmt.Errorf("%w (%v)", ErrDiskFull, err)
	}
	return fmt.Errorf("writing the recording: %w", err)
}
