package record

import (
	"context"
	"errors"
	"io"
	"time"
)

var (
	errStalled = errors.New("the provider stopped sending")
	errUntil   = errors.New("the recording's end was reached")
)

// writeError is a failure to write the file: it ends the recording, unlike
// anything the provider does.
type writeError struct{ err error }

func (e *writeError) Error() string { return e.err.Error() }
func (e *writeError) Unwrap() error { return e.err }

// run copies connection after connection into the file until the end,
// noting each gap between them.
func (r *Recorder) run(ctx context.Context, conn io.ReadCloser) {
	fails := 0
	for {
		opened := r.opts.Clock.Now()
		err := r.copy(ctx, conn)
		conn.Close()
		var werr *writeError
		switch {
		case errors.As(err, &werr):
			r.finish(werr.err)
			return
		case r.over(ctx), errors.Is(err, ErrEnded):
			r.finish(nil)
			return
		}
		if r.opts.Clock.Now().Sub(opened) >= r.opts.StableFor {
			fails = 0
		}
		cut := r.opts.Clock.Now()
		r.note(err)
		r.opts.Log.Info("recording: the connection ended; reconnecting", "channel", r.opts.Channel, "err", r.opts.words(err))
		conn, fails = r.reconnect(ctx, err, fails)
		r.gap(cut, err)
		if conn == nil {
			r.finish(nil)
			return
		}
	}
}

// over reports whether the recording has reached its end or was stopped.
func (r *Recorder) over(ctx context.Context) bool {
	if ctx.Err() != nil {
		return true
	}
	return !r.opts.Until.IsZero() && !r.opts.Clock.Now().Before(r.opts.Until)
}

// copy writes one connection's bytes as they come. It returns nil when the
// end is reached, a *writeError when the file cannot take more, and
// otherwise why the connection ended.
func (r *Recorder) copy(ctx context.Context, conn io.ReadCloser) error {
	cctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	defer context.AfterFunc(cctx, func() { conn.Close() })()
	mt, timed := conn.(MediaTimed)
	timed = timed && mt.MediaTimed()
	if !r.opts.Until.IsZero() {
		end := r.opts.Until.Sub(r.opts.Clock.Now())
		if timed {
			end += r.opts.StallAfter // it ends itself; this only bounds a stall
		}
		t := time.AfterFunc(end, func() { cancel(errUntil) })
		defer t.Stop()
	}
	stall := time.AfterFunc(r.opts.StallAfter, func() { cancel(errStalled) })
	defer stall.Stop()
	buf := make([]byte, 64<<10)
	lastSync := r.opts.Clock.Now()
	for {
		n, err := conn.Read(buf)
		if n > 0 {
			stall.Reset(r.opts.StallAfter)
			if werr := r.write(buf[:n]); werr != nil {
				return werr
			}
			if now := r.opts.Clock.Now(); now.Sub(lastSync) >= r.opts.SyncEvery {
				lastSync = now
				if werr := r.sync(); werr != nil {
					return werr
				}
			}
			if !timed && r.over(ctx) {
				return nil
			}
		}
		if err != nil {
			if cause := context.Cause(cctx); cause != nil && cctx.Err() != nil {
				if cause == errUntil || ctx.Err() != nil {
					return nil
				}
				return cause
			}
			return err
		}
	}
}

// write appends to the file; a short write keeps what went in.
func (r *Recorder) write(b []byte) error {
	n, err := r.f.Write(b)
	r.mu.Lock()
	r.in.Bytes += int64(n)
	r.mu.Unlock()
	if err != nil {
		return &writeError{diskErr(err)}
	}
	return nil
}

// sync puts what was written on the disk and the size so far in the info,
// so a crash loses at most SyncEvery of the recording.
func (r *Recorder) sync() error {
	if err := r.f.Sync(); err != nil {
		return &writeError{diskErr(err)}
	}
	return r.writeInfo()
}

func (r *Recorder) writeInfo() error {
	r.mu.Lock()
	in := r.in
	r.mu.Unlock()
	if err := writeInfo(r.info, in); err != nil {
		return &writeError{diskErr(err)}
	}
	return nil
}

// note keeps the latest trouble in the info, so a person reading it while
// tuner retries sees why.
func (r *Recorder) note(err error) {
	if err == nil {
		return
	}
	r.mu.Lock()
	r.in.LastError = r.opts.words(err)
	r.mu.Unlock()
	if werr := r.writeInfo(); werr != nil {
		r.opts.Log.Warn("recording info not written", "file", r.info, "err", werr)
	}
}

// gap records the stretch from cut to now that the file lacks.
func (r *Recorder) gap(cut time.Time, why error) {
	end := r.opts.Clock.Now()
	if !r.opts.Until.IsZero() && end.After(r.opts.Until) {
		end = r.opts.Until
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if len(r.in.Gaps) < maxGaps {
		r.in.Gaps = append(r.in.Gaps, Gap{At: cut, Seconds: end.Sub(cut).Seconds(), Reason: r.opts.words(why)})
	}
}

// reconnect waits politely and opens again, as often as it takes, until it
// gets a connection, the end comes or the recording is stopped (nil then).
// A refusal waits longer from the first: the panel may still count a slot.
func (r *Recorder) reconnect(ctx context.Context, err error, fails int) (io.ReadCloser, int) {
	for {
		i := fails
		if r.opts.Refused(err) && i < 2 {
			i = 2
		}
		wait := r.opts.Waits[min(i, len(r.opts.Waits)-1)]
		if !r.opts.Until.IsZero() && !r.opts.Clock.Now().Add(wait).Before(r.opts.Until) {
			r.sleep(ctx, r.opts.Until.Sub(r.opts.Clock.Now()))
			return nil, i + 1
		}
		if !r.sleep(ctx, wait) {
			return nil, i + 1
		}
		fails = i + 1
		conn, oerr := r.opts.Open(ctx)
		if oerr == nil {
			return conn, fails
		}
		err = oerr
		r.note(err)
		r.opts.Log.Info("recording: reconnect failed", "channel", r.opts.Channel, "err", r.opts.words(err))
	}
}

// sleep waits d on the clock and reports false when the recording was
// stopped meanwhile.
func (r *Recorder) sleep(ctx context.Context, d time.Duration) bool {
	if d <= 0 {
		return ctx.Err() == nil
	}
	select {
	case <-ctx.Done():
		return false
	case <-r.opts.Clock.After(d):
		return true
	}
}
