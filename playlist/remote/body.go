package remote

import (
	"bufio"
	"compress/gzip"
	"context"
	"errors"
	"io"
	"net/http"
	"strings"
	"sync/atomic"
	"time"

	"github.com/tuner-iptv/tuner/playlist"
)

// watchdog cancels a request when no byte has arrived for d: a timer reset on
// every read, so it bounds the wait for headers and any stall mid-body alike,
// while a slow but steady download is never cut. A second timer, never
// reset, ends the whole download after total.
type watchdog struct {
	d, total time.Duration
	t, end   *time.Timer
	fired    atomic.Bool // idle
	overdue  atomic.Bool // past total
	parent   context.Context
	cancel   context.CancelFunc
}

func newWatchdog(parent context.Context, d, total time.Duration) (*watchdog, context.Context) {
	ctx, cancel := context.WithCancel(parent)
	w := &watchdog{d: d, total: total, parent: parent, cancel: cancel}
	w.t = time.AfterFunc(d, func() {
		w.fired.Store(true)
		cancel()
	})
	w.end = time.AfterFunc(total, func() {
		w.overdue.Store(true)
		cancel()
	})
	return w, ctx
}

func (w *watchdog) kick() {
	if !w.fired.Load() && !w.overdue.Load() {
		w.t.Reset(w.d)
	}
}

func (w *watchdog) stop() {
	w.t.Stop()
	w.end.Stop()
	w.cancel()
}

// body assembles the reader chain: wire -> progress and watchdog -> gzip
// (by header or by magic bytes) -> size cap.
func (f *fetch) body(resp *http.Response, wd *watchdog) (io.ReadCloser, error) {
	max := f.c.opt.MaxBytes
	if resp.ContentLength > max {
		return nil, f.tooLarge()
	}
	wire := &wireReader{r: resp.Body, wd: wd, f: f, total: resp.ContentLength, progress: f.c.opt.Progress}
	var r io.Reader = wire
	if strings.EqualFold(strings.TrimSpace(resp.Header.Get("Content-Encoding")), "gzip") {
		zr, err := gzip.NewReader(r)
		if err != nil {
			return nil, f.decodeError(err)
		}
		r = zr
	}
	br := bufio.NewReaderSize(r, 64<<10)
	if magic, err := br.Peek(2); err == nil && magic[0] == 0x1f && magic[1] == 0x8b {
		zr, err := gzip.NewReader(br)
		if err != nil {
			return nil, f.decodeError(err)
		}
		r = zr
	} else if err != nil && err != io.EOF {
		return nil, f.decodeError(err)
	} else {
		r = br
	}
	return &body{r: &capReader{r: r, left: max, f: f}, wd: wd, wire: resp.Body}, nil
}

type body struct {
	r    io.Reader
	wd   *watchdog
	wire io.ReadCloser
}

func (b *body) Read(p []byte) (int, error) { return b.r.Read(p) }

func (b *body) Close() error {
	b.wd.stop()
	return b.wire.Close()
}

// wireReader counts bytes as they arrive, feeds the watchdog and the
// progress callback, and turns transport failures into *playlist.Error.
type wireReader struct {
	r        io.Reader
	wd       *watchdog
	f        *fetch
	done     int64
	total    int64
	progress playlist.Progress
}

func (w *wireReader) Read(p []byte) (int, error) {
	n, err := w.r.Read(p)
	if n > 0 {
		w.wd.kick()
		w.done += int64(n)
		if w.progress != nil {
			w.progress(w.done, w.total)
		}
	}
	if err != nil && err != io.EOF {
		err = w.f.transportError(w.wd.parent, w.wd, err)
	}
	return n, err
}

// capReader stops a body at the size cap with a TooLarge error rather than
// quietly truncating it.
type capReader struct {
	r    io.Reader
	left int64
	f    *fetch
}

func (c *capReader) Read(p []byte) (int, error) {
	if c.left <= 0 {
		// One more byte decides between "exactly at the cap" and "over it".
		var one [1]byte
		n, err := c.r.Read(one[:])
		if n > 0 {
			return 0, c.f.tooLarge()
		}
		return 0, err
	}
	if int64(len(p)) > c.left {
		p = p[:c.left]
	}
	n, err := c.r.Read(p)
	c.left -= int64(n)
	var pe *playlist.Error
	if err != nil && err != io.EOF && !errors.As(err, &pe) {
		err = c.f.decodeError(err)
	}
	return n, err
}
