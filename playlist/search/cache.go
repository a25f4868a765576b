package search

import (
	"slices"
	"strings"
)

// keepResults bounds the remembered results: enough to go back several keys
// with backspace. Their matches together are also kept below half the number
// of names (each costs 6 to 10 bytes, a tenth of what a name costs the index),
// so that filtering all day holds no more memory than the first few keys.
const keepResults = 8

// lookup finds the remembered result for the folded query q over within. hit
// means r is exactly that search. Otherwise r, when not nil, is the result of
// the longest earlier query that q extends: a name matching q (in any class)
// holds q's characters other than spaces in order, so it holds the earlier
// query's too, and the earlier matches are all the candidates q needs.
func (ix *Index) lookup(q []byte, within []int32) (r *Results, hit bool) {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	for _, c := range ix.cache {
		if !sameSubset(c.within, within) || !strings.HasPrefix(string(q), c.query) {
			continue
		}
		if len(c.query) == len(q) {
			return c, true
		}
		if r == nil || len(c.query) > len(r.query) {
			r = c
		}
	}
	return r, false
}

func sameSubset(a, b []int32) bool {
	if (a == nil) != (b == nil) {
		return false
	}
	return slices.Equal(a, b)
}

// remember stores r as the newest result, forgetting the oldest beyond the bound.
func (ix *Index) remember(r *Results) {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	ix.cache = slices.DeleteFunc(ix.cache, func(c *Results) bool {
		return c.query == r.query && sameSubset(c.within, r.within)
	})
	ix.cache = append(ix.cache, r)
	kept := 0
	for _, c := range ix.cache {
		kept += c.held()
	}
	drop := 0
	for ; drop < len(ix.cache)-1; drop++ {
		if len(ix.cache)-drop <= keepResults && kept <= ix.n/2 {
			break
		}
		kept -= ix.cache[drop].held()
	}
	ix.cache = slices.Delete(ix.cache, 0, drop)
}

// forget drops every remembered result.
func (ix *Index) forget() {
	ix.mu.Lock()
	ix.cache = nil
	ix.mu.Unlock()
}
