package search

import (
	"context"
	"runtime"
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

// result is one finished search, kept for narrowing later ones.
type result struct {
	query   string  // folded
	within  []int32 // private copy of the subset searched, nil for all
	matched []int32 // matching indexes in candidate order
	ranked  []int32 // matched, best first
}

// part is the work of one goroutine over a contiguous run of candidates.
type part struct {
	matched []int32
	keys    []uint16
	count   [numKeys]int32
	err     error
}

// getPart returns an empty part with room for n matches. Parts are pooled: a
// search over every name needs megabytes of scratch space, and allocating it
// anew for each key typed costs more than matching a short query.
func (ix *Index) getPart(n int) *part {
	pt, _ := ix.parts.Get().(*part)
	if pt == nil {
		pt = new(part)
	}
	if cap(pt.matched) < n {
		pt.matched = make([]int32, 0, n)
		pt.keys = make([]uint16, 0, n)
	}
	pt.matched, pt.keys = pt.matched[:0], pt.keys[:0]
	pt.count = [numKeys]int32{}
	pt.err = nil
	return pt
}

// rank matches q against cands on all cores and orders the matches.
func (ix *Index) rank(ctx context.Context, q *query, cands []int32) (*result, error) {
	parts := make([]*part, partsFor(len(cands)))
	var wg sync.WaitGroup
	for p := range parts {
		lo, hi := p*len(cands)/len(parts), (p+1)*len(cands)/len(parts)
		parts[p] = ix.getPart(hi - lo)
		defer ix.parts.Put(parts[p])
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
	res := &result{
		matched: make([]int32, 0, total),
		ranked:  make([]int32, total),
	}
	for _, pt := range parts {
		res.matched = append(res.matched, pt.matched...)
	}
	place(parts, res.ranked)
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
	ch, letter := q.singleLetter()
	for _, i := range cands {
		var c class
		if letter {
			c = ix.classifyLetter(i, ch, q.mask)
		} else {
			var ok bool
			if c, ok = q.classify(ix.name(i)); !ok {
				continue
			}
		}
		key := uint16(c)<<lenBits | ix.lens[i]
		pt.matched = append(pt.matched, i)
		pt.keys = append(pt.keys, key)
		pt.count[key]++
	}
}

// place writes every part's matches into out in key order. Earlier parts hold
// earlier candidates, so within a key they go first and the sort stays stable.
func place(parts []*part, out []int32) {
	next := make([][numKeys]int32, len(parts))
	pos := int32(0)
	for key := range numKeys {
		for p, pt := range parts {
			next[p][key] = pos
			pos += pt.count[key]
		}
	}
	var wg sync.WaitGroup
	for p, pt := range parts {
		wg.Go(func() {
			at := &next[p]
			for k, i := range pt.matched {
				key := pt.keys[k]
				out[at[key]] = i
				at[key]++
			}
		})
	}
	wg.Wait()
}

// classifyLetter classifies name i, known to hold the letter ch, for a query
// that is that letter alone; bit is the letter's mask bit.
func (ix *Index) classifyLetter(i int32, ch byte, bit uint64) class {
	start, end := ix.offs[i], ix.offs[i+1]
	switch {
	case ix.text[start] != ch:
	case end-start == 1:
		return exact
	default:
		return prefix
	}
	if ix.wordMasks[i]&bit != 0 {
		return wordStart
	}
	return substring
}
