package browser

import (
	"context"
	"slices"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/tuner-iptv/tuner/playlist"
	"github.com/tuner-iptv/tuner/playlist/search"
)

// gatedIndex is an index still being built until gate is closed: a search
// waits for it, as one on search.Start's index waits for the folding.
type gatedIndex struct {
	*search.Index
	gate chan struct{}
}

func (g gatedIndex) Ready() bool {
	select {
	case <-g.gate:
		return true
	default:
		return false
	}
}

func (g gatedIndex) Search(ctx context.Context, q string, within []int32) ([]int32, error) {
	select {
	case <-g.gate:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	return g.Index.Search(ctx, q, within)
}

// A query typed before the index is built keeps every key, says it waits
// for the index, and lists what it matches once the index is there, whatever
// order the searches of the keys before it come back in.
func TestFilterTypedBeforeTheIndexIsBuilt(t *testing.T) {
	const typed = "bbc t"
	ready := newHarness(t, nil, sample())
	ready.keys("/")
	ready.typeText(typed)
	want := ready.names()
	if len(want) == 0 {
		t.Fatalf("%q matches nothing even with the index built", typed)
	}

	h := newHarness(t, nil, sample())
	gate := make(chan struct{})
	h.send(CatalogMsg{Catalog: Build([]*playlist.Playlist{sample()}, func(names Names) Searcher {
		return gatedIndex{search.NewIndexOf(names), gate}
	}, h.store)})
	h.keys("/")
	var held []tea.Cmd
	for _, r := range typed {
		_, cmd := h.m.Update(tea.KeyPressMsg{Code: r, Text: string(r)})
		held = append(held, cmd)
	}
	if h.m.filter.query != typed {
		t.Fatalf("query = %q before the index was built, want %q", h.m.filter.query, typed)
	}
	if s := h.screen(); !strings.Contains(s, "indexing…") {
		t.Fatalf("the screen does not say the index is being built:\n%s", s)
	}
	close(gate)
	for _, cmd := range slices.Backward(held) {
		h.run(cmd) // the last key's search first, the stale ones after it
	}
	if got := h.names(); !slices.Equal(got, want) {
		t.Fatalf("list = %q once the index was built, want %q", got, want)
	}
	if s := h.screen(); strings.Contains(s, "indexing…") || strings.Contains(s, "searching…") {
		t.Fatalf("the screen still waits once the results are in:\n%s", s)
	}
}
