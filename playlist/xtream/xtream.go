// Package xtream reads an Xtream Codes account through player_api.php:
// account info, live categories, live streams and the short EPG, decoding
// the many shapes panels answer in.
package xtream

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/tuner-iptv/tuner/playlist"
	"github.com/tuner-iptv/tuner/playlist/remote"
)

// Client talks to one account on one panel. Its errors name the source as
// "user@host" and never contain the password.
type Client struct {
	BaseURL  string // e.g. http://host:8080, with an optional path prefix
	Username string
	Password string
	HTTP     remote.Options // timeouts, user agent, size cap
	// Output picks the stream container for channel URLs ("ts" or "m3u8");
	// empty chooses ts unless the account allows only m3u8.
	Output string

	once sync.Once
	rc   *remote.Client
}

// New returns a Client for base (a scheme is added when missing).
func New(base, user, pass string, opt remote.Options) *Client {
	return &Client{BaseURL: base, Username: user, Password: pass, HTTP: opt}
}

// Name is "user@host", the label used in errors and screens.
func (c *Client) Name() string {
	return c.Username + "@" + hostOf(c.base())
}

func (c *Client) base() string { return NormalizeBase(c.BaseURL) }

// NormalizeBase adds http:// when no scheme is given and drops a trailing
// slash, so URLs are built the same way from any spelling of the base.
func NormalizeBase(base string) string {
	base = strings.TrimSpace(base)
	if !strings.Contains(base, "://") {
		base = "http://" + base
	}
	return strings.TrimRight(base, "/")
}

func hostOf(base string) string {
	if u, err := url.Parse(base); err == nil && u.Host != "" {
		return u.Host
	}
	return playlist.MaskURL(base)
}

// MaxAnswerBytes caps one API answer unless HTTP.MaxBytes says otherwise.
// Most answers are held whole to be decoded, so the cap is what they may
// cost in memory. The live streams of Load are decoded as they arrive and
// never held, but their channels cost about 1.3 times the answer, so the
// cap bounds them too; the lists of the largest panels are around 100 MB.
const MaxAnswerBytes = 128 << 20

func (c *Client) client() *remote.Client {
	c.once.Do(func() {
		opt := c.HTTP
		if opt.MaxBytes <= 0 {
			opt.MaxBytes = MaxAnswerBytes
		}
		opt.Source = c.Name()
		opt.Username, opt.Password = "", "" // the panel authenticates by query, never by challenge
		c.rc = remote.NewClient(opt)
	})
	return c.rc
}

// StreamURL is BASE/live/USER/***/ID.EXT: a channel keeps its URL with the
// playlist.Placeholder where the panel wants the password, and
// Credentials().RequestURL fills it in as the request leaves.
func (c *Client) StreamURL(streamID, ext string) string {
	if ext == "" {
		ext = "ts"
	}
	return c.base() + "/live/" + url.PathEscape(c.Username) + "/" + playlist.Placeholder + "/" + url.PathEscape(streamID) + "." + ext
}

// GuideURL is the panel's XMLTV guide for the account, with the
// playlist.Placeholder for the password.
func (c *Client) GuideURL() string {
	return c.base() + "/xmltv.php?password=" + playlist.Placeholder + "&username=" + url.QueryEscape(c.Username)
}

// Credentials are what RequestURL needs to turn the account's kept URLs into
// the ones the panel answers.
func (c *Client) Credentials() playlist.Credentials {
	return playlist.Credentials{Host: hostOf(c.base()), Username: c.Username, Password: c.Password}
}

func (c *Client) credentials() url.Values {
	return url.Values{"username": {c.Username}, "password": {c.Password}}
}

func (c *Client) apiURL(action string, extra url.Values) string {
	q := c.credentials()
	if action != "" {
		q.Set("action", action)
	}
	for k, v := range extra {
		q[k] = v
	}
	return c.base() + "/player_api.php?" + q.Encode()
}

// call fetches one API answer; progress may be nil.
func (c *Client) call(ctx context.Context, action string, extra url.Values, progress playlist.Progress) ([]byte, error) {
	rc := c.client()
	if progress != nil {
		rc = rc.WithProgress(progress)
	}
	data, _, err := rc.ReadAll(ctx, c.apiURL(action, extra))
	if err != nil {
		return nil, c.httpError(err)
	}
	return data, nil
}

// httpError turns the statuses panels use for bad credentials into Refused.
func (c *Client) httpError(err error) error {
	var pe *playlist.Error
	if !errors.As(err, &pe) {
		return c.fail(playlist.Unreachable, 0, "request failed", err)
	}
	switch pe.Status {
	case http.StatusUnauthorized, http.StatusForbidden, http.StatusNotFound:
		detail := fmt.Sprintf("credentials rejected (HTTP %d %s)", pe.Status, http.StatusText(pe.Status))
		return c.fail(playlist.Refused, pe.Status, detail, pe)
	}
	return pe
}

func (c *Client) fail(p playlist.Problem, status int, detail string, cause error) *playlist.Error {
	return &playlist.Error{Source: c.Name(), Problem: p, Detail: detail, Status: status, Err: cause}
}

// decodeError phrases a decoding failure.
func (c *Client) decodeError(action string, err error) error {
	if errors.Is(err, errRejected) {
		return c.fail(playlist.Refused, 0, "credentials rejected (auth 0)", err)
	}
	what := "player_api.php"
	if action != "" {
		what += " " + action
	}
	return c.fail(playlist.NotPlaylist, 0, "not an Xtream Codes panel ("+what+" did not answer with its JSON)", err)
}

// AccountInfo asks the panel about the account. Wrong credentials, in any of
// the ways panels signal them, are a Refused error.
func (c *Client) AccountInfo(ctx context.Context) (*Info, error) {
	data, err := c.call(ctx, "", nil, nil)
	if err != nil {
		return nil, err
	}
	info, err := DecodeAccount(data)
	if err != nil {
		return nil, c.decodeError("", err)
	}
	return info, nil
}

// Account turns Info into the domain type.
func (c *Client) Account(info *Info) *playlist.Account {
	u, s := info.User, info.Server
	a := &playlist.Account{
		Server:            c.base(),
		Username:          c.Username,
		Auth:              bool(u.Auth),
		Status:            string(u.Status),
		MaxConnections:    int(u.MaxConnections),
		ActiveConnections: int(u.ActiveCons),
		AllowedFormats:    []string(u.AllowedFormats),
		Timezone:          string(s.Timezone),
		Message:           playlist.MaskSecret(string(u.Message), c.Password),
	}
	if u.ExpDate > 0 {
		a.ExpiresAt = time.Unix(int64(u.ExpDate), 0)
	}
	if s.TimestampNow > 0 {
		a.ServerTime = time.Unix(int64(s.TimestampNow), 0)
	}
	return a
}

// LiveCategories lists the live categories.
func (c *Client) LiveCategories(ctx context.Context) ([]Category, error) {
	data, err := c.call(ctx, "get_live_categories", nil, nil)
	if err != nil {
		return nil, err
	}
	cats, err := DecodeCategories(data)
	if err != nil {
		return nil, c.decodeError("get_live_categories", err)
	}
	return cats, nil
}

// LiveStreams lists live streams, all of them when categoryID is "".
func (c *Client) LiveStreams(ctx context.Context, categoryID string) ([]Stream, error) {
	return c.liveStreams(ctx, categoryID, nil)
}

func (c *Client) liveStreams(ctx context.Context, categoryID string, progress playlist.Progress) ([]Stream, error) {
	var extra url.Values
	if categoryID != "" {
		extra = url.Values{"category_id": {categoryID}}
	}
	data, err := c.call(ctx, "get_live_streams", extra, progress)
	if err != nil {
		return nil, err
	}
	streams, err := DecodeStreams(data)
	if err != nil {
		return nil, c.decodeError("get_live_streams", err)
	}
	return streams, nil
}

// ShortEPG lists the next programmes of a stream; limit 0 leaves the
// panel's default.
func (c *Client) ShortEPG(ctx context.Context, streamID string, limit int) ([]Listing, error) {
	extra := url.Values{"stream_id": {streamID}}
	if limit > 0 {
		extra.Set("limit", itoa(int64(limit)))
	}
	data, err := c.call(ctx, "get_short_epg", extra, nil)
	if err != nil {
		return nil, err
	}
	ls, err := DecodeShortEPG(data)
	if err != nil {
		return nil, c.decodeError("get_short_epg", err)
	}
	return ls, nil
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
