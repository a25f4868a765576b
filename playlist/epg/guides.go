package epg

import (
	"context"
	"io"
	"os"
	"strings"
	"time"

	"github.com/tuner-iptv/tuner/playlist"
	"github.com/tuner-iptv/tuner/playlist/remote"
	"github.com/tuner-iptv/tuner/playlist/xtream"
)

// Guides finds, fetches and caches the programme guide of a set of
// playlists: the configured guides and the http(s) guides the playlists'
// headers name. A header never makes tuner read a local file. When no full
// guide is to be had, Short asks an Xtream account for one channel's
// programmes (get_short_epg).
type Guides struct {
	// Extra are guide files or URLs given by the person, read before the
	// playlists' own.
	Extra []string
	// MaxAge is how old a cached guide may get before it is fetched again;
	// zero or less is DefaultRefreshInterval.
	MaxAge time.Duration
	// Force fetches again whatever the cached copy's age.
	Force bool
	// Cache keeps fetched guides; nil is DefaultCache.
	Cache     *Cache
	UserAgent string
	// Accounts are the Xtream accounts by source name, for Short.
	Accounts map[string]*xtream.Client
	// RequestURL turns a kept guide URL, which holds *** for a password, into
	// the one the request sends; nil sends the URL as kept.
	RequestURL func(string) string
}

// URLs lists the guides to read for pls: the configured ones first, then the
// playlists' http(s) ones, each once.
func (l *Guides) URLs(pls []*playlist.Playlist) []string {
	var out []string
	seen := map[string]bool{}
	add := func(u string) {
		if u = strings.TrimSpace(u); u != "" && !seen[u] {
			seen[u] = true
			out = append(out, u)
		}
	}
	for _, u := range l.Extra {
		add(u)
	}
	for _, p := range pls {
		if p == nil {
			continue
		}
		for _, u := range p.Header.GuideURLs {
			if playlist.IsHTTP(strings.TrimSpace(u)) {
				add(u)
			}
		}
	}
	return out
}

// Guide loads the guide of pls: from the cache while it is young enough,
// else fetched again, keeping the cached one (with a *StaleError) when that
// fails. Guides that are only local files are read afresh each time: they
// are as quick to read as the cache and may have changed. With no guide to
// read, the guide and the error are both nil.
func (l *Guides) Guide(ctx context.Context, pls []*playlist.Playlist) (*Guide, error) {
	urls := l.URLs(pls)
	if len(urls) == 0 {
		return nil, nil
	}
	load := func(ctx context.Context) (*Guide, error) { return LoadURLs(ctx, urls, l.fetch) }
	if !anyHTTP(urls) {
		return load(ctx)
	}
	cache := l.Cache
	if cache == nil {
		cache = DefaultCache()
	}
	key := CacheKey(urls)
	if l.Force {
		return cache.Refresh(ctx, key, nil, load)
	}
	return cache.Get(ctx, key, l.MaxAge, load)
}

// Short asks the Xtream account ch came from for the channel's next
// programmes. A channel of no known account, or without a stream id, has
// none: the guide is nil and so is the error.
func (l *Guides) Short(ctx context.Context, ch *playlist.Channel) (*Guide, Key, error) {
	c := l.Accounts[ch.Source]
	if c == nil || ch.Extra == nil || ch.Extra.StreamID == "" {
		return nil, Key{}, nil
	}
	ls, err := c.ShortEPG(ctx, ch.Extra.StreamID, 0)
	if err != nil {
		return nil, Key{}, err
	}
	id := ch.TvgID
	if id == "" {
		id = ch.Extra.StreamID
	}
	g, k := FromShort(id, ls)
	return g, k, nil
}

// Interval is MaxAge: how old a guide may get before a screen that keeps
// running loads it again.
func (l *Guides) Interval() time.Duration { return l.MaxAge }

func (l *Guides) fetch(ctx context.Context, u string) (io.ReadCloser, error) {
	if playlist.IsHTTP(u) {
		if l.RequestURL != nil {
			u = l.RequestURL(u)
		}
		resp, err := remote.Fetch(ctx, u, remote.Options{UserAgent: l.UserAgent, MaxBytes: MaxGuideBytes})
		if err != nil {
			return nil, err
		}
		return resp.Body, nil
	}
	path := strings.TrimPrefix(u, "file://")
	f, err := os.Open(path)
	if err != nil {
		return nil, &playlist.Error{Source: path, Problem: playlist.NotFound, Detail: "cannot open the guide", Err: err}
	}
	return f, nil
}

func anyHTTP(urls []string) bool {
	for _, u := range urls {
		if playlist.IsHTTP(u) {
			return true
		}
	}
	return false
}
