package source

import (
	"context"
	"net/url"

	"github.com/tuner-iptv/tuner/playlist"
	"github.com/tuner-iptv/tuner/playlist/m3u"
	"github.com/tuner-iptv/tuner/playlist/remote"
	"github.com/tuner-iptv/tuner/playlist/xtream"
)

// URL is a playlist served over http(s).
type URL struct {
	url   string
	opt   remote.Options
	label string
}

// NewURL returns a source for rawURL.
func NewURL(rawURL string, opt remote.Options) *URL { return &URL{url: rawURL, opt: opt} }

// Name is host and path, without credentials or query, unless the source
// was given a name.
func (s *URL) Name() string {
	if s.label != "" {
		return s.label
	}
	u, err := url.Parse(s.url)
	if err != nil || u.Host == "" {
		return playlist.MaskURL(s.url)
	}
	pass, _ := u.User.Password()
	return playlist.MaskSecret(playlist.MaskURL(u.Host+u.EscapedPath()), pass)
}

// CacheKey is the URL with every password masked.
func (s *URL) CacheKey() string {
	key := playlist.MaskURL(s.url)
	if u, err := url.Parse(s.url); err == nil {
		pass, _ := u.User.Password()
		key = playlist.MaskSecret(key, pass, s.opt.Password)
	}
	if s.opt.Username != "" {
		key += " user " + s.opt.Username
	}
	return "url " + key
}

// Load fetches and parses the playlist. Errors from the fetch (timeouts, the
// size cap) surface as they are, since the parser passes them through.
func (s *URL) Load(ctx context.Context, progress playlist.Progress) (*playlist.Playlist, error) {
	opt := s.opt
	opt.Source = s.Name()
	opt.Progress = progress
	resp, err := remote.Fetch(ctx, s.url, opt)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	// The download has its own size cap; the parser adds only the line cap.
	return m3u.ParseWith(resp.Body, s.Name(), nil, m3u.Limits{MaxStream: -1})
}

// Xtream is a provider account read through player_api.php.
type Xtream struct {
	c *xtream.Client
	// fallback is the get.php URL the account was given as, read as M3U
	// when the panel's API does not answer like an Xtream panel.
	fallback *URL
	label    string
}

// NewXtream returns a source for the account user at base.
func NewXtream(base, user, pass string, opts Options) playlist.Source {
	return &Xtream{c: xtream.New(base, user, pass, opts.http()), label: opts.Name}
}

// Client exposes the API client, for account checks and the short EPG.
func (s *Xtream) Client() *xtream.Client { return s.c }

// Name is "user@host", unless the source was given a name.
func (s *Xtream) Name() string {
	if s.label != "" {
		return s.label
	}
	return s.c.Name()
}

// Credentials are the account's, for RequestURL at the edges.
func (s *Xtream) Credentials() playlist.Credentials { return s.c.Credentials() }

// PasswordSetter is a source whose account can take a new password, typed
// after the provider refused the one it had.
type PasswordSetter interface {
	SetPassword(password string)
}

// SetPassword gives the account a new password for the requests from then
// on. Call it while none of the account's requests is under way: after
// its load was refused, before it is loaded again.
func (s *Xtream) SetPassword(password string) { s.c.Password = password }

// CacheKey names the panel and the username.
func (s *Xtream) CacheKey() string {
	return "xtream " + xtream.NormalizeBase(s.c.BaseURL) + " " + s.c.Username
}

// Load reads the account's live channels.
func (s *Xtream) Load(ctx context.Context, progress playlist.Progress) (*playlist.Playlist, error) {
	p, err := s.c.Load(ctx, progress)
	if err != nil && s.fallback != nil && playlist.ProblemOf(err) == playlist.NotPlaylist {
		p, ferr := s.fallback.Load(ctx, progress)
		if ferr != nil {
			return nil, err
		}
		stripPassword(p, s.Credentials())
		return relabel(p, s.Name()), nil
	}
	if err == nil && p.Source != s.Name() {
		relabel(p, s.Name())
	}
	return p, err
}

// relabel names p and each of its channels after the source they came from.
func relabel(p *playlist.Playlist, name string) *playlist.Playlist {
	p.Source = name
	for i := range p.Channels.Len() {
		p.Channels.At(i).Source = name
	}
	return p
}

// stripPassword keeps get.php's URLs without the password the panel wrote
// into each of them, as the API's channels are kept.
func stripPassword(p *playlist.Playlist, c playlist.Credentials) {
	strip := c.Stripper()
	for i := range p.Header.GuideURLs {
		p.Header.GuideURLs[i] = strip(p.Header.GuideURLs[i])
	}
	p.Header.CatchupSource = strip(p.Header.CatchupSource)
	for i := range p.Channels.Len() {
		ch := p.Channels.At(i)
		ch.URL = strip(ch.URL)
		if ch.Extra != nil {
			// Extras may be shared between channels; stripping twice is harmless.
			ch.Extra.CatchupSource = strip(ch.Extra.CatchupSource)
		}
	}
}
