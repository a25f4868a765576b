package search

import (
	"context"
	"errors"
	"runtime"
	"slices"
	"sync"
)

// Results are ordered by a small integer key, class first and length in runes
// second, so a counting sort orders them in linear time and keeps the original
// order among equal keys. Names longer than maxLen runes tie with maxLen.
const (
	lenBits  = 10
	maxLen   = 1<<lenBits - 1
	numKeys  = int(numClasses) << lenBits
	partMin  = 16384 // candidates below which a second goroutine costs more than it saves
	checkGap = 4096  // candidates between looks at ctx
)

// Results is one finished search: which names matched and, as far as anyone
// asked, in what order. It is safe for concurrent use and never changes what
// it holds, so the Index keeps recent ones for narrowing later queries.
type Results struct {
	query   string   // folded
	within  []int32  // private copy of the subset searched, nil for all
	n       int      // number of matches
	matched []int32  // matching indexes in candidate order; nil for a letter
	keys    []uint16 // the key of each match; nil when matched is already in order
	// The matches come in runs, one per goroutine that found them, run p
	// ending at runEnds[p]; ranking goes over them in parallel again.
	runEnds []int32
	// letter, when not nil, stands in for matched and keys.
	letter *letterMatches

	mu     sync.Mutex
	ranked []int32 // the best len(ranked) matches, in order
	next   int     // keys below next are all in ranked
}

// letterMatches are the matches of a query of one ASCII letter or digit,
// kept as the candidates they come from: they are the candidates holding the
// letter, which the masks tell, and a key is a few lookups to work out again.
// The first key typed matches the most names (half of a million), and its
// matches would otherwise be the biggest thing a search allocates.
type letterMatches struct {
	ix    *Index
	ch    byte
	bit   uint64
	cands []int32
	// bounds split cands into one run per goroutine: run p is
	// cands[bounds[p]:bounds[p+1]], and its matches end at runEnds[p].
	bounds []int
}

// inOrder is a result whose matches are already in their order.
func inOrder(ids []int32) *Results {
	return &Results{n: len(ids), matched: ids, ranked: ids, next: numKeys}
}

// Len returns the number of matches.
func (r *Results) Len() int { return r.n }

// held is how many matches r keeps in memory, which bounds the cache: a
// letter's are only those ranked so far.
func (r *Results) held() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return max(len(r.matched), len(r.ranked))
}

// candidates is where a query extending r's looks: r's matches, or for a
// letter the candidates they come from, which the longer query's mask filters
// just as well.
func (r *Results) candidates() []int32 {
	if r.letter != nil {
		return r.letter.cands
	}
	return r.matched
}

// Page returns the matches ranked lo to hi-1 (clamped to Len), best first, in
// a slice that belongs to the caller. It ranks the matches up to hi the first
// time they are asked for, by passes over the keys that write only those; the
// ranks beyond are left for a later page.
func (r *Results) Page(lo, hi int) []int32 {
	hi = min(hi, r.n)
	lo = max(0, min(lo, hi))
	r.mu.Lock()
	defer r.mu.Unlock()
	if hi > len(r.ranked) {
		r.ranked, r.next = r.rankFrom(r.ranked, r.next, hi)
	}
	return slices.Clone(r.ranked[lo:hi])
}

// all returns every match ranked, in a slice that belongs to the caller. It
// ranks them straight into that slice rather than keeping a ranking too, as
// the caller already holds one.
func (r *Results) all() []int32 {
	r.mu.Lock()
	defer r.mu.Unlock()
	if len(r.ranked) == r.n {
		return slices.Clone(r.ranked)
	}
	out, _ := r.rankFrom(slices.Clone(r.ranked), r.next, r.n)
	return out
}

// rankFrom returns ranked, whose keys are all below next, extended to at
// least n matches, whole keys at a time, and the key it got to. It ranks at
// least twice as many as before, so paging down to the end costs a few passes,
// not one per page. The counts per key are taken again rather than kept: a
// pass over the keys costs less than keeping them for every result
// remembered.
func (r *Results) rankFrom(ranked []int32, next, n int) ([]int32, int) {
	n = max(n, min(2*len(ranked), r.n))
	runs, done := r.runs()
	defer done()
	counts := make([][numKeys]int32, len(runs))
	parallel(len(runs), func(p int) {
		c := &counts[p]
		for _, key := range runs[p].keys {
			c[key]++
		}
	})
	// at[p][k] is where run p puts its next match of key k: after every
	// match of a lower key, and after the earlier runs' matches of key k,
	// which keeps equal keys in candidate order.
	at := make([][numKeys]int32, len(runs))
	pos := int32(len(ranked))
	to := next
	for ; to < numKeys && int(pos) < n; to++ {
		for p := range runs {
			at[p][to] = pos
			pos += counts[p][to]
		}
	}
	out := make([]int32, pos)
	copy(out, ranked)
	from := uint16(next)
	parallel(len(runs), func(p int) {
		next, run := &at[p], runs[p]
		for k, key := range run.keys {
			if key >= from && int(key) < to {
				out[next[key]] = run.matched[k]
				next[key]++
			}
		}
	})
	return out, to
}

// run is the matches one goroutine found, with their keys.
type run struct {
	matched []int32
	keys    []uint16
}

// runs returns r's matches run by run, and what to call once done with them.
// A letter's are written out again, to scratch space, which is pooled and so
// costs no fresh memory.
func (r *Results) runs() ([]run, func()) {
	out := make([]run, len(r.runEnds))
	if lm := r.letter; lm != nil {
		parts := make([]*part, len(out))
		parallel(len(out), func(p int) {
			start := int32(0)
			if p > 0 {
				start = r.runEnds[p-1]
			}
			pt := lm.ix.getPart(int(r.runEnds[p] - start)) // exactly the matches, known from the count
			lm.ix.placeLetter(lm.ch, lm.bit, lm.cands[lm.bounds[p]:lm.bounds[p+1]], pt)
			parts[p], out[p] = pt, run{pt.matched, pt.keys}
		})
		return out, func() {
			for _, pt := range parts {
				lm.ix.putPart(pt)
			}
		}
	}
	start := int32(0)
	for p, end := range r.runEnds {
		out[p] = run{r.matched[start:end], r.keys[start:end]}
		start = end
	}
	return out, func() {}
}

// part is the work of one goroutine over a contiguous run of candidates.
type part struct {
	matched []int32
	keys    []uint16
	err     error
}

// getPart returns an empty part with room for n matches. The index keeps
// one part per core for as long as it lives, each big enough for that core's
// share of every name, and touched when the index was built: a search over
// every name needs megabytes of scratch space, and fresh memory costs more to
// touch the first time (a fault per page) than matching a short query. A part
// beyond those (two searches at once) is allocated and dropped.
func (ix *Index) getPart(n int) *part {
	var pt *part
	select {
	case pt = <-ix.scratch:
	default:
		pt = new(part)
	}
	if cap(pt.matched) < n {
		pt.matched = make([]int32, 0, n)
		pt.keys = make([]uint16, 0, n)
	}
	pt.matched, pt.keys = pt.matched[:0], pt.keys[:0]
	pt.err = nil
	return pt
}

// putPart gives back a part that getPart returned.
func (ix *Index) putPart(pt *part) {
	select {
	case ix.scratch <- pt:
	default:
	}
}

// newScratch makes the parts getPart hands out and touches every page of
// them, so that the first search after the index is built, which a person is
// waiting for, does not pay for it.
func newScratch(names int) chan *part {
	parts := partsFor(names)
	per := (names + parts - 1) / parts
	ch := make(chan *part, parts)
	for range parts {
		pt := &part{matched: make([]int32, per), keys: make([]uint16, per)}
		clear(pt.matched) // the allocation alone leaves the pages untouched
		clear(pt.keys)
		ch <- pt
	}
	return ch
}

// rank matches q against cands on all cores. It keeps each match's key
// rather than ordering them: Results.Page orders what is shown.
func (ix *Index) rank(ctx context.Context, q *query, cands []int32) (*Results, error) {
	if ch, ok := q.singleLetter(); ok {
		return ix.rankLetter(ctx, ch, q.mask, cands)
	}
	parts := make([]*part, partsFor(len(cands)))
	var wg sync.WaitGroup
	for p := range parts {
		lo, hi := p*len(cands)/len(parts), (p+1)*len(cands)/len(parts)
		parts[p] = ix.getPart(hi - lo)
		defer ix.putPart(parts[p])
		wg.Go(func() { ix.match(ctx, q, cands[lo:hi], parts[p]) })
	}
	wg.Wait()
	total := 0
	for _, pt := range parts {
		if pt.err != nil {
			return nil, pt.err
		}
		total += len(pt.matched)
	}
	res := &Results{
		matched: make([]int32, 0, total),
		keys:    make([]uint16, 0, total),
		runEnds: make([]int32, len(parts)),
	}
	for p, pt := range parts {
		res.matched = append(res.matched, pt.matched...)
		res.keys = append(res.keys, pt.keys...)
		res.runEnds[p] = int32(len(res.matched))
	}
	res.n = len(res.matched)
	return res, nil
}

func partsFor(n int) int {
	p := min(runtime.GOMAXPROCS(0), n/partMin)
	return max(p, 1)
}

// match classifies each candidate, keeping those that match with their keys.
// It works in chunks, looking at ctx between them.
func (ix *Index) match(ctx context.Context, q *query, cands []int32, pt *part) {
	done := ctx.Done()
	var buf [checkGap]int32
	for len(cands) > 0 {
		if done != nil {
			select {
			case <-done:
				pt.err = ctx.Err()
				return
			default:
			}
		}
		chunk := cands[:min(len(cands), checkGap)]
		cands = cands[len(chunk):]
		ix.matchChunk(q, ix.prefilter(chunk, q.mask, buf[:]), pt)
	}
}

// prefilter copies to out the candidates whose mask holds every bit of mask.
// Without branches: about half the names pass a short query's mask, a rate at
// which the processor would mispredict a branch every other name.
func (ix *Index) prefilter(cands []int32, mask uint64, out []int32) []int32 {
	out = out[:len(cands)]
	n := 0
	for _, i := range cands {
		out[n] = i
		n += b2i(ix.masks[i]&mask == mask)
	}
	return out[:n]
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

func (ix *Index) matchChunk(q *query, cands []int32, pt *part) {
	for _, i := range cands {
		c, ok := q.classify(ix.name(i))
		if !ok {
			continue
		}
		key := uint16(c)<<lenBits | ix.lens[i]
		pt.matched = append(pt.matched, i)
		pt.keys = append(pt.keys, key)
	}
}

// rankLetter is rank for a query of one ASCII letter or digit, the first key
// typed and the one matching the most names. Its matches are known from the
// masks alone, so it only counts them: ranking works their keys out as it
// goes (see letterMatches).
func (ix *Index) rankLetter(ctx context.Context, ch byte, bit uint64, cands []int32) (*Results, error) {
	runs := partsFor(len(cands))
	lm := &letterMatches{ix: ix, ch: ch, bit: bit, cands: cands, bounds: make([]int, runs+1)}
	for p := range lm.bounds {
		lm.bounds[p] = p * len(cands) / runs
	}
	counts := make([]int32, runs)
	errs := make([]error, runs)
	parallel(runs, func(p int) {
		counts[p], errs[p] = ix.countLetter(ctx, bit, cands[lm.bounds[p]:lm.bounds[p+1]])
	})
	if err := errors.Join(errs...); err != nil {
		return nil, ctx.Err()
	}
	res := &Results{runEnds: make([]int32, runs), letter: lm}
	total := int32(0)
	for p, n := range counts {
		total += n
		res.runEnds[p] = total
	}
	res.n = int(total)
	return res, nil
}

// placeLetter appends the candidates holding the letter ch, and their keys,
// to pt.
func (ix *Index) placeLetter(ch byte, bit uint64, cands []int32, pt *part) {
	for _, i := range cands {
		if ix.masks[i]&bit != 0 {
			pt.matched = append(pt.matched, i)
			pt.keys = append(pt.keys, ix.letterKey(i, ch, bit))
		}
	}
}

// countLetter counts the candidates whose mask holds bit, looking at ctx
// between chunks.
func (ix *Index) countLetter(ctx context.Context, bit uint64, cands []int32) (int32, error) {
	done := ctx.Done()
	n := 0
	for lo := 0; lo < len(cands); lo += checkGap {
		if done != nil {
			select {
			case <-done:
				return 0, ctx.Err()
			default:
			}
		}
		for _, i := range cands[lo:min(lo+checkGap, len(cands))] {
			n += b2i(ix.masks[i]&bit != 0)
		}
	}
	return int32(n), nil
}

// parallel calls f(0) to f(n-1), on a goroutine each when n is more than one.
func parallel(n int, f func(p int)) {
	if n == 1 {
		f(0)
		return
	}
	var wg sync.WaitGroup
	for p := range n {
		wg.Go(func() { f(p) })
	}
	wg.Wait()
}

// letterKey is the key of name i, known to hold the letter ch, for a query
// that is that letter alone; bit is the letter's mask bit.
func (ix *Index) letterKey(i int32, ch byte, bit uint64) uint16 {
	return uint16(ix.classifyLetter(i, ch, bit))<<lenBits | ix.lens[i]
}

// classifyLetter classifies name i, known to hold the letter ch, for a query
// that is that letter alone; bit is the letter's mask bit.
func (ix *Index) classifyLetter(i int32, ch byte, bit uint64) class {
	switch {
	case ix.firsts[i] != ch:
	case ix.offs[i+1]-ix.offs[i] == 1:
		return exact
	default:
		return prefix
	}
	if ix.wordMasks[i]&bit != 0 {
		return wordStart
	}
	return substring
}
