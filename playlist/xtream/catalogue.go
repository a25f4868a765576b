package xtream

import (
	"net/url"
	"slices"
	"strings"

	"github.com/tuner-iptv/tuner/playlist"
)

// A catalogue of a hundred thousand titles is held as channels for as long
// as the person browses, so it is built to cost little more than its JSON:
// every channel's own text (id, name, poster, URL) is cut from one string
// per catalogue, the Extras and Items are one allocation each, and what
// titles repeat (group, genre, category lists, containers) is shared.

// MovieChannels turns movies into the movie catalogue's channels, named
// after source and grouped by cats' names. A movie plays from
// BASE/movie/USER/***/ID.EXT, the password left as playlist.Placeholder.
func (c *Client) MovieChannels(source string, movies []playlist.Movie, cats []Category) []playlist.Channel {
	prefix := c.base() + "/movie/" + url.PathEscape(c.Username) + "/" + playlist.Placeholder + "/"
	b := newBuilder(len(movies), cats)
	var text strings.Builder
	text.Grow(movieText(movies, prefix))
	for i := range movies {
		m := &movies[i]
		text.WriteString(m.ID)
		text.WriteString(m.Name)
		text.WriteString(m.Poster)
		text.WriteString(prefix)
		text.WriteString(url.PathEscape(m.ID))
		text.WriteString(".")
		text.WriteString(m.Container)
	}
	cut := cutter{s: text.String()}
	for i := range movies {
		m := &movies[i]
		id, name, logo := cut.next(len(m.ID)), cut.next(len(m.Name)), cut.next(len(m.Poster))
		u := cut.next(len(prefix) + len(url.PathEscape(m.ID)) + 1 + len(m.Container))
		b.add(playlist.KindMovie, id, name, logo, u, source, m.Categories, playlist.Item{
			Title: name, Container: m.Container, Seconds: m.Seconds, Rating: m.Rating, Year: m.Year,
		})
	}
	return b.chans
}

func movieText(movies []playlist.Movie, prefix string) int {
	n := 0
	for i := range movies {
		m := &movies[i]
		n += len(m.ID) + len(m.Name) + len(m.Poster) + len(prefix) + len(url.PathEscape(m.ID)) + 1 + len(m.Container)
	}
	return n
}

// SeriesChannels turns shows into the series catalogue's channels. A show
// is opened, not played: its URL is empty and its StreamID the series_id
// get_series_info takes.
func SeriesChannels(source string, shows []playlist.Series, cats []Category) []playlist.Channel {
	b := newBuilder(len(shows), cats)
	var text strings.Builder
	n := 0
	for i := range shows {
		n += len(shows[i].ID) + len(shows[i].Name) + len(shows[i].Poster)
	}
	text.Grow(n)
	for i := range shows {
		text.WriteString(shows[i].ID)
		text.WriteString(shows[i].Name)
		text.WriteString(shows[i].Poster)
	}
	cut := cutter{s: text.String()}
	for i := range shows {
		s := &shows[i]
		id, name, logo := cut.next(len(s.ID)), cut.next(len(s.Name)), cut.next(len(s.Poster))
		b.add(playlist.KindSeries, id, name, logo, "", source, s.Categories, playlist.Item{
			Title: name, Rating: s.Rating, Year: s.Year,
		})
	}
	return b.chans
}

// EpisodeURLs sets every episode's URL to BASE/series/USER/***/ID.EXT.
func (c *Client) EpisodeURLs(seasons []playlist.Season) {
	for i := range seasons {
		eps := seasons[i].Episodes
		for j := range eps {
			eps[j].URL = EpisodeURL(c.base(), c.Username, eps[j].ID, eps[j].Container)
		}
	}
}

// cutter hands out consecutive pieces of one string.
type cutter struct {
	s   string
	off int
}

func (c *cutter) next(n int) string {
	s := c.s[c.off : c.off+n]
	c.off += n
	return s
}

// builder appends catalogue channels, each with its Extra and Item taken
// from one slice of each.
type builder struct {
	names  map[string]string   // category id to name
	groups map[string][]string // a title's category ids joined, to their names
	chans  []playlist.Channel
	extras []playlist.Extra
	items  []playlist.Item
}

func newBuilder(n int, cats []Category) *builder {
	names := make(map[string]string, len(cats))
	for _, c := range cats {
		if _, dup := names[string(c.ID)]; !dup {
			names[string(c.ID)] = string(c.Name)
		}
	}
	return &builder{
		names: names, groups: map[string][]string{},
		chans:  make([]playlist.Channel, 0, n),
		extras: make([]playlist.Extra, n),
		items:  make([]playlist.Item, n),
	}
}

func (b *builder) add(kind playlist.Kind, id, name, logo, u, source string, cats []string, it playlist.Item) {
	i := len(b.chans)
	b.items[i] = it
	ex := &b.extras[i]
	ex.Kind, ex.StreamID, ex.Item = kind, id, &b.items[i]
	groups := b.groupsOf(cats)
	if len(groups) > 1 {
		ex.Groups = groups
	}
	ch := playlist.Channel{Name: name, URL: u, Logo: logo, Source: source, Extra: ex}
	if len(groups) > 0 {
		ch.Group = groups[0]
	}
	b.chans = append(b.chans, ch)
}

// groupsOf names a title's categories, the main one first, leaving out
// those the panel did not list; titles with the same categories share the
// slice.
func (b *builder) groupsOf(cats []string) []string {
	if len(cats) == 0 {
		return nil
	}
	key := strings.Join(cats, "\x00") // one id is its own key, at no cost
	if g, ok := b.groups[key]; ok {
		return g
	}
	var g []string
	for _, id := range cats {
		if n := b.names[id]; n != "" && !slices.Contains(g, n) {
			g = append(g, n)
		}
	}
	b.groups[key] = g
	return g
}
