package tui

import (
	"context"
	"math/rand/v2"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/tuner-iptv/tuner/internal/m3ugen"
	"github.com/tuner-iptv/tuner/playlist"
	"github.com/tuner-iptv/tuner/playlist/search"
	"github.com/tuner-iptv/tuner/session"
	"github.com/tuner-iptv/tuner/tui/browser"
)

// Benchmarks on a generated 300,000-channel provider list:
//
//	go test -run '^$' -bench . -benchmem ./tui/

const bigN = 300_000

var big = sync.OnceValue(func() *playlist.Playlist { return generated(bigN) })

func generated(n int) *playlist.Playlist {
	chans := make([]playlist.Channel, n)
	for i := range chans {
		e := m3ugen.EntryAt(1, i)
		chans[i] = playlist.Channel{Name: e.Name, Group: e.Group, TvgID: e.TvgID, Chno: e.Chno, URL: e.URL, Source: "provider"}
	}
	return &playlist.Playlist{Source: "provider", Channels: playlist.List(chans), Groups: playlist.BuildGroups(playlist.List(chans))}
}

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
// one: flattening and grouping, with the names indexed for the filter in the
// background. browsable-ms is until the catalog can be shown, indexed-ms
// until its index is built too (what a query typed at once waits for), and
// sync-index-ms what building the index alone costs after it, the wait the
// first screen would have had with the index built before it (medians).
func BenchmarkBuildCatalog300k(b *testing.B) { benchBuild(b, []*playlist.Playlist{big()}) }

// BenchmarkBuildCatalog1M is BenchmarkBuildCatalog300k on a million channels.
func BenchmarkBuildCatalog1M(b *testing.B) { benchBuild(b, []*playlist.Playlist{huge()}) }

func benchBuild(b *testing.B, pls []*playlist.Playlist) {
	newSearcher := New(Options{}).opts.NewSearcher
	var browsable, indexed, sync []time.Duration
	for b.Loop() {
		start := time.Now()
		c := browser.Build(pls, newSearcher, nil)
		browsable = append(browsable, time.Since(start))
		if err := c.Index.(interface{ Wait(context.Context) error }).Wait(context.Background()); err != nil {
			b.Fatal(err)
		}
		indexed = append(indexed, time.Since(start))
		b.StopTimer()
		start = time.Now()
		search.NewIndexOf(c)
		sync = append(sync, time.Since(start))
		b.StartTimer()
	}
	b.ReportMetric(medianMS(browsable), "browsable-ms")
	b.ReportMetric(medianMS(indexed), "indexed-ms")
	b.ReportMetric(medianMS(sync), "sync-index-ms")
}

func medianMS(d []time.Duration) float64 {
	slices.Sort(d)
	return float64(d[len(d)/2]) / float64(time.Millisecond)
}

// huge is a generated million-channel provider list.
var huge = sync.OnceValue(func() *playlist.Playlist { return generated(1_000_000) })

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

// BenchmarkHeapAfterUse zaps 100 times and filters 1,000 typed queries on
// the 300,000-channel list, each key followed by its search and a frame, and
// reports the live heap after it over the live heap before it (heap-ratio,
// the goal is at most 1.10), both once garbage is collected, with the list
// browsable and its index built before the first.
func BenchmarkHeapAfterUse(b *testing.B) {
	plays := new(int)
	opts := Options{Theme: ThemeDark, Controller: zapController{plays}}
	m := New(opts)
	m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	m.Update(buildCmd(1, []*playlist.Playlist{big()}, m.opts.NewSearcher, m.opts.Prefs)())
	waitIndex(b, m)
	before := liveHeap()
	for b.Loop() {
		rng := rand.New(rand.NewPCG(3, 4))
		for round := range 10 {
			for range 10 {
				m.Update(keyPress(rowKeys[rng.IntN(len(rowKeys))]))
				_, cmd := m.Update(keyPress("enter"))
				runAll(m, cmd)
				_ = m.View()
			}
			for q := range 100 {
				typed := typedQuery(rng, big().Channels.Slice())
				typeInto(m, "/"+typed)
				if q == 0 && !strings.Contains(screenOf(m), "/ "+typed) {
					b.Fatalf("the filter does not show %q:\n%s", typed, screenOf(m))
				}
				_, cmd := m.Update(keyPress("esc"))
				runAll(m, cmd)
				if q%10 == round {
					_ = m.View()
				}
			}
		}
	}
	after := liveHeap()
	runtime.KeepAlive(m)
	if *plays != 100*b.N {
		b.Fatalf("%d zaps played, want %d", *plays, 100*b.N)
	}
	b.ReportMetric(float64(after)/float64(before), "heap-ratio")
	b.ReportMetric(float64(before)/(1<<20), "heap-before-MB")
	b.ReportMetric(float64(after)/(1<<20), "heap-after-MB")
}

// rowKeys move the cursor before a zap, near and far.
var rowKeys = []string{"down", "down", "up", "pgdown", "pgup", "G", "g"}

// typedQuery is what a person filtering might type: the start of a word of
// a channel's name, one to eight runes of it.
func typedQuery(rng *rand.Rand, chans []playlist.Channel) string {
	words := strings.Fields(chans[rng.IntN(len(chans))].Name)
	if len(words) == 0 {
		return "a"
	}
	w := []rune(words[rng.IntN(len(words))])
	return string(w[:1+rng.IntN(min(len(w), 8))])
}

// waitIndex waits until the shown catalog's index is built.
func waitIndex(b *testing.B, m *Model) {
	b.Helper()
	ix, ok := m.load.cat.Index.(interface{ Wait(context.Context) error })
	if !ok {
		b.Fatalf("the index %T cannot be waited for", m.load.cat.Index)
	}
	if err := ix.Wait(context.Background()); err != nil {
		b.Fatal(err)
	}
}

// liveHeap is the heap in use once garbage is collected: twice, as pooled
// scratch space survives the first collection.
func liveHeap() uint64 {
	runtime.GC()
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return ms.HeapAlloc
}

// zapController plays anything at once and only counts the plays, so that
// the heap measured is the TUI's alone.
type zapController struct{ plays *int }

func (c zapController) Play(context.Context, playlist.Channel) error { *c.plays++; return nil }
func (zapController) Stop(context.Context) error                     { return nil }
func (zapController) Events() <-chan session.Event                   { return nil }
func (zapController) Close(context.Context) error                    { return nil }
func (zapController) Slots() session.SlotStatus {
	return session.SlotStatus{Account: "alice@provider.test", Held: 1, Limit: 1}
}
