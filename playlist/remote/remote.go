// Package remote fetches playlists and provider API answers over http(s), with
// the manners a provider expects and the failures a person can understand: a
// connect timeout, an idle timeout that also catches a server that stalls
// mid-body, transparent gzip, a size cap, redirects, and Basic or Digest
// authentication answered from the server's challenge.
package remote

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"time"

	"github.com/tuner-iptv/tuner/internal/httpc"
	"github.com/tuner-iptv/tuner/playlist"
)

// Defaults for Options fields left zero.
const (
	DefaultConnectTimeout = 10 * time.Second
	DefaultIdleTimeout    = 30 * time.Second
	DefaultMaxBytes       = 512 << 20
	DefaultDeadline       = 10 * time.Minute
	DefaultUserAgent      = "tuner/dev"
	maxRedirects          = 10
)

// Options sets how a fetch behaves. The zero value is usable.
type Options struct {
	UserAgent      string        // default DefaultUserAgent
	Username       string        // used when the server asks (401 with a challenge)
	Password       string        // likewise; URL userinfo is used when both are empty
	ConnectTimeout time.Duration // TCP connect and TLS handshake; default 10s
	IdleTimeout    time.Duration // longest wait for any byte, headers or body; default 30s
	// Deadline bounds a whole download, so a server that sends a byte now
	// and then, each in time for the idle timeout, still ends; default 10 min.
	Deadline time.Duration
	MaxBytes int64       // cap on the decoded body; default 512 MB
	Header   http.Header // extra request headers
	Progress playlist.Progress
	// Source names the source in errors; default the masked URL.
	Source string
	// Log hears, at debug level, what a redirect left behind; nil discards.
	Log *slog.Logger
}

func (o Options) withDefaults() Options {
	if o.UserAgent == "" {
		o.UserAgent = DefaultUserAgent
	}
	if o.ConnectTimeout <= 0 {
		o.ConnectTimeout = DefaultConnectTimeout
	}
	if o.IdleTimeout <= 0 {
		o.IdleTimeout = DefaultIdleTimeout
	}
	if o.MaxBytes <= 0 {
		o.MaxBytes = DefaultMaxBytes
	}
	if o.Deadline <= 0 {
		o.Deadline = DefaultDeadline
	}
	return o
}

// Response is a successful fetch. Body yields the decoded bytes and must be
// closed; its read errors are *playlist.Error values.
type Response struct {
	Body          io.ReadCloser
	URL           string // final URL after redirects (may carry credentials; mask before showing)
	Status        int
	Header        http.Header
	ContentLength int64 // as sent on the wire, -1 when unknown
}

// Client fetches with fixed Options and reuses connections between fetches,
// which matters for an API that is asked several questions in a row.
type Client struct {
	opt  Options
	http *http.Client
}

// NewClient returns a Client for opt.
func NewClient(opt Options) *Client {
	opt = opt.withDefaults()
	hc := httpc.New(httpc.Options{
		ConnectTimeout:     opt.ConnectTimeout,
		MaxRedirects:       maxRedirects,
		DisableCompression: true, // gzip is handled here so .gz bodies and the cap work alike
		Log:                opt.Log,
		// No header timeout: the idle watchdog covers it.
	})
	return &Client{opt: opt, http: hc}
}

// Options returns the client's options with defaults filled in.
func (c *Client) Options() Options { return c.opt }

// WithProgress returns a Client that shares c's connections but reports
// progress to p.
func (c *Client) WithProgress(p playlist.Progress) *Client {
	opt := c.opt
	opt.Progress = p
	return &Client{opt: opt, http: c.http}
}

// CloseIdle drops pooled connections.
func (c *Client) CloseIdle() { c.http.CloseIdleConnections() }

// Fetch GETs rawURL with opt; see Client.Fetch.
func Fetch(ctx context.Context, rawURL string, opt Options) (*Response, error) {
	c := NewClient(opt)
	resp, err := c.Fetch(ctx, rawURL)
	if err != nil {
		c.CloseIdle()
		return nil, err
	}
	resp.Body = &closeHook{ReadCloser: resp.Body, after: c.CloseIdle}
	return resp, nil
}

// ReadAll fetches rawURL and returns the whole decoded body.
func (c *Client) ReadAll(ctx context.Context, rawURL string) ([]byte, *Response, error) {
	resp, err := c.Fetch(ctx, rawURL)
	if err != nil {
		return nil, nil, err
	}
	defer resp.Body.Close()
	if n := resp.ContentLength; n > 0 && n <= c.opt.MaxBytes && resp.Header.Get("Content-Encoding") == "" {
		var buf bytes.Buffer
		buf.Grow(int(n) + bytes.MinRead) // ReadFrom wants MinRead spare to try the read that sees EOF
		if _, err := buf.ReadFrom(resp.Body); err != nil {
			return nil, resp, err
		}
		return buf.Bytes(), resp, nil
	}
	b, err := readChunks(resp.Body)
	return b, resp, err
}

// readChunks reads r in chunks that grow to 16 MB and joins them once at the
// end. A growing buffer would copy itself on every doubling and, at a size
// cap of 512 MB, briefly hold three times that; chunks never hold more than
// the body, so a body cut at the cap costs no more than the cap.
func readChunks(r io.Reader) ([]byte, error) {
	var chunks [][]byte
	size, total := 64<<10, 0
	for {
		chunk := make([]byte, size)
		n, err := io.ReadFull(r, chunk)
		total += n
		chunks = append(chunks, chunk[:n])
		if err == io.EOF || err == io.ErrUnexpectedEOF {
			break
		}
		if err != nil {
			return nil, err
		}
		size = min(2*size, 16<<20)
	}
	if len(chunks) == 1 {
		return chunks[0], nil
	}
	out := make([]byte, 0, total)
	for _, c := range chunks {
		out = append(out, c...)
	}
	return out, nil
}

// Fetch GETs rawURL. Any status other than 2xx is an error. Credentials in
// the URL's userinfo are never sent preemptively: they answer a 401 challenge
// from the same host only.
func (c *Client) Fetch(ctx context.Context, rawURL string) (*Response, error) {
	src := c.opt.Source
	if src == "" {
		src = playlist.MaskURL(rawURL)
	}
	u, err := url.Parse(rawURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, &playlist.Error{Source: src, Problem: playlist.Invalid, Detail: "not an http(s) URL"}
	}
	cred := credentials{user: c.opt.Username, pass: c.opt.Password, host: u.Host}
	if u.User != nil {
		if cred.user == "" && cred.pass == "" {
			cred.user = u.User.Username()
			cred.pass, _ = u.User.Password()
		}
		u.User = nil
	}
	f := &fetch{c: c, src: src, cred: cred}
	return f.run(ctx, u)
}

type fetch struct {
	c    *Client
	src  string
	cred credentials
	wd   *watchdog
}

func (f *fetch) run(ctx context.Context, u *url.URL) (*Response, error) {
	wd, ctx := newWatchdog(ctx, f.c.opt.IdleTimeout, f.c.opt.Deadline)
	f.wd = wd
	resp, err := f.do(ctx, u, "")
	if err == nil && resp.StatusCode == http.StatusUnauthorized && f.cred.usable(resp.Request.URL) {
		authz, ok := f.cred.answer(resp.Header.Values("WWW-Authenticate"), resp.Request.URL)
		if ok {
			drain(resp.Body)
			resp, err = f.do(ctx, resp.Request.URL, authz)
		}
	}
	if err != nil {
		wd.stop()
		return nil, f.transportError(wd.parent, wd, err)
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		wd.stop()
		drain(resp.Body)
		return nil, f.statusError(resp)
	}
	body, err := f.body(resp, wd)
	if err != nil {
		wd.stop()
		resp.Body.Close()
		return nil, err
	}
	return &Response{
		Body:          body,
		URL:           resp.Request.URL.String(),
		Status:        resp.StatusCode,
		Header:        resp.Header,
		ContentLength: resp.ContentLength,
	}, nil
}

func (f *fetch) do(ctx context.Context, u *url.URL, authz string) (*http.Response, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, err
	}
	for k, vs := range f.c.opt.Header {
		for _, v := range vs {
			req.Header.Add(k, v)
		}
	}
	req.Header.Set("User-Agent", f.c.opt.UserAgent)
	req.Header.Set("Accept-Encoding", "gzip")
	if authz != "" {
		req.Header.Set("Authorization", authz)
	}
	resp, err := f.c.http.Do(req)
	if err == nil {
		f.wd.kick() // headers count as data: the idle clock restarts
	}
	return resp, err
}

func drain(r io.ReadCloser) {
	_, _ = io.CopyN(io.Discard, r, 64<<10)
	r.Close()
}

// mb phrases a byte cap for a person.
func mb(n int64) string {
	switch {
	case n%(1<<20) == 0:
		return fmt.Sprintf("%d MB", n>>20)
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n%(1<<10) == 0:
		return fmt.Sprintf("%d KB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}

type closeHook struct {
	io.ReadCloser
	after func()
}

func (c *closeHook) Close() error {
	err := c.ReadCloser.Close()
	c.after()
	return err
}
