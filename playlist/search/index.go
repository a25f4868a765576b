// Package search filters and ranks channel names as a person types.
//
// Matching is fuzzy and ignores case, accents and compatibility forms
// (full-width letters, ligatures, ß). Results come in classes: the exact name,
// then names starting with the query, then names where the query starts a word,
// then names containing it, then names holding its characters in order but
// apart: among these, names where words of a multi-word query start words
// ("de ard" in "Das Erste (ARD)") come first, the more of the query they hold
// the better. Within a class shorter names (in runes) come first, then the
// original order.
//
// An Index folds every name once so that a search only compares bytes; Start
// does it in the background, so a list is on screen before it can be searched.
// It keeps the last results so that a query which extends an earlier one (the
// usual case while typing) only looks at the names that matched before, and it
// ranks a result only as far as it is shown.
package search

import (
	"context"
	"runtime"
	"slices"
	"sync"
	"unicode/utf8"

	"github.com/tuner-iptv/tuner/playlist/fold"
)

// Names is what an Index searches: n names, read by position. A playlist
// read in place from the cache gives its names this way, without a slice of
// them all on the way to the first screen.
type Names interface {
	Len() int
	// Name is name i, 0 <= i < Len(); the same string every time.
	Name(i int) string
}

// Strings is a slice of names as Names.
type Strings []string

// Len is the number of names.
func (s Strings) Len() int { return len(s) }

// Name is name i.
func (s Strings) Name(i int) string { return s[i] }

// Index holds the folded names of one playlist. It is safe for concurrent use.
type Index struct {
	names Names
	n     int
	ready chan struct{} // closed once the fields below are built

	text      []byte   // every folded name, back to back
	offs      []uint32 // name i is text[offs[i]:offs[i+1]]
	masks     []uint64 // maskOf each folded name
	wordMasks []uint64 // maskOf the first byte of each word of each name
	// firsts is the first byte of each folded name, 0 for an empty one: a
	// query of one letter ranks every name holding it by this byte, and
	// reading it here rather than in text reads a byte per name, not the
	// whole text.
	firsts []byte
	lens   []uint16 // length of each name in runes, at most maxLen
	all    []int32  // 0..n-1, the candidates when no subset is given

	scratch chan *part // scratch space for rank, see getPart

	mu    sync.Mutex
	cache []*Results // recent results, newest last
}

// NewIndex folds names for searching and returns once it is done, which takes
// time on a big playlist: call it off the UI goroutine, or use Start. The
// Index keeps names (not a copy) for Highlight, so the caller must not change
// the slice afterwards.
func NewIndex(names []string) *Index { return NewIndexOf(Strings(names)) }

// NewIndexOf is NewIndex of any Names.
func NewIndexOf(names Names) *Index {
	ix := newIndex(names)
	ix.build()
	return ix
}

// Start returns at once an Index whose names are folded on another goroutine,
// so a list can be shown before it can be searched. Search and Query wait for
// the folding (or their ctx); Len and Highlight need none of it. As with
// NewIndex, the caller must not change names afterwards.
func Start(names []string) *Index { return StartOf(Strings(names)) }

// StartOf is Start of any Names: they are read on the other goroutine too,
// so they must be safe for that.
func StartOf(names Names) *Index { return start(names, nil) }

// start is Start with the folding held back until gate is closed, when gate
// is not nil, so tests can search an index that is still being built.
func start(names Names, gate <-chan struct{}) *Index {
	ix := newIndex(names)
	go func() {
		if gate != nil {
			<-gate
		}
		builders <- struct{}{}
		defer func() { <-builders }()
		ix.build()
	}()
	return ix
}

// builders bounds how many indexes are built at once to one fewer than the
// cores Go runs on, one at least. A start builds an index for each tab, and
// on two cores three builds at once took half the core the first screen was
// being made on. Goroutines waiting to send are served in turn, so the
// first index asked for, the first tab's, is the first built.
var builders = make(chan struct{}, max(1, runtime.GOMAXPROCS(0)-1))

func newIndex(names Names) *Index {
	return &Index{names: names, n: names.Len(), ready: make(chan struct{})}
}

// build folds every name and then marks the index ready.
func (ix *Index) build() {
	n := ix.n
	ix.offs = make([]uint32, 1, n+1)
	ix.masks = make([]uint64, n)
	ix.wordMasks = make([]uint64, n)
	ix.firsts = make([]byte, n)
	ix.lens = make([]uint16, n)
	ix.all = make([]int32, n)
	size := 0
	for i := range n {
		size += len(ix.names.Name(i))
	}
	ix.text = make([]byte, 0, size+size/16)
	f := newFolder()
	for i := range n {
		s := ix.names.Name(i)
		start := len(ix.text)
		ix.text = f.appendFold(ix.text, s)
		ix.offs = append(ix.offs, uint32(len(ix.text)))
		ix.masks[i] = maskOf(ix.text[start:])
		ix.wordMasks[i] = wordMaskOf(ix.text[start:])
		if len(ix.text) > start {
			ix.firsts[i] = ix.text[start]
		}
		ix.lens[i] = uint16(min(utf8.RuneCountInString(s), maxLen))
		ix.all[i] = int32(i)
	}
	ix.scratch = newScratch(n)
	close(ix.ready)
}

// Ready reports whether the names are folded, so a search starts at once.
func (ix *Index) Ready() bool {
	select {
	case <-ix.ready:
		return true
	default:
		return false
	}
}

// Wait returns once the names are folded, or with ctx.Err() when ctx ends first.
func (ix *Index) Wait(ctx context.Context) error {
	if ix.Ready() {
		return nil
	}
	select {
	case <-ix.ready:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// Len returns the number of names in the index.
func (ix *Index) Len() int { return ix.n }

func (ix *Index) name(i int32) []byte {
	return ix.text[ix.offs[i]:ix.offs[i+1]]
}

// Search returns indexes into names, best first. within restricts the search to
// a subset, given as ascending indexes; nil means every name. An empty or blank
// query returns within (or every index) in order. Search stops early and returns
// ctx.Err() when ctx is cancelled, so a query made stale by the next key can be
// abandoned. The returned slice belongs to the caller.
//
// Search ranks every match; Query ranks only as many as are asked for.
func (ix *Index) Search(ctx context.Context, query string, within []int32) ([]int32, error) {
	r, err := ix.Query(ctx, query, within)
	if err != nil {
		return nil, err
	}
	return r.all(), nil
}

// Query finds the names matching query, as Search does, but ranks none of them
// yet: Results.Page ranks as far as the page asked for, so a screenful of the
// best of a million matches costs little more than finding them. A query that
// extends an earlier one only looks at that one's matches.
func (ix *Index) Query(ctx context.Context, query string, within []int32) (*Results, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	q := newQuery(query)
	if q.empty() {
		if within == nil {
			within = iota32(ix.n)
		}
		return inOrder(slices.Clone(within)), nil
	}
	if err := ix.Wait(ctx); err != nil {
		return nil, err
	}
	if within != nil {
		within = ix.valid(within)
	}
	r, hit := ix.lookup(q.text, within)
	if hit {
		return r, nil
	}
	// The candidates: the matches of the query this one extends, else the
	// subset (a private copy, as the result keeps it), else every name.
	cands := ix.all
	switch {
	case r != nil:
		cands, within = r.candidates(), r.within
	case within != nil:
		within = slices.Clone(within)
		cands = within
	}
	res, err := ix.rank(ctx, q, cands)
	if err != nil {
		return nil, err
	}
	res.query = string(q.text)
	res.within = within
	ix.remember(res)
	return res, nil
}

func iota32(n int) []int32 {
	out := make([]int32, n)
	for i := range out {
		out[i] = int32(i)
	}
	return out
}

// valid drops indexes outside the index, so a stale subset cannot panic.
func (ix *Index) valid(within []int32) []int32 {
	n := int32(ix.n)
	for k, i := range within {
		if i < 0 || i >= n {
			out := slices.Clone(within[:k])
			for _, j := range within[k:] {
				if j >= 0 && j < n {
					out = append(out, j)
				}
			}
			return out
		}
	}
	return within
}

// Highlight returns the positions of the runes of name i that query matches,
// ascending, or nil when it does not match. It folds the one name again, so it
// is meant for the rows on screen, not for every result.
func (ix *Index) Highlight(query string, i int32) []int {
	if i < 0 || int(i) >= ix.n {
		return nil
	}
	q := newQuery(query)
	var runeOf []int32
	name := appendFold(nil, ix.names.Name(int(i)), &runeOf)
	at := q.positions(name)
	if at == nil {
		return nil
	}
	out := make([]int, 0, len(at))
	for _, b := range at {
		r := int(runeOf[b])
		if len(out) == 0 || out[len(out)-1] != r {
			out = append(out, r)
		}
	}
	return out
}

// folder folds many names, remembering the fold of each non-ASCII rune: a
// playlist repeats the same few hundred of them.
type folder struct {
	seen map[rune][]byte
}

func newFolder() *folder { return &folder{seen: make(map[rune][]byte)} }

func (f *folder) appendFold(dst []byte, s string) []byte {
	start := len(dst)
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			dst = append(dst, fold.Byte(c))
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		i += n
		fr, ok := f.seen[r]
		if !ok {
			fr = fold.AppendRune(nil, r)
			f.seen[r] = fr
		}
		dst = append(dst, fr...)
	}
	return dst[:start+squeeze(dst[start:], nil)]
}
