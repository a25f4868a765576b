package prefs

import (
	"slices"
	"strings"

	"github.com/tuner-iptv/tuner/playlist"
)

// SourceKey is what a source's choices are kept under: its name, except that
// an account's default name, "user@host:port", drops the port, so a provider
// that moves to another port (and every demo run, whose port is random)
// keeps the person's favourites. A configured name is kept as it is.
func SourceKey(name string) string {
	at := strings.LastIndex(name, "@")
	colon := strings.LastIndex(name, ":")
	if at <= 0 || colon < at+2 || colon == len(name)-1 || strings.ContainsAny(name[at:], "/ ") {
		return name
	}
	for _, r := range name[colon+1:] {
		if r < '0' || r > '9' {
			return name
		}
	}
	return name[:colon]
}

// same reports whether two refs name the same channel: by stream id when
// both have one, else by name and tvg-id, so a ref written before stream ids
// were kept still finds its channel.
func same(a, b Ref) bool {
	if a.StreamID != "" && b.StreamID != "" {
		return a.StreamID == b.StreamID
	}
	return a.Name == b.Name && a.TvgID == b.TvgID
}

func indexOf(refs []Ref, r Ref) int {
	return slices.IndexFunc(refs, func(x Ref) bool { return same(x, r) })
}

// migrate moves choices kept under an old source key to the current one,
// merging them with any kept there already.
func migrate(sources map[string]*sourcePrefs) map[string]*sourcePrefs {
	out := make(map[string]*sourcePrefs, len(sources))
	for name, p := range sources {
		if p == nil {
			continue
		}
		k := SourceKey(name)
		cur := out[k]
		if cur == nil {
			out[k] = p
			continue
		}
		for _, r := range p.Favorites {
			if indexOf(cur.Favorites, r) < 0 {
				cur.Favorites = append(cur.Favorites, r)
			}
		}
		for _, r := range p.Recent {
			if indexOf(cur.Recent, r) < 0 && len(cur.Recent) < MaxRecent {
				cur.Recent = append(cur.Recent, r)
			}
		}
	}
	return out
}

// Lookup finds one source's favourites and recents among its channels, in
// time that does not grow with how many there are.
type Lookup struct {
	s      *Store
	source string
	favs   refIndex
	recent refIndex
}

// refIndex finds refs by stream id and by name and tvg-id, as same does.
type refIndex struct {
	refs   []Ref
	byID   map[string]int
	byName map[[2]string]int
}

func newRefIndex(refs []Ref) refIndex {
	x := refIndex{refs: refs, byID: make(map[string]int), byName: make(map[[2]string]int, len(refs))}
	for i, r := range refs {
		if r.StreamID != "" {
			if _, dup := x.byID[r.StreamID]; !dup {
				x.byID[r.StreamID] = i
			}
		}
		if _, dup := x.byName[[2]string{r.Name, r.TvgID}]; !dup {
			x.byName[[2]string{r.Name, r.TvgID}] = i
		}
	}
	return x
}

func (x refIndex) find(r Ref) int {
	if r.StreamID != "" {
		if i, ok := x.byID[r.StreamID]; ok {
			return i
		}
	}
	i, ok := x.byName[[2]string{r.Name, r.TvgID}]
	if !ok || (r.StreamID != "" && x.refs[i].StreamID != "") {
		return -1 // both have stream ids, and they differ
	}
	return i
}

// Lookup prepares the matching of the source's channels against what is kept.
func (s *Store) Lookup(source string) *Lookup {
	return &Lookup{s: s, source: source, favs: newRefIndex(s.Favorites(source)), recent: newRefIndex(s.Recent(source))}
}

// Keys are the names and stream ids of every favourite and recent: a
// channel is one of them only if its name or stream id is among these
// (see playlist.Channels.Find).
func (l *Lookup) Keys() (names, ids []string) {
	for _, r := range append(slices.Clip(l.favs.refs), l.recent.refs...) {
		names = append(names, r.Name)
		if r.StreamID != "" {
			ids = append(ids, r.StreamID)
		}
	}
	return names, ids
}

// Empty reports whether the source has neither favourites nor recents.
func (l *Lookup) Empty() bool { return len(l.favs.refs) == 0 && len(l.recent.refs) == 0 }

// RecentCount is how many recents the source has; Recent returns less.
func (l *Lookup) RecentCount() int { return len(l.recent.refs) }

// Favorite reports whether the channel b is the Brief of is a favourite.
func (l *Lookup) Favorite(b playlist.Brief) bool { return l.match(l.favs, b) >= 0 }

// Recent returns the channel's place among the recents, newest 0; -1 when
// it is none.
func (l *Lookup) Recent(b playlist.Brief) int { return l.match(l.recent, b) }

// match finds the channel. A ref kept without a stream id gains the
// channel's, in the store too, so the next Save keeps the stronger key.
func (l *Lookup) match(x refIndex, b playlist.Brief) int {
	if len(x.refs) == 0 {
		return -1
	}
	r := RefOfBrief(b)
	i := x.find(r)
	if i >= 0 && x.refs[i].StreamID == "" && r.StreamID != "" {
		old := x.refs[i]
		x.refs[i] = r
		x.byID[r.StreamID] = i
		l.s.upgrade(l.source, old, r)
	}
	return i
}

func (s *Store) upgrade(source string, old, r Ref) {
	s.mu.Lock()
	defer s.mu.Unlock()
	p := s.data.Sources[SourceKey(source)]
	if p == nil {
		return
	}
	for _, list := range [][]Ref{p.Favorites, p.Recent} {
		if i := slices.Index(list, old); i >= 0 {
			list[i] = r
		}
	}
}
