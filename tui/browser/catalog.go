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
	Channels  []*playlist.Channel
	Names     []string
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
func Build(pls []*playlist.Playlist, newSearcher func([]string) Searcher, store *prefs.Store) *Catalog {
	c := &Catalog{Playlists: pls}
	n := 0
	for _, pl := range pls {
		n += len(pl.Channels)
	}
	c.Channels = make([]*playlist.Channel, 0, n)
	c.Names = make([]string, 0, n)
	for _, pl := range pls {
		c.starts = append(c.starts, int32(len(c.Channels)))
		for i := range pl.Channels {
			c.Channels = append(c.Channels, &pl.Channels[i])
			c.Names = append(c.Names, pl.Channels[i].Name)
		}
	}
	c.buildGroups()
	if newSearcher != nil {
		c.Index = newSearcher(c.Names)
	}
	if store != nil {
		c.resolvePrefs(store)
	}
	return c
}

func (c *Catalog) buildGroups() {
	several := len(c.Playlists) > 1
	for p, pl := range c.Playlists {
		start := c.starts[p]
		end := start + int32(len(pl.Channels))
		if several {
			all := make([]int32, 0, end-start)
			for i := start; i < end; i++ {
				all = append(all, i)
			}
			c.Groups = append(c.Groups, Group{Kind: KindSource, Label: pl.Source, Source: pl.Source, Members: all})
		}
		at := map[string]int{}
		for i := start; i < end; i++ {
			for _, g := range c.Channels[i].Groups() {
				k, ok := at[g]
				if !ok {
					k = len(c.Groups)
					at[g] = k
					c.Groups = append(c.Groups, Group{Kind: KindGroup, Label: g, Source: pl.Source, Nested: several})
				}
				c.Groups[k].Members = append(c.Groups[k].Members, i)
			}
		}
	}
}

// resolvePrefs finds the stored favourites and recents among the channels.
// One pass over the channels with a small map per source keeps it linear.
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
		for i := range pl.Channels {
			if lk.Favorite(&pl.Channels[i]) {
				c.Favorites = append(c.Favorites, start+int32(i))
			}
			if k := lk.Recent(&pl.Channels[i]); k >= 0 && found[k] < 0 {
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
	return len(c.Channels)
}

// Number is the channel number a person sees and types: tvg-chno when the
// playlist gives one, else the channel's position in its source.
func (c *Catalog) Number(i int32) string {
	ch := c.Channels[i]
	if ch.Chno != "" {
		return ch.Chno
	}
	return strconv.Itoa(c.position(i))
}

func (c *Catalog) position(i int32) int {
	p, _ := slices.BinarySearch(c.starts, i+1)
	return int(i-c.starts[p-1]) + 1
}

// matchNumber reports whether channel i answers to the typed number
// exactly, or whether its number starts with the digits typed so far.
func (c *Catalog) matchNumber(i int32, typed string) (exact, prefix bool) {
	typed = trimZeros(typed)
	ch := c.Channels[i]
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
	p, _ := slices.BinarySearch(c.starts, i+1)
	return catchup.SpecOf(*c.Channels[i], c.Playlists[p-1].Header)
}

// find returns the index of the channel with ref in source, or -1.
func (c *Catalog) find(source string, r prefs.Ref) int32 {
	for p, pl := range c.Playlists {
		if pl.Source != source {
			continue
		}
		for i := range pl.Channels {
			if pl.Channels[i].Name == r.Name && pl.Channels[i].TvgID == r.TvgID {
				return c.starts[p] + int32(i)
			}
		}
	}
	return -1
}
