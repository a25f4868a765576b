package search

import (
	"context"
	"errors"
	"math/rand/v2"
	"slices"
	"sync"
	"testing"
	"time"
)

// TestPagesMatchFullSort asks for random pages of random queries, in random
// order, and checks each against the same ranks of a full sort.
func TestPagesMatchFullSort(t *testing.T) {
	names := testNames(30_000)
	ix := NewIndex(names)
	rng := rand.New(rand.NewPCG(5, 6))
	var group []int32
	for i := int32(0); i < int32(len(names)); i += 1 + int32(rng.IntN(4)) {
		group = append(group, i)
	}
	for round := range 60 {
		var within []int32
		if round%4 == 3 {
			within = group
		}
		q := randomQuery(rng, names)
		if round%5 == 0 {
			q = q[:1] // one letter: the most matches
		}
		want := reference(ix, q, within)
		r, err := ix.Query(context.Background(), q, within)
		if err != nil {
			t.Fatal(err)
		}
		if r.Len() != len(want) {
			t.Fatalf("Query(%q).Len() = %d, want %d", q, r.Len(), len(want))
		}
		for range 6 {
			lo := rng.IntN(len(want) + 1)
			hi := lo + rng.IntN(200)
			if rng.IntN(3) == 0 {
				lo, hi = 0, rng.IntN(60)
			}
			got := r.Page(lo, hi)
			if w := want[lo:min(hi, len(want))]; !slices.Equal(got, w) {
				t.Fatalf("Query(%q).Page(%d, %d) = %v, want %v", q, lo, hi, got, w)
			}
		}
		// Search finds r remembered, partly ranked by the pages, and ranks
		// the rest.
		if got := search(t, ix, q, within); !slices.Equal(got, want) {
			t.Fatalf("Search(%q) after pages of it differs from the full sort", q)
		}
		if got := r.Page(0, len(want)); !slices.Equal(got, want) {
			t.Fatalf("Query(%q): the whole result differs from the full sort", q)
		}
	}
}

func TestPageBounds(t *testing.T) {
	ix := NewIndex([]string{"BBC One", "BBC Two", "CNN"})
	r, err := ix.Query(context.Background(), "bbc", nil)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		lo, hi int
		want   []int32
	}{
		{0, 1, []int32{0}},
		{1, 99, []int32{1}},
		{-3, 2, []int32{0, 1}},
		{5, 9, []int32{}},
		{2, 1, []int32{}},
	}
	for _, tt := range tests {
		if got := r.Page(tt.lo, tt.hi); !slices.Equal(got, tt.want) {
			t.Errorf("Page(%d, %d) = %v, want %v", tt.lo, tt.hi, got, tt.want)
		}
	}
	page := r.Page(0, 2)
	page[0] = 9
	if got := r.Page(0, 1); got[0] != 0 {
		t.Errorf("changing a page changed the result: %v", got)
	}
}

// An index still folding answers Len, Highlight and the empty query at once,
// and a search waits for it or for its ctx.
func TestStartSearchesOnceBuilt(t *testing.T) {
	names := testNames(20_000)
	gate := make(chan struct{})
	ix := start(Strings(names), gate)
	if ix.Len() != len(names) || ix.Ready() {
		t.Fatalf("Len = %d, Ready = %v before folding", ix.Len(), ix.Ready())
	}
	if got := ix.Highlight("sky", 0); !slices.Equal(got, NewIndex(names[:1]).Highlight("sky", 0)) {
		t.Errorf("Highlight before folding = %v", got)
	}
	if got := search(t, ix, "", []int32{4, 2}); !slices.Equal(got, []int32{4, 2}) {
		t.Errorf("empty query before folding = %v", got)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	if _, err := ix.Search(ctx, "sky", nil); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("Search before folding with a deadline: %v, want context.DeadlineExceeded", err)
	}
	rng := rand.New(rand.NewPCG(7, 8))
	queries := make([]string, 6)
	for i := range queries {
		queries[i] = randomQuery(rng, names)
	}
	got := make([][]int32, len(queries))
	var wg sync.WaitGroup
	for i, q := range queries {
		wg.Go(func() { got[i] = search(t, ix, q, nil) })
	}
	close(gate)
	wg.Wait()
	if err := ix.Wait(context.Background()); err != nil || !ix.Ready() {
		t.Fatalf("Wait = %v, Ready = %v after folding", err, ix.Ready())
	}
	for i, q := range queries {
		if want := reference(ix, q, nil); !slices.Equal(got[i], want) {
			t.Errorf("Search(%q) waiting for the folding differs from the reference", q)
		}
	}
}

func TestStartFoldsInTheBackground(t *testing.T) {
	names := testNames(5000)
	ix := Start(names)
	if err := ix.Wait(context.Background()); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{"s", "sky sp", "bbc"} {
		check(t, ix, q, nil)
	}
}

// The remembered results stay within their bound however many queries run,
// and the last is kept for narrowing the next key.
func TestRememberedResultsBounded(t *testing.T) {
	names := testNames(20_000)
	ix := NewIndex(names)
	rng := rand.New(rand.NewPCG(9, 10))
	for range 200 {
		q := randomQuery(rng, names)
		search(t, ix, q, nil)
		ix.mu.Lock()
		kept := 0
		for _, c := range ix.cache {
			kept += c.held()
		}
		n := len(ix.cache)
		folded := string(newQuery(q).text)
		found := slices.ContainsFunc(ix.cache, func(c *Results) bool { return c.query == folded })
		ix.mu.Unlock()
		if n > keepResults || n > 1 && kept > len(names)/2 {
			t.Fatalf("after %q: %d results with %d matches remembered", q, n, kept)
		}
		if !found && folded != "" {
			t.Fatalf("the result of %q is not remembered", q)
		}
	}
}
