package cmd

import (
	"context"
	"log/slog"
	"path"
	"slices"
	"strings"

	"github.com/tuner-iptv/tuner/playlist"
	"github.com/tuner-iptv/tuner/playlist/m3u"
	"github.com/tuner-iptv/tuner/playlist/source"
)

// listKinds is what --kind asks for: live channels, movies, series (an
// account's shows, a playlist's episodes), or all of them.
type listKinds uint8

const (
	kindLive listKinds = 1 << iota
	kindMovie
	kindSeries
	kindAll = kindLive | kindMovie | kindSeries
)

func parseListKinds(s string) (listKinds, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "", "live":
		return kindLive, nil
	case "movie", "movies":
		return kindMovie, nil
	case "series":
		return kindSeries, nil
	case "all":
		return kindAll, nil
	}
	return 0, usageErrorf("--kind %q: want live, movie, series or all", s)
}

// has says whether an entry of kind k is asked for. What is neither a movie
// nor a show's episode is live, as a player treats it.
func (ks listKinds) has(k playlist.Kind) bool {
	switch k {
	case playlist.KindMovie:
		return ks&kindMovie != 0
	case playlist.KindSeries, playlist.KindEpisode:
		return ks&kindSeries != 0
	}
	return ks&kindLive != 0
}

// of is how many entries of the kinds asked for a count holds.
func (ks listKinds) of(n m3u.Counts) int {
	total := 0
	if ks&kindLive != 0 {
		total += n.Live
	}
	if ks&kindMovie != 0 {
		total += n.Movies
	}
	if ks&kindSeries != 0 {
		total += n.Episodes
	}
	return total
}

// kindCounter is a source that can count its entries by kind without
// building them.
type kindCounter interface {
	CountKinds(ctx context.Context) (m3u.Counts, error)
}

// sourceEntries are the entries of one source of the kinds asked for: a
// playlist's channels by the kind each says it is, an account's live
// channels and its catalogues. Only what is asked for is fetched.
func sourceEntries(ctx context.Context, log *slog.Logger, s playlist.Source, ks listKinds) ([]playlist.Channel, error) {
	x, account := s.(*source.Xtream)
	var out []playlist.Channel
	if !account || ks&kindLive != 0 {
		p, err := loadSource(ctx, log, s)
		if err != nil {
			return nil, err
		}
		out = p.Channels.Slice()
		if ks != kindAll || account {
			out = slices.DeleteFunc(out, func(c playlist.Channel) bool { return !ks.has(c.Kind()) })
		}
	}
	if !account {
		return out, nil
	}
	cats := source.NewCatalogues([]playlist.Source{x}, source.CatalogueOptions{})
	for _, k := range []playlist.Kind{playlist.KindMovie, playlist.KindSeries} {
		if !ks.has(k) {
			continue
		}
		ps, err := cats.Catalogue(ctx, k, nil)
		if err != nil {
			log.Debug("catalogue failed", "source", s.Name(), "kind", k, "err", err)
			return nil, err
		}
		for _, p := range ps {
			log.Debug("catalogue", "source", s.Name(), "kind", k, "entries", p.Channels.Len())
			out = append(out[:len(out):len(out)], p.Channels.Slice()...)
		}
	}
	return out, nil
}

// seriesEpisodes is every episode of the show id, asked of each account
// in turn until one has it.
func seriesEpisodes(ctx context.Context, srcs []playlist.Source, id string) ([]playlist.Channel, error) {
	cats := source.NewCatalogues(srcs, source.CatalogueOptions{})
	var missing error
	for _, s := range srcs {
		if _, ok := s.(*source.Xtream); !ok {
			continue
		}
		show := playlist.Channel{Source: s.Name(), Extra: &playlist.Extra{Kind: playlist.KindSeries, StreamID: id}}
		info, seasons, err := cats.Episodes(ctx, show)
		if playlist.ProblemOf(err) == playlist.NotFound {
			missing = err
			continue
		}
		if err != nil {
			return nil, err
		}
		show.Name, show.Logo = info.Name, info.Poster
		var out []playlist.Channel
		for _, season := range seasons {
			for _, e := range season.Episodes {
				out = append(out, playlist.EpisodeChannel(show, e))
			}
		}
		return out, nil
	}
	if missing == nil {
		return nil, usageErrorf("--series needs a provider account (--xtream, or a get.php URL)")
	}
	return nil, missing
}

// jsonEntry is a channel as --json prints it; with --kind it says what
// kind of entry it is and what a catalogue knows of it.
type jsonEntry struct {
	jsonChannel
	Kind      string  `json:"kind,omitempty"`
	ID        string  `json:"id,omitempty"`
	Year      uint16  `json:"year,omitempty"`
	Rating    float32 `json:"rating,omitempty"`
	Container string  `json:"container,omitempty"`
	Series    string  `json:"series,omitempty"`
	Season    int16   `json:"season,omitempty"`
	Episode   int16   `json:"episode,omitempty"`
}

func entryOf(c *playlist.Channel, url string) jsonEntry {
	e := jsonEntry{jsonChannel: jsonChannel{c.Name, c.Group, c.TvgID, c.Logo, c.Chno, url}}
	k := c.Kind()
	e.Kind = k.String()
	if k == playlist.KindLive {
		return e
	}
	if c.Extra != nil {
		e.ID = c.Extra.StreamID
	}
	if it := c.ItemInfo(); it != nil {
		e.Year, e.Rating, e.Container = it.Year, it.Rating, it.Container
		e.Series, e.Season, e.Episode = it.Series, it.Season, it.Episode
	}
	if e.Container == "" && c.URL != "" {
		// A playlist's movie says its container only by its file's name.
		e.Container = strings.TrimPrefix(path.Ext(strings.SplitN(c.URL, "?", 2)[0]), ".")
	}
	return e
}
