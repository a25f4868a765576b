package sim

import (
	"time"
)

type programmeKind int

const (
	kindGeneral programmeKind = iota
	kindNews
	kindSport
	kindMovies
	kindKids
	kindDocs
	kindMusic
)

// titles per kind; a few carry accents, CJK and emoji on purpose.
var titles = [...][]string{
	kindGeneral: {"Morning Show", "The Quiz Hour", "Coronation Lane", "Café Society", "Late Night Live", "Garden Rescue", "家族の時間", "Soap Street"},
	kindNews:    {"News at Six", "World Report", "Business Briefing", "Weather Watch", "Nachrichten", "Le Journal", "Breaking: Live Coverage", "新闻联播"},
	kindSport:   {"Match Day Live", "Premier League Highlights", "Fútbol Total", "Transfer Talk", "⚽ Goals Show", "Formula 1: Qualifying", "Tennis: Centre Court"},
	kindMovies:  {"The Long Night", "Amélie's Summer", "Edge of Tomorrow Again", "Die Reise", "Classic Western", "Premiere: City of Rain"},
	kindKids:    {"Cartoon Club", "Bedtime Stories", "Science Squad", "Paw Friends"},
	kindDocs:    {"Planet Oceans", "Inside the Machine", "Ancient Empires", "Wild Kingdom", "The Big Build"},
	kindMusic:   {"Top 40 Countdown", "80s Flashback 🎸", "Unplugged", "Club Mix", "Concierto en Vivo"},
}

// Programme is one guide entry.
type Programme struct {
	Start, Stop time.Time
	Title       string
	Desc        string
}

// guideBlock is the span over which a channel's schedule is laid out; blocks are
// aligned to UTC so the same moment always shows the same programme.
const guideBlock = 6 * time.Hour

// programmes returns channel ch's programmes that overlap [from, to).
func programmes(ch Channel, from, to time.Time) []Programme {
	kind := groups[ch.CategoryID-1].kind
	list := titles[kind]
	var out []Programme
	for block := from.UTC().Truncate(guideBlock); block.Before(to); block = block.Add(guideBlock) {
		end := block.Add(guideBlock)
		for t := block; t.Before(end); {
			h := mix(uint64(ch.ID)<<32 ^ uint64(t.Unix()))
			stop := t.Add(time.Duration(1+h%4) * 30 * time.Minute)
			if stop.After(end) {
				stop = end
			}
			if stop.After(from) && t.Before(to) {
				title := list[(h>>8)%uint64(len(list))]
				out = append(out, Programme{
					Start: t, Stop: stop, Title: title,
					Desc: title + " on " + ch.Name + ".",
				})
			}
			t = stop
		}
	}
	return out
}

// mix is splitmix64's finaliser: a cheap, well-spread deterministic hash.
func mix(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	x ^= x >> 31
	return x
}

// Programmes is the guide of channel id over [from, to), as the XMLTV guide
// and get_short_epg list it; tests use it to ask for a programme the guide
// really has, since which titles air when depends on the hour.
func (s *Server) Programmes(id int, from, to time.Time) []Programme {
	ch, ok := s.lineup.byID(id)
	if !ok {
		return nil
	}
	return programmes(ch, from, to)
}
