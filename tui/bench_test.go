package tui

import (
	"runtime"
	"sync"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/tuner-iptv/tuner/internal/m3ugen"
	"github.com/tuner-iptv/tuner/playlist"
	"github.com/tuner-iptv/tuner/tui/browser"
)

// Benchmarks on a generated 300,000-channel provider list:
//
//	go test -run '^$' -bench . -benchmem ./tui/

const bigN = 300_000

var big = sync.OnceValue(func() *playlist.Playlist {
	chans := make([]playlist.Channel, bigN)
	for i := range chans {
		e := m3ugen.EntryAt(1, i)
		chans[i] = playlist.Channel{Name: e.Name, Group: e.Group, TvgID: e.TvgID, Chno: e.Chno, URL: e.URL, Source: "provider"}
	}
	return &playlist.Playlist{Source: "provider", Channels: chans, Groups: playlist.BuildGroups(chans)}
})

// loaded returns a root model showing the big list at 80x24.
func loaded(b *testing.B) *Model {
	b.Helper()
	m := New(Options{Theme: ThemeDark})
	m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	m.Update(buildCmd(1, []*playlist.Playlist{big()}, m.opts.NewSearcher, nil)())
	runtime.GC() // the garbage of building the list is not the frame's cost
	return m
}

func BenchmarkView300k(b *testing.B) {
	m := loaded(b)
	m.Update(keyPress("G")) // the far end: no cost may grow with the position
	b.ResetTimer()
	for b.Loop() {
		_ = m.View()
	}
}

func BenchmarkView300kFiltered(b *testing.B) {
	m := loaded(b)
	typeInto(m, "/news")
	b.ResetTimer()
	for b.Loop() {
		_ = m.View() // includes highlighting the visible rows
	}
}

// BenchmarkFirstFrame is New plus the first View, with the list still loading.
func BenchmarkFirstFrame(b *testing.B) {
	src := &fakeSource{name: "provider", gate: make(chan struct{})}
	opts := Options{Sources: []playlist.Source{src}}
	for b.Loop() {
		m := New(opts)
		_ = m.Init()
		_ = m.View()
	}
}

// BenchmarkBuildCatalog300k is the work between a parsed list and a browsable
// one: flattening, grouping and indexing the names for the filter.
func BenchmarkBuildCatalog300k(b *testing.B) {
	pls := []*playlist.Playlist{big()}
	newSearcher := New(Options{}).opts.NewSearcher
	for b.Loop() {
		browser.Build(pls, newSearcher, nil)
	}
}

// BenchmarkKeystroke300k types words one key at a time, each key followed by
// its search and the frame drawn from the result, then clears the query.
// The words rotate so the search never answers the whole word from its cache
// of recent results. ms/key is the cost of one keystroke end to end.
func BenchmarkKeystroke300k(b *testing.B) {
	words := []string{"premier", "sport", "cnn", "france", "disco", "news", "kids", "canal", "movie", "music", "bbc", "hbo"}
	m := loaded(b)
	m.Update(keyPress("/"))
	keys := 0
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		w := words[i%len(words)]
		typeInto(m, w)
		keys += len(w)
		m.Update(tea.KeyPressMsg{Code: 'u', Mod: tea.ModCtrl})
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(keys)/1e6, "ms/key")
}

// typeInto sends each rune, running the commands each key returns the way the
// program would, and draws a frame after each.
func typeInto(m *Model, s string) {
	for _, r := range s {
		_, cmd := m.Update(tea.KeyPressMsg{Code: r, Text: string(r)})
		runAll(m, cmd)
		_ = m.View()
	}
}

func runAll(m *Model, cmd tea.Cmd) {
	if cmd == nil {
		return
	}
	switch msg := cmd().(type) {
	case nil:
	case tea.BatchMsg:
		for _, c := range msg {
			runAll(m, c)
		}
	default:
		_, next := m.Update(msg)
		runAll(m, next)
	}
}
