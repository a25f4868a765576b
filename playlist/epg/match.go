package epg

import (
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/tuner-iptv/tuner/playlist"
)

// Rule says how a playlist channel was matched to the guide.
type Rule uint8

// The rules, tried in this order.
const (
	NoMatch  Rule = iota
	ByID          // tvg-id equals a guide channel id
	ByIDFold      // tvg-id equals one ignoring case
	ByName        // normalised names or ids are equal
	numRules
)

func (r Rule) String() string {
	switch r {
	case ByID:
		return "tvg-id"
	case ByIDFold:
		return "tvg-id ignoring case"
	case ByName:
		return "name"
	}
	return "unmatched"
}

// Matches links a playlist's channels to guide channels.
type Matches struct {
	Keys      []Key  // per playlist channel, in playlist order; zero when unmatched
	Rules     []Rule // per playlist channel
	Matched   int
	ByRule    [numRules]int // how many channels each rule matched
	Unmatched []int         // indices of the channels without a guide
}

// Key returns the guide key of playlist channel i (the zero Key when none).
func (m *Matches) Key(i int) Key {
	if m == nil || i < 0 || i >= len(m.Keys) {
		return Key{}
	}
	return m.Keys[i]
}

// Rate is the share of channels matched, from 0 to 1.
func (m *Matches) Rate() float64 {
	if m == nil || len(m.Keys) == 0 {
		return 0
	}
	return float64(m.Matched) / float64(len(m.Keys))
}

// Match finds each channel's guide channel: by tvg-id exactly, then ignoring
// case, then by normalised name (tvg-name, name, tvg-id) against the guide's
// display names and ids. Each channel's own tvg-shift is applied.
func Match(channels []playlist.Channel, g *Guide) *Matches {
	return match(playlist.List(channels), g, "")
}

// MatchPlaylist is Match with the playlist header's tvg-shift as the default
// for channels that have none.
func MatchPlaylist(p *playlist.Playlist, g *Guide) *Matches {
	return match(p.Channels, g, p.Header.TvgShift)
}

func match(channels playlist.Channels, g *Guide, defaultShift string) *Matches {
	m := &Matches{Keys: make([]Key, channels.Len()), Rules: make([]Rule, channels.Len())}
	idx := g.index()
	for i := range channels.Len() {
		ch := channels.Get(i)
		c := &ch
		k, rule := idx.find(c)
		if rule == NoMatch {
			m.Unmatched = append(m.Unmatched, i)
			m.ByRule[NoMatch]++
			continue
		}
		shift := defaultShift
		if c.Extra != nil && strings.TrimSpace(c.Extra.TvgShift) != "" {
			shift = c.Extra.TvgShift
		}
		m.Keys[i] = k.WithShift(ParseShift(shift))
		m.Rules[i] = rule
		m.ByRule[rule]++
		m.Matched++
	}
	return m
}

// ParseShift reads a tvg-shift value: hours, possibly fractional or
// negative ("+1", "-2", "0.5", "5,5"). Anything else, or more than two
// days, is no shift.
func ParseShift(s string) time.Duration {
	s = strings.ReplaceAll(strings.TrimSpace(s), ",", ".")
	if s == "" {
		return 0
	}
	h, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(h) || math.Abs(h) > 48 {
		return 0
	}
	return time.Duration(h * float64(time.Hour)).Round(time.Second)
}

// matchIndex is a guide's lookup tables for matching, built once per guide.
type matchIndex struct {
	g      *Guide
	folded map[string]int32
	names  map[string][]candidate
}

type candidate struct {
	ch      int32
	country string
}

func (g *Guide) index() *matchIndex {
	if g == nil {
		return &matchIndex{}
	}
	g.indexOnce.Do(func() { g.matchIdx = buildIndex(g) })
	return g.matchIdx
}

func buildIndex(g *Guide) *matchIndex {
	idx := &matchIndex{g: g, folded: make(map[string]int32), names: make(map[string][]candidate)}
	add := func(key string, c candidate) {
		if key == "" {
			return
		}
		for _, o := range idx.names[key] {
			if o.ch == c.ch {
				return
			}
		}
		idx.names[key] = append(idx.names[key], c)
	}
	for i := range g.chans {
		id := g.text.str(g.chans[i].id)
		if _, ok := idx.folded[strings.ToLower(id)]; !ok {
			idx.folded[strings.ToLower(id)] = int32(i)
		}
		key, country := normID(id)
		add(key, candidate{int32(i), country})
		for _, r := range g.chans[i].names {
			key, nameCountry := normName(g.text.str(r))
			if nameCountry == "" {
				nameCountry = country
			}
			add(key, candidate{int32(i), nameCountry})
		}
	}
	return idx
}

func (idx *matchIndex) find(c *playlist.Channel) (Key, Rule) {
	if idx.g == nil {
		return Key{}, NoMatch
	}
	if c.TvgID != "" {
		if k, ok := idx.g.Lookup(c.TvgID); ok {
			return k, ByID
		}
		if i, ok := idx.folded[strings.ToLower(c.TvgID)]; ok {
			return Key{ch: i + 1}, ByIDFold
		}
	}
	for _, name := range [...]string{c.TvgName, c.Name} {
		if name == "" {
			continue
		}
		key, country := normName(name)
		if k, ok := idx.byName(key, country, c.TvgID); ok {
			return k, ByName
		}
	}
	if c.TvgID != "" {
		key, country := normID(c.TvgID)
		if k, ok := idx.byName(key, country, ""); ok {
			return k, ByName
		}
	}
	return Key{}, NoMatch
}

// byName picks among the guide channels sharing a name: the one from the
// country the playlist names (in a prefix or a tvg-id suffix), else the
// first the guide listed.
func (idx *matchIndex) byName(key, country, tvgID string) (Key, bool) {
	cands := idx.names[key]
	if len(cands) == 0 {
		return Key{}, false
	}
	if country == "" && tvgID != "" {
		_, country = normID(tvgID)
	}
	if country != "" && len(cands) > 1 {
		for _, c := range cands {
			if c.country == country {
				return Key{ch: c.ch + 1}, true
			}
		}
	}
	return Key{ch: cands[0].ch + 1}, true
}
