// Package playlist holds what can be watched: channels, groups, the sources they
// come from, and the errors a person sees when a source cannot be read.
//
// The domain types live here; parsers and loaders live in sub-packages
// (m3u, xtream, remote, source, cache, search, epg) so each can be replaced or
// tested alone. Nothing in this tree imports a terminal library.
package playlist

import (
	"context"
	"time"
)

// Channel is one watchable entry. It is kept small on purpose: a provider's list
// can hold hundreds of thousands of them, so rarely used attributes live behind
// Extra, which the parser shares between channels that carry the same values.
type Channel struct {
	Name    string // display name: what follows the first comma outside quotes in #EXTINF
	URL     string // stream URL, with any |Header=.. suffix stripped
	Group   string // first group (group-title or #EXTGRP); "" when none
	TvgID   string
	TvgName string
	Logo    string // tvg-logo
	Chno    string // tvg-chno (or an Xtream "num")
	Source  string // name of the Source it came from
	Extra   *Extra // nil for most channels
}

// Extra holds the attributes few channels carry.
type Extra struct {
	Groups        []string // every group when there is more than one, the first equal to Channel.Group
	Headers       []Header // per-channel HTTP headers, in the order they were given
	Catchup       string   // catchup / catchup-type
	CatchupDays   string
	CatchupSource string
	// CatchupShift is catchup-correction: hours the provider's archive
	// clock is off by, "-2.5".
	CatchupShift string
	TvgShift     string
	StreamID     string // Xtream stream_id (or a movie's, an episode's, a show's id)
	Kind         Kind   // what the entry is; live unless it says otherwise
	Item         *Item  // nil for live channels
}

// Brief is what names a channel across reloads: its name, tvg-id and
// stream id, by which favourites are kept.
type Brief struct{ Name, TvgID, StreamID string }

// Brief is the channel's Brief.
func (c *Channel) Brief() Brief {
	b := Brief{Name: c.Name, TvgID: c.TvgID}
	if c.Extra != nil {
		b.StreamID = c.Extra.StreamID
	}
	return b
}

// Header is one HTTP request header a channel asks for (#EXTVLCOPT, #KODIPROP,
// or a URL|User-Agent=.. suffix).
type Header struct {
	Name  string // canonical form, e.g. "User-Agent", "Referer"
	Value string
}

// Groups returns every group the channel is in, in order.
func (c *Channel) Groups() []string {
	if c.Extra != nil && len(c.Extra.Groups) > 0 {
		return c.Extra.Groups
	}
	if c.Group == "" {
		return nil
	}
	return []string{c.Group}
}

// Headers returns the channel's own HTTP headers.
func (c *Channel) Headers() []Header {
	if c.Extra == nil {
		return nil
	}
	return c.Extra.Headers
}

// Group is a named group of channels, in the order the source lists them.
type Group struct {
	Name  string
	Count int
	// Members are the indexes of the group's channels in the list,
	// ascending, when whoever built the groups recorded them (the cache
	// does); nil otherwise. They may lie in a read-only mapping: never
	// write to them.
	Members []int32
}

// Attributes carries the playlist-wide attributes of an #EXTM3U header.
type Attributes struct {
	GuideURLs     []string // url-tvg / x-tvg-url, split at commas
	Catchup       string
	CatchupDays   string
	CatchupSource string
	CatchupShift  string // catchup-correction
	TvgShift      string
}

// Playlist is everything one source yielded.
type Playlist struct {
	Source   string     // source name
	Header   Attributes // from #EXTM3U
	Channels Channels
	Groups   []Group // in first-seen order, with counts
	// Parts is the list split by kind (see the function Parts) when
	// whoever made the list recorded that, as the cache does; nil
	// otherwise. It describes Channels as they are: whoever changes which
	// channels the list holds sets it to nil.
	Parts    []Part
	Account  *Account // set when the source is a provider account
	LoadedAt time.Time
}

// Account is what a provider says about the account behind a source. Fields the
// provider did not send are zero.
type Account struct {
	Server            string // base URL, e.g. http://host:8080 (no credentials)
	Username          string
	Auth              bool
	Status            string // Active, Expired, Banned, Disabled ...
	ExpiresAt         time.Time
	MaxConnections    int
	ActiveConnections int
	AllowedFormats    []string
	Timezone          string
	ServerTime        time.Time
	Message           string
}

// Progress reports bytes read so far and the total when known (else -1).
type Progress func(done, total int64)

// Source is somewhere channels come from: a file, standard input, a URL, or a
// provider account.
type Source interface {
	// Name is a short label for screens and errors. It never contains a secret.
	Name() string
	// Load reads the whole source. A failed load returns an *Error.
	Load(ctx context.Context, progress Progress) (*Playlist, error)
}

// BuildGroups counts channels per group in first-seen order.
func BuildGroups(chs Channels) []Group { return buildGroups(chs, false) }

// GroupsWithMembers is BuildGroups with each group's Members recorded.
func GroupsWithMembers(chs Channels) []Group { return buildGroups(chs, true) }

func buildGroups(chs Channels, members bool) []Group {
	idx := make(map[string]int)
	var groups []Group
	for i := range chs.Len() {
		c := chs.Get(i)
		for _, g := range c.Groups() {
			j, ok := idx[g]
			if !ok {
				j = len(groups)
				idx[g] = j
				groups = append(groups, Group{Name: g})
			}
			groups[j].Count++
			if members {
				groups[j].Members = append(groups[j].Members, int32(i))
			}
		}
	}
	return groups
}
