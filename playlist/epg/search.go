package epg

import (
	"bytes"
	"cmp"
	"context"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/tuner-iptv/tuner/playlist/fold"
)

// Hit is one programme a search found, with the guide channel it is on.
type Hit struct {
	Channel   int // guide channel index, as Channel takes it
	Programme Programme
}

// searchIndex is every programme's title and description folded (lower
// case, accents off) into one text, so a query is a substring search with
// no per-programme work but a compare.
type searchIndex struct {
	text []byte   // folded "title\x00desc\x01" per programme, in progs order
	at   []uint32 // start of each programme's text
}

// maxHits bounds a search's answer: a one-letter query matches most of a
// week's guide, and nobody reads past the first screens.
const maxHits = 500

// Search finds the programmes whose title, or with desc their description,
// holds every word of query, ignoring case and accents, that end after from
// and start before to. Hits come in time order; at most 500.
func (g *Guide) Search(ctx context.Context, query string, desc bool, from, to time.Time) ([]Hit, error) {
	var words [][]byte
	for _, w := range strings.Fields(string(foldString(nil, query))) {
		words = append(words, []byte(w))
	}
	if len(words) == 0 {
		return nil, nil
	}
	ix := g.searchIndex()
	lo, hi := from.Unix(), to.Unix()
	var found []int32
	// One scan of the whole text for the first word finds the candidates;
	// only they are checked for the rest and for the time.
	for pos, n := 0, 0; pos < len(ix.text); n++ {
		if n%256 == 0 && ctx.Err() != nil {
			return nil, ctx.Err()
		}
		j := bytes.Index(ix.text[pos:], words[0])
		if j < 0 {
			break
		}
		i, _ := slices.BinarySearch(ix.at, uint32(pos+j)+1)
		i-- // the programme whose text holds the match
		pos = int(ix.at[i+1])
		p := &g.progs[i]
		if p.start >= hi || (p.stop != 0 && p.stop <= lo) || (p.stop == 0 && p.start < lo) {
			continue
		}
		if ix.matches(i, words, desc) {
			found = append(found, int32(i))
		}
	}
	// Indexes are sorted, and the programmes built, only for what is kept.
	slices.SortStableFunc(found, func(a, b int32) int { return cmp.Compare(g.progs[a].start, g.progs[b].start) })
	hits := make([]Hit, 0, min(len(found), maxHits))
	for _, i := range found[:min(len(found), maxHits)] {
		p := &g.progs[i]
		hits = append(hits, Hit{Channel: int(p.ch), Programme: *g.programme(p, 0)})
	}
	return hits, nil
}

func (ix *searchIndex) matches(i int, words [][]byte, desc bool) bool {
	text := ix.text[ix.at[i]:ix.at[i+1]]
	if !desc {
		if j := bytes.IndexByte(text, 0); j >= 0 {
			text = text[:j]
		}
	}
	for _, w := range words {
		if !bytes.Contains(text, w) {
			return false
		}
	}
	return true
}

func (g *Guide) searchIndex() *searchIndex {
	g.searchOnce.Do(func() {
		ix := &searchIndex{at: make([]uint32, 0, len(g.progs)+1)}
		for i := range g.progs {
			p := &g.progs[i]
			ix.at = append(ix.at, uint32(len(ix.text)))
			ix.text = foldString(ix.text, g.text.str(p.title))
			ix.text = append(ix.text, ' ')
			ix.text = foldString(ix.text, g.text.str(p.sub))
			ix.text = append(ix.text, 0)
			ix.text = foldString(ix.text, g.text.str(p.desc))
			ix.text = append(ix.text, 1) // no word spans two programmes
		}
		ix.at = append(ix.at, uint32(len(ix.text)))
		g.search = ix
	})
	return g.search
}

// foldString appends s folded as the channel filter folds names.
func foldString(dst []byte, s string) []byte {
	for _, r := range s {
		if r == utf8.RuneError {
			continue
		}
		dst = fold.AppendRune(dst, r)
	}
	return dst
}
