package playlist

import (
	"context"
	"fmt"
	"strings"
	"time"
)

// Kind is what a playable item is. Live channels, movies and episodes differ
// in how they are found and shown, not in how they hold the slot, so session
// asks only for the kind where the difference matters (a movie is read with
// Range requests; a channel never ends).
type Kind uint8

// The kinds of what can be watched. The zero value is Live, so a Channel
// that never said is what it always was.
const (
	KindLive Kind = iota
	KindMovie
	KindEpisode
	KindReplay    // what already aired, from the provider's archive
	KindRecording // a file tuner wrote itself
	KindSeries    // a show in the series catalogue: opened, not played
)

var kindNames = [...]string{"live", "movie", "episode", "replay", "recording", "series"}

const kindCount = Kind(len(kindNames))

// String is the kind's name as the command line and JSON output spell it.
func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "unknown"
}

// ParseKind reads a kind's name; ok is false for a name it does not know.
func ParseKind(s string) (k Kind, ok bool) {
	for i, n := range kindNames {
		if strings.EqualFold(s, n) {
			return Kind(i), true
		}
	}
	return KindLive, false
}

// Movie is one title of a provider's film catalogue. A panel may list a
// hundred thousand of them, so numbers take their smallest useful width and
// the text a panel sends only on request (plot, cast) is empty until then.
type Movie struct {
	ID           string   // Xtream stream_id
	Name         string   // as the panel lists it, year and all
	Poster       string   // stream_icon / movie_image
	Genre        string   // "Drama, Thriller"
	Plot         string   // from get_vod_info
	Director     string   // from get_vod_info
	Cast         string   // from get_vod_info
	Container    string   // file extension the panel serves it in: mp4, mkv ...
	DirectSource string   // a URL the panel gives instead of its own, rarely set
	Categories   []string // category ids, the first the main one
	Source       string   // name of the Source it came from
	Added        int64    // epoch seconds; 0 when unknown
	Seconds      int32    // running time; 0 when unknown
	Rating       float32  // out of 10; 0 when unknown
	Year         uint16   // 0 when unknown
}

// Series is one show of a provider's series catalogue. Its seasons and
// episodes come with its details, fetched when it is opened.
type Series struct {
	ID         string // Xtream series_id
	Name       string
	Poster     string // cover
	Genre      string
	Plot       string
	Cast       string
	Director   string
	Categories []string
	Source     string
	Updated    int64 // last_modified, epoch seconds
	Rating     float32
	Year       uint16
}

// Season is one season of a series: its number as the panel counts them
// (0 for specials on some panels) and its episodes in order.
type Season struct {
	Number   int
	Name     string // "Season 2" or the panel's own title; may be empty
	Poster   string
	Episodes []Episode
}

// Episode is one playable episode.
type Episode struct {
	ID        string // Xtream episode id: the file's name under /series/
	SeriesID  string
	Title     string
	Plot      string
	Poster    string
	Container string
	Added     int64
	Seconds   int32
	Rating    float32
	Season    int16
	Number    int16  // episode_num within its season
	URL       string // where it plays, its credentials masked as every URL is
}

// Catalogues gives the movies and series of every source, fetched when first
// asked for and kept as a last good copy the way playlists are. Entries carry
// their Source, so a call about one goes to the source it came from.
type Catalogues interface {
	// Catalogue is every movie (KindMovie) or show (KindSeries) as channels
	// grouped by the provider's categories, one playlist per source; a
	// movie's URL plays it. A source without the kind gives none.
	Catalogue(ctx context.Context, kind Kind, progress Progress) ([]*Playlist, error)
	// MovieDetails is what the provider says of one movie (get_vod_info):
	// plot, cast, director, duration and the rest.
	MovieDetails(ctx context.Context, movie Channel) (Movie, error)
	// Episodes opens a show (get_series_info): its details and its seasons
	// in order, each episode with its URL.
	Episodes(ctx context.Context, show Channel) (Series, []Season, error)
}

// EpisodeChannel is the playable channel for an episode of show.
func EpisodeChannel(show Channel, e Episode) Channel {
	title := fmt.Sprintf("%s S%02dE%02d", show.Name, e.Season, e.Number)
	if e.Title != "" && !strings.Contains(e.Title, show.Name) {
		title += " " + e.Title
	}
	return Channel{
		Name:   title,
		URL:    e.URL,
		Group:  show.Group,
		Logo:   firstNonEmpty(e.Poster, show.Logo),
		Source: show.Source,
		Extra: &Extra{Kind: KindEpisode, StreamID: e.ID, Item: &Item{
			Title: title, Series: show.Name, SeriesID: show.Extra.streamID(),
			Container: e.Container, Seconds: e.Seconds, Rating: e.Rating,
			Season: e.Season, Episode: e.Number,
		}},
	}
}

func (e *Extra) streamID() string {
	if e == nil {
		return ""
	}
	return e.StreamID
}

func firstNonEmpty(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// Item is what a catalogue entry that is not a live channel says about
// itself: a movie, an episode, a show, a replay or a recording carried as a
// Channel, so that the browser, the filter, favourites and the lease treat
// every kind alike.
type Item struct {
	Title     string    // what the lease and the now-playing bar name: "Film (2020)", "Show S02E03"
	Series    string    // the show's name, for an episode
	SeriesID  string    // the show's id, for an episode
	Container string    // file extension the provider serves it in
	Aired     time.Time // a replay's or a recording's start
	Until     time.Time // a recording's planned end
	Seconds   int32     // running time; 0 when unknown
	Rating    float32   // out of 10; 0 when unknown
	Year      uint16    // 0 when unknown
	Season    int16     // an episode's season
	Episode   int16     // an episode's number within its season
}

// Kind is what the channel is: what its source said, else what its URL
// says, else live.
func (c *Channel) Kind() Kind {
	if c.Extra != nil && c.Extra.Kind != KindLive {
		return c.Extra.Kind
	}
	// An M3U entry says what it is by its URL alone; reading it here keeps
	// the parser and the cache from storing a kind per entry.
	return KindOfURL(c.URL)
}

// ItemInfo is the channel's Item, or nil for a live channel.
func (c *Channel) ItemInfo() *Item {
	if c.Extra == nil {
		return nil
	}
	return c.Extra.Item
}

// Duration is the movie's running time.
func (m *Movie) Duration() time.Duration { return time.Duration(m.Seconds) * time.Second }

// Duration is the episode's running time.
func (e *Episode) Duration() time.Duration { return time.Duration(e.Seconds) * time.Second }

// KindOfURL says what an M3U entry's URL is by the path form Xtream panels
// use: /movie/USER/PASS/ID.EXT is a movie and /series/USER/PASS/ID.EXT an
// episode, the ID a number; everything else, /live/ and the bare
// /USER/PASS/ID included, is live. A get.php?type=m3u_plus playlist lists
// all three this way. It allocates nothing: a parser asks it per entry.
func KindOfURL(raw string) Kind {
	if !mayBeVOD(raw) {
		return KindLive // most URLs, told at the cost of a byte search
	}
	if i := strings.IndexAny(raw, "?#"); i >= 0 {
		raw = raw[:i]
	}
	_, rest, ok := strings.Cut(raw, "://")
	if !ok {
		return KindLive
	}
	slash := strings.IndexByte(rest, '/')
	if slash <= 0 {
		return KindLive
	}
	// The form ends in /KIND/USER/PASS/FILE; a panel may sit under a prefix.
	path := strings.TrimRight(rest[slash:], "/")
	var seg [4]string
	for i := 3; i >= 0; i-- {
		j := strings.LastIndexByte(path, '/')
		if j < 0 {
			return KindLive
		}
		seg[i], path = path[j+1:], path[:j]
		if seg[i] == "" {
			return KindLive
		}
	}
	if !numericFile(seg[3]) {
		return KindLive
	}
	switch {
	case strings.EqualFold(seg[0], "movie"):
		return KindMovie
	case strings.EqualFold(seg[0], "series"):
		return KindEpisode
	}
	return KindLive
}

// mayBeVOD reports whether raw may hold a movie or series segment: both end
// in "ie/" or "es/", in lower or upper case as panels write them. Four short
// searches cost less than walking the path, and most URLs fail them all.
func mayBeVOD(raw string) bool {
	return strings.Contains(raw, "ie/") || strings.Contains(raw, "es/") ||
		strings.Contains(raw, "IE/") || strings.Contains(raw, "ES/")
}

// numericFile reports whether name is digits with an optional extension,
// as Xtream names its files; a CDN path that happens to hold /movie/ names
// its files otherwise.
func numericFile(name string) bool {
	if i := strings.LastIndexByte(name, '.'); i >= 0 {
		name = name[:i]
	}
	if name == "" {
		return false
	}
	for i := 0; i < len(name); i++ {
		if name[i] < '0' || name[i] > '9' {
			return false
		}
	}
	return true
}
