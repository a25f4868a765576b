package browser

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/tuner-iptv/tuner/playlist"
	"github.com/tuner-iptv/tuner/playlist/catchup"
	"github.com/tuner-iptv/tuner/playlist/prefs"
)

// Searcher filters and ranks channel names; *search.Index implements it.
type Searcher interface {
	// Search returns indexes of matching names, best first, restricted to
	// within (ascending) unless it is nil. An empty query returns within.
	Search(ctx context.Context, query string, within []int32) ([]int32, error)
	// Highlight returns the rune positions of name i that query matches.
	Highlight(query string, i int32) []int
}

// Names is what a Searcher is built from: the catalog's channel names by
// position. *search.Index reads any value with these methods.
type Names interface {
	Len() int
	Name(i int) string
}

// readiness is a Searcher whose index may still be building in the
// background, as search.Start's is.
type readiness interface{ Ready() bool }

// indexing reports that the names are still being indexed, so that a query
// typed meanwhile says what it waits for.
func (c *Catalog) indexing() bool {
	r, ok := c.Index.(readiness)
	return ok && !r.Ready()
}

// GroupKind says what a group-list entry stands for.
type GroupKind int

// The kinds of group-list entries, in the order they are listed.
const (
	KindAll GroupKind = iota
	KindFavorites
	KindRecent
	KindSource // every channel of one source, when there are several
	KindGroup  // one group of one source
)

// Group is one entry of the group list.
type Group struct {
	Kind    GroupKind
	Label   string
	Source  string
	Members []int32 // ascending channel indexes; unused for All, Favorites and Recent
	Nested  bool    // a group listed under its source's entry
}

// Catalog is every loaded channel in one flat, read-only index space: the
// channels of each source in source order, one source after the other. It is
// built off the UI goroutine and then only read.
type Catalog struct {
	Playlists []*playlist.Playlist
	n         int     // channels in all
	Groups    []Group // source and group entries; All, Favorites and Recent are added by the browser
	Index     Searcher
	starts    []int32 // index of each playlist's first channel

	// Favorites (ascending) and Recent (newest first) as they were in the
	// preferences when the catalog was built.
	Favorites []int32
	Recent    []int32
}

// Build flattens the playlists, groups their channels, indexes the names and
// resolves the stored favourites and recents. It takes time on big lists, so
// it runs in a command.
func Build(pls []*playlist.Playlist, newSearcher func(Names) Searcher, store *prefs.Store) *Catalog {
	c := &Catalog{Playlists: pls}
	for _, pl := range pls {
		c.starts = append(c.starts, int32(c.n))
		c.add(pl, len(pls) > 1)
		c.n += pl.Channels.Len()
	}
	if newSearcher != nil {
		c.Index = newSearcher(c)
	}
	if store != nil {
		c.resolvePrefs(store)
	}
	return c
}

// add takes in the groups of pl: those the cache recorded with their
// members as they are, else the groups its channels name, found in one pass.
func (c *Catalog) add(pl *playlist.Playlist, several bool) {
	start := int32(c.n)
	if several {
		all := make([]int32, pl.Channels.Len())
		for i := range all {
			all[i] = start + int32(i)
		}
		c.Groups = append(c.Groups, Group{Kind: KindSource, Label: pl.Source, Source: pl.Source, Members: all})
	}
	groups := pl.Groups
	if !recorded(pl) {
		groups = playlist.GroupsWithMembers(pl.Channels)
	}
	for _, g := range groups {
		// The first playlist's members are the catalog's indexes already
		// and are shared, never written (they may lie in the cache's
		// mapping); a later one's are shifted by where its channels start.
		m := g.Members
		if start > 0 {
			m = make([]int32, len(g.Members))
			for k, i := range g.Members {
				m[k] = start + i
			}
		}
		c.Groups = append(c.Groups, Group{Kind: KindGroup, Label: g.Name, Source: pl.Source, Nested: several, Members: m})
	}
}

// recorded reports whether pl's groups carry their members (a list read from
// the cache does), so that grouping needs no pass over the channels.
func recorded(pl *playlist.Playlist) bool {
	if len(pl.Groups) == 0 {
		return false
	}
	n := int32(pl.Channels.Len())
	for _, g := range pl.Groups {
		if g.Count == 0 || len(g.Members) != g.Count || g.Members[g.Count-1] >= n {
			return false
		}
	}
	return true
}

// resolvePrefs finds the stored favourites and recents among the channels
// that may be them (Find), in the channels' order.
func (c *Catalog) resolvePrefs(store *prefs.Store) {
	for p, pl := range c.Playlists {
		lk := store.Lookup(pl.Source)
		if lk.Empty() {
			continue
		}
		found := make([]int32, lk.RecentCount())
		for i := range found {
			found[i] = -1
		}
		start := c.starts[p]
		for _, i := range pl.Channels.Find(lk.Keys()) {
			b := pl.Channels.Brief(int(i))
			if lk.Favorite(b) {
				c.Favorites = append(c.Favorites, start+int32(i))
			}
			if k := lk.Recent(b); k >= 0 && found[k] < 0 {
				found[k] = start + int32(i)
			}
		}
		for _, i := range found {
			if i >= 0 {
				c.Recent = append(c.Recent, i)
			}
		}
	}
}

// Len returns the number of channels.
func (c *Catalog) Len() int {
	if c == nil {
		return 0
	}
	return c.n
}

// Name is channel i's name; with Len, the catalog is the Names its search
// index is built from.
func (c *Catalog) Name(i int) string {
	p := c.playlistOf(int32(i))
	return c.Playlists[p].Channels.Name(i - int(c.starts[p]))
}

// Channel is channel i by address: the same pointer every time it is asked
// for, which is how the browser knows a channel again.
func (c *Catalog) Channel(i int32) *playlist.Channel {
	p := c.playlistOf(i)
	return c.Playlists[p].Channels.At(int(i - c.starts[p]))
}

// get is a copy of channel i, for passes over many channels: it makes nothing
// of a list read in place from the cache.
func (c *Catalog) get(i int32) playlist.Channel {
	p := c.playlistOf(i)
	return c.Playlists[p].Channels.Get(int(i - c.starts[p]))
}

// playlistOf is the index of the playlist channel i belongs to.
func (c *Catalog) playlistOf(i int32) int {
	p, _ := slices.BinarySearch(c.starts, i+1)
	return p - 1
}

// Number is the channel number a person sees and types: tvg-chno when the
// playlist gives one, else the channel's position in its source.
func (c *Catalog) Number(i int32) string {
	ch := c.get(i)
	if ch.Chno != "" {
		return ch.Chno
	}
	return strconv.Itoa(c.position(i))
}

func (c *Catalog) position(i int32) int {
	return int(i-c.starts[c.playlistOf(i)]) + 1
}

// matchNumber reports whether channel i answers to the typed number
// exactly, or whether its number starts with the digits typed so far.
func (c *Catalog) matchNumber(i int32, typed string) (exact, prefix bool) {
	typed = trimZeros(typed)
	ch := c.get(i)
	if ch.Chno != "" {
		no := trimZeros(ch.Chno)
		return no == typed, strings.HasPrefix(no, typed)
	}
	n, err := strconv.Atoi(typed)
	if err != nil || n == 0 {
		return false, false
	}
	p := c.position(i)
	if p == n {
		return true, true
	}
	for p > n {
		p /= 10
	}
	return false, p == n
}

func trimZeros(s string) string {
	for len(s) > 1 && s[0] == '0' {
		s = s[1:]
	}
	return s
}

// Archive is how far back channel i's archive reaches, its playlist's
// header taken into account; 0 for a channel without one.
func (c *Catalog) Archive(i int32) time.Duration { return c.ArchiveSpec(i).Window() }

// ArchiveSpec is what channel i's archive keeps, its playlist's header
// taken into account.
func (c *Catalog) ArchiveSpec(i int32) catchup.Spec {
	return catchup.SpecOf(c.get(i), c.Playlists[c.playlistOf(i)].Header)
}

// find returns the index of the channel with ref in source, or -1.
func (c *Catalog) find(source string, r prefs.Ref) int32 {
	for p, pl := range c.Playlists {
		if pl.Source != source {
			continue
		}
		for _, i := range pl.Channels.Find([]string{r.Name}, nil) {
			if pl.Channels.Brief(int(i)).TvgID == r.TvgID {
				return c.starts[p] + i
			}
		}
	}
	return -1
}
