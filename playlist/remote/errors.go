package remote

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"syscall"

	"github.com/tuner-iptv/tuner/internal/httpc"
	"github.com/tuner-iptv/tuner/playlist"
)

// errIdle is the cause of an idle timeout. The watchdog stops the request by
// cancelling its context, but callers must not mistake that for their own
// cancellation.
var errIdle = errors.New("no data within the idle timeout")

// errDeadline is the cause of a download that outlived Options.Deadline.
var errDeadline = errors.New("download not finished within its deadline")

func (f *fetch) fail(p playlist.Problem, status int, detail string, cause error) *playlist.Error {
	return &playlist.Error{Source: f.src, Problem: p, Detail: detail, Status: status, Err: f.masked(cause)}
}

// masked keeps the cause for logs without the URL or password it may quote.
func (f *fetch) masked(err error) error {
	if err == nil {
		return nil
	}
	// The transport wraps these in a *url.Error that quotes the URL.
	for _, sentinel := range []error{errIdle, errDeadline, context.Canceled, context.DeadlineExceeded} {
		if errors.Is(err, sentinel) {
			return sentinel
		}
	}
	return errors.New(playlist.MaskSecret(playlist.MaskURL(err.Error()), f.cred.pass, f.c.opt.Password))
}

func (f *fetch) tooLarge() error {
	return f.fail(playlist.TooLarge, 0, fmt.Sprintf("too large (over %s)", mb(f.c.opt.MaxBytes)), nil)
}

func (f *fetch) decodeError(err error) error {
	if pe := (*playlist.Error)(nil); errors.As(err, &pe) {
		return pe
	}
	return f.fail(playlist.NotPlaylist, 0, "corrupt gzip data", err)
}

func (f *fetch) statusError(resp *http.Response) error {
	code := resp.StatusCode
	text := http.StatusText(code)
	switch {
	case code == http.StatusNotFound || code == http.StatusGone:
		return f.fail(playlist.Refused, code, fmt.Sprintf("not found (HTTP %d)", code), nil)
	case code == http.StatusTooManyRequests:
		return f.fail(playlist.Refused, code, "refused with HTTP 429 Too Many Requests (rate limited; wait before retrying)", nil)
	case code >= 500:
		return f.fail(playlist.Unreachable, code, fmt.Sprintf("server error (HTTP %d %s)", code, text), nil)
	case code >= 400:
		return f.fail(playlist.Refused, code, fmt.Sprintf("refused with HTTP %d %s", code, text), nil)
	}
	return f.fail(playlist.NotPlaylist, code, fmt.Sprintf("unexpected HTTP %d %s", code, text), nil)
}

// transportError phrases a failure below HTTP: the idle watchdog, the
// caller's context, connect and TLS failures.
func (f *fetch) transportError(ctx context.Context, wd *watchdog, err error) error {
	var pe *playlist.Error
	if errors.As(err, &pe) {
		return pe
	}
	if wd.overdue.Load() {
		return f.fail(playlist.TimedOut, 0, fmt.Sprintf("timed out: not finished within %s", wd.total), errDeadline)
	}
	if wd.fired.Load() {
		return f.fail(playlist.TimedOut, 0, fmt.Sprintf("timed out after %s with no data", wd.d), errIdle)
	}
	if ctx.Err() != nil {
		if errors.Is(ctx.Err(), context.DeadlineExceeded) {
			return f.fail(playlist.TimedOut, 0, "timed out", ctx.Err())
		}
		return f.fail("", 0, "cancelled", ctx.Err())
	}
	if errors.Is(err, httpc.ErrTooManyRedirects) {
		return f.fail(playlist.Unreachable, 0, fmt.Sprintf("too many redirects (over %d)", maxRedirects), err)
	}
	var dnsErr *net.DNSError
	if errors.As(err, &dnsErr) {
		return f.fail(playlist.Unreachable, 0, "cannot connect: unknown host "+dnsErr.Name, err)
	}
	var op *net.OpError
	if errors.As(err, &op) && op.Op == "dial" {
		switch {
		case op.Timeout():
			return f.fail(playlist.TimedOut, 0, fmt.Sprintf("cannot connect: timed out after %s", f.c.opt.ConnectTimeout), err)
		case errors.Is(err, syscall.ECONNREFUSED):
			return f.fail(playlist.Unreachable, 0, "cannot connect: connection refused", err)
		case errors.Is(err, syscall.EHOSTUNREACH), errors.Is(err, syscall.ENETUNREACH):
			return f.fail(playlist.Unreachable, 0, "cannot connect: no route to host", err)
		}
		return f.fail(playlist.Unreachable, 0, "cannot connect", err)
	}
	var certErr *tls.CertificateVerificationError
	if errors.As(err, &certErr) {
		return f.fail(playlist.Unreachable, 0, "TLS certificate not trusted", err)
	}
	if errors.Is(err, io.ErrUnexpectedEOF) {
		return f.fail(playlist.Unreachable, 0, "connection closed before the end of the data", err)
	}
	if errors.Is(err, syscall.ECONNRESET) {
		return f.fail(playlist.Unreachable, 0, "connection reset by the server", err)
	}
	return f.fail(playlist.Unreachable, 0, "connection failed", err)
}
