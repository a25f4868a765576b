package source

import (
	"context"
	"errors"
	"net/http"
	"sync"
	"time"

	"github.com/tuner-iptv/tuner/playlist"
	"github.com/tuner-iptv/tuner/playlist/cache"
	"github.com/tuner-iptv/tuner/playlist/xtream"
)

// DefaultCatalogueAge is how long a kept catalogue is used without asking
// the provider again. Catalogues change by a few titles a day and cost a
// panel far more to list than channels, so they are asked for less often.
const DefaultCatalogueAge = 12 * time.Hour

// CatalogueOptions sets where catalogues are kept and for how long.
type CatalogueOptions struct {
	// Cache keeps the last good copy of each catalogue; nil keeps none
	// beyond this run.
	Cache *cache.Cache
	// MaxAge is how old a kept copy may be and still be used without
	// asking the provider; 0 is DefaultCatalogueAge, negative always asks.
	MaxAge time.Duration
	// Now is the clock, for tests; nil is time.Now.
	Now func() time.Time
}

// Catalogues is playlist.Catalogues for the Xtream accounts among a set of
// sources; other sources have no catalogue of their own (the movies and
// episodes of an M3U playlist are among its channels, each with its kind).
//
// A catalogue is asked for once and then kept: in memory for this run and,
// with a Cache, on disk for the next, until it is MaxAge old. A refresh that
// fails hands back the kept copy with the reason; one that brings an empty
// list where the kept copy has titles is taken for a failing panel, as
// playlists are. Safe for concurrent use.
type Catalogues struct {
	srcs []*Xtream
	opt  CatalogueOptions

	mu    sync.Mutex
	held  map[string]heldCopy    // by cache key: this run's copies
	locks map[string]*sync.Mutex // by cache key: held while one is fetched
}

type heldCopy struct {
	p  *playlist.Playlist
	at time.Time // when it was fetched, or saved when it came from the cache
}

var _ playlist.Catalogues = (*Catalogues)(nil)

// NewCatalogues returns the catalogues of srcs' Xtream accounts.
func NewCatalogues(srcs []playlist.Source, opts CatalogueOptions) *Catalogues {
	c := &Catalogues{opt: opts, held: map[string]heldCopy{}, locks: map[string]*sync.Mutex{}}
	if c.opt.MaxAge == 0 {
		c.opt.MaxAge = DefaultCatalogueAge
	}
	if c.opt.Now == nil {
		c.opt.Now = time.Now
	}
	for _, s := range srcs {
		if x, ok := s.(*Xtream); ok {
			c.srcs = append(c.srcs, x)
		}
	}
	return c
}

// Catalogue is every movie (KindMovie) or show (KindSeries) of each
// account, one playlist per account in the order the sources were given.
// An account without the kind gives an empty playlist. When some accounts
// fail, the playlists of the others (and the kept copies of the failed
// ones, when there are any) come back with the failures joined in the
// error: a caller shows what it got and says why the rest is missing.
func (c *Catalogues) Catalogue(ctx context.Context, kind playlist.Kind, progress playlist.Progress) ([]*playlist.Playlist, error) {
	if kind != playlist.KindMovie && kind != playlist.KindSeries {
		return nil, &playlist.Error{Source: "catalogue", Problem: playlist.Invalid, Detail: "no catalogue of kind " + kind.String()}
	}
	var out []*playlist.Playlist
	var errs []error
	for _, s := range c.srcs {
		p, err := c.one(ctx, s, kind, progress)
		if p != nil {
			out = append(out, p)
		}
		if err != nil {
			errs = append(errs, err)
		}
	}
	return out, errors.Join(errs...)
}

// catalogueKey is the cache key of s's catalogue of kind: the account's
// own key (its panel and username, never its password) and the kind.
func catalogueKey(s *Xtream, kind playlist.Kind) string {
	return s.CacheKey() + "#" + kind.String()
}

func (c *Catalogues) one(ctx context.Context, s *Xtream, kind playlist.Kind, progress playlist.Progress) (*playlist.Playlist, error) {
	key := catalogueKey(s, kind)
	// A catalogue asked for again while it loads (the screen opened while
	// it is fetched ahead) waits for that load instead of asking twice.
	l := c.lock(key)
	l.Lock()
	defer l.Unlock()
	kept, fresh := c.kept(key)
	if fresh {
		return kept, nil
	}
	p, err := fetchCatalogue(ctx, s, kind, progress)
	if err == nil && p.Channels.Len() == 0 && kept != nil && kept.Channels.Len() > 0 {
		err = &playlist.Error{Source: s.Name(), Problem: playlist.NotPlaylist,
			Detail: "the provider listed no " + kindPlural(kind) + "; keeping the last copy"}
	}
	if err != nil {
		return kept, err
	}
	c.keep(key, p)
	return p, nil
}

func (c *Catalogues) lock(key string) *sync.Mutex {
	c.mu.Lock()
	defer c.mu.Unlock()
	l, ok := c.locks[key]
	if !ok {
		l = &sync.Mutex{}
		c.locks[key] = l
	}
	return l
}

// kept is this run's copy of key, else the cache's, and whether it is
// young enough to use without asking the provider.
func (c *Catalogues) kept(key string) (*playlist.Playlist, bool) {
	now := c.opt.Now()
	c.mu.Lock()
	h, ok := c.held[key]
	c.mu.Unlock()
	if !ok && c.opt.Cache != nil {
		if p, age, err := c.opt.Cache.LoadCatalogue(key); err == nil {
			h, ok = heldCopy{p: p, at: now.Add(-age)}, true
			c.mu.Lock()
			c.held[key] = h
			c.mu.Unlock()
		}
	}
	if !ok {
		return nil, false
	}
	return h.p, now.Sub(h.at) < c.opt.MaxAge
}

// keep holds p for this run and saves it for the next. A copy that cannot
// be written costs only the next start's speed, so that is not an error.
func (c *Catalogues) keep(key string, p *playlist.Playlist) {
	c.mu.Lock()
	c.held[key] = heldCopy{p: p, at: c.opt.Now()}
	c.mu.Unlock()
	if c.opt.Cache != nil {
		_ = c.opt.Cache.SaveCatalogue(key, p)
	}
}

func kindPlural(k playlist.Kind) string {
	if k == playlist.KindMovie {
		return "movies"
	}
	return "series"
}

// fetchCatalogue asks the panel for the categories and then the whole list
// in one request, as the live loader does.
func fetchCatalogue(ctx context.Context, s *Xtream, kind playlist.Kind, progress playlist.Progress) (*playlist.Playlist, error) {
	cl, name := s.Client(), s.Name()
	p := &playlist.Playlist{Source: name, LoadedAt: time.Now()}
	var chs []playlist.Channel
	var err error
	if kind == playlist.KindMovie {
		chs, err = movieChannels(ctx, cl, name, progress)
	} else {
		chs, err = seriesChannels(ctx, cl, name, progress)
	}
	if noCatalogue(err) {
		chs, err = nil, nil
	}
	if err != nil {
		return nil, err
	}
	p.Channels = playlist.List(chs)
	p.Groups = playlist.BuildGroups(p.Channels)
	return p, nil
}

func movieChannels(ctx context.Context, cl *xtream.Client, name string, progress playlist.Progress) ([]playlist.Channel, error) {
	cats, err := cl.VODCategories(ctx)
	if err != nil {
		return nil, err
	}
	movies, err := cl.Movies(ctx, "", progress)
	if err != nil {
		return nil, err
	}
	return cl.MovieChannels(name, movies, cats), nil
}

func seriesChannels(ctx context.Context, cl *xtream.Client, name string, progress playlist.Progress) ([]playlist.Channel, error) {
	cats, err := cl.SeriesCategories(ctx)
	if err != nil {
		return nil, err
	}
	shows, err := cl.Series(ctx, "", progress)
	if err != nil {
		return nil, err
	}
	return xtream.SeriesChannels(name, shows, cats), nil
}

// noCatalogue is a panel without the kind: it answers its actions with 404
// (an empty list decodes as no titles by itself).
func noCatalogue(err error) bool {
	var pe *playlist.Error
	return errors.As(err, &pe) && pe.Status == http.StatusNotFound
}

// MovieDetails asks the movie's account for what it says of it.
func (c *Catalogues) MovieDetails(ctx context.Context, movie playlist.Channel) (playlist.Movie, error) {
	s, id, err := c.owner(movie, playlist.KindMovie)
	if err != nil {
		return playlist.Movie{}, err
	}
	m, err := s.Client().Movie(ctx, id)
	if err != nil {
		return playlist.Movie{}, err
	}
	m.Source = s.Name()
	return m, nil
}

// Episodes opens a show: its details and its seasons, each episode's URL
// BASE/series/USER/***/ID.EXT with the password left out.
func (c *Catalogues) Episodes(ctx context.Context, show playlist.Channel) (playlist.Series, []playlist.Season, error) {
	s, id, err := c.owner(show, playlist.KindSeries)
	if err != nil {
		return playlist.Series{}, nil, err
	}
	info, seasons, err := s.Client().SeriesInfo(ctx, id)
	if err != nil {
		return playlist.Series{}, nil, err
	}
	info.Source = s.Name()
	s.Client().EpisodeURLs(seasons)
	return info, seasons, nil
}

// owner is the account an entry came from and the entry's id there.
func (c *Catalogues) owner(ch playlist.Channel, kind playlist.Kind) (*Xtream, string, error) {
	if ch.Kind() != kind || ch.Extra == nil || ch.Extra.StreamID == "" {
		return nil, "", &playlist.Error{Source: ch.Source, Problem: playlist.Invalid,
			Detail: ch.Name + " is not a " + kindSingular(kind) + " of a provider's catalogue"}
	}
	for _, s := range c.srcs {
		if s.Name() == ch.Source {
			return s, ch.Extra.StreamID, nil
		}
	}
	return nil, "", &playlist.Error{Source: ch.Source, Problem: playlist.NotFound, Detail: "no provider account by that name"}
}

func kindSingular(k playlist.Kind) string {
	if k == playlist.KindMovie {
		return "movie"
	}
	return "series"
}
