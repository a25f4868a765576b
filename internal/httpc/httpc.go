// Package httpc builds every HTTP client tuner uses, so that all of them
// share the same manners: no Referer that tuner did not set (Go's client adds
// the previous URL on a redirect, and a provider's URL carries the password
// in its query), a request's own headers (a channel's X-Api-Key, Cookie,
// Authorization) kept to the host and port they were given for, bounded
// connect, handshake and header waits, and bounded response headers.
package httpc

import (
	"context"
	"errors"
	"log/slog"
	"net"
	"net/http"
	"time"
)

// Defaults for Options fields left zero.
const (
	DefaultConnectTimeout = 10 * time.Second
	DefaultMaxRedirects   = 10
	DefaultMaxHeaderBytes = 256 << 10
)

// ErrTooManyRedirects ends a request that was redirected more than
// Options.MaxRedirects times.
var ErrTooManyRedirects = errors.New("too many redirects")

// DialFunc opens a connection with the dialer the client would use, so a
// caller can keep track of the connections it opens.
type DialFunc func(ctx context.Context, d *net.Dialer, network, addr string) (net.Conn, error)

// Options sets how a client behaves. The zero value is usable.
type Options struct {
	ConnectTimeout time.Duration // TCP connect and TLS handshake; default 10 s
	// HeaderTimeout bounds the wait for response headers; 0 leaves it to the
	// caller (a watchdog of its own, a context).
	HeaderTimeout       time.Duration
	MaxRedirects        int   // default 10
	MaxHeaderBytes      int64 // response header size cap; default 256 KB
	MaxIdleConnsPerHost int   // default 2
	MaxConnsPerHost     int   // 0: no limit
	IdleConnTimeout     time.Duration
	DisableKeepAlives   bool
	DisableCompression  bool // the caller decodes gzip itself
	Dial                DialFunc
	// Log hears, at debug level, when a redirect leaves a request's own
	// headers behind; nil discards.
	Log *slog.Logger
}

func (o Options) withDefaults() Options {
	if o.ConnectTimeout <= 0 {
		o.ConnectTimeout = DefaultConnectTimeout
	}
	if o.MaxRedirects <= 0 {
		o.MaxRedirects = DefaultMaxRedirects
	}
	if o.MaxHeaderBytes <= 0 {
		o.MaxHeaderBytes = DefaultMaxHeaderBytes
	}
	if o.MaxIdleConnsPerHost <= 0 {
		o.MaxIdleConnsPerHost = 2
	}
	if o.IdleConnTimeout <= 0 {
		o.IdleConnTimeout = 30 * time.Second
	}
	if o.Log == nil {
		o.Log = slog.New(slog.DiscardHandler)
	}
	return o
}

// New returns a client for o. Its transport is an *http.Transport.
func New(o Options) *http.Client {
	o = o.withDefaults()
	return &http.Client{Transport: transport(o), CheckRedirect: redirectPolicy(o)}
}

func transport(o Options) *http.Transport {
	dialer := &net.Dialer{Timeout: o.ConnectTimeout, KeepAlive: 30 * time.Second}
	dial := dialer.DialContext
	if o.Dial != nil {
		dial = func(ctx context.Context, network, addr string) (net.Conn, error) {
			return o.Dial(ctx, dialer, network, addr)
		}
	}
	return &http.Transport{
		Proxy:                  http.ProxyFromEnvironment,
		DialContext:            dial,
		TLSHandshakeTimeout:    o.ConnectTimeout,
		ResponseHeaderTimeout:  o.HeaderTimeout,
		MaxResponseHeaderBytes: o.MaxHeaderBytes,
		MaxIdleConnsPerHost:    o.MaxIdleConnsPerHost,
		MaxConnsPerHost:        o.MaxConnsPerHost,
		IdleConnTimeout:        o.IdleConnTimeout,
		DisableKeepAlives:      o.DisableKeepAlives,
		DisableCompression:     o.DisableCompression,
	}
}
