package search

// Speed of the filter over 300,000 and 1,000,000 generated names. Run with:
//
//	go test -run '^$' -bench . -benchtime 3x -count 5 ./playlist/search/
//
// BenchmarkKeystrokes types each query of benchQueries one key at a time (up to
// eight characters, as a person filtering would) and ranks every match, as
// Search does; BenchmarkPage ranks only the first screen, as the browser
// shows it. Both report the time per keystroke (p50, p95 and max in
// milliseconds), the CPU time per keystroke over both cores (cpu-ms/key and
// cpu-p95-ms, less disturbed by other work) and p95/floor, the p95 over the
// time a plain strings.Contains takes over the same names (floor-ms, taken
// before every query, so that other work on the machine weighs on both). The
// goal is a p95 within one frame, 16 ms. The 1M variants do the same over a
// million names from internal/m3ugen. BenchmarkFresh types without the
// results of the previous key, the cost when nothing can be reused (a query
// edited in the middle); BenchmarkKeystrokesInGroup types within a group of
// 30,000 names. BenchmarkNewIndex is the one-off cost of a playlist,
// BenchmarkHighlight that of one screen of rows, BenchmarkHeapGrowth what
// 1,000 queries leave on the heap. Other work on the machine shows up in
// max-ms first.

import (
	"context"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

const benchSize = 300_000

var benchQueries = []string{
	"sky sports", "bbc one", "tf1", "cnn", "espn", "ñ", "das", "premier",
	"amélie", "s01 e05", "日本", "love act", "canal+", "zdf", "movistar",
}

var benchIndex = sync.OnceValue(func() *Index { return NewIndex(testNames(benchSize)) })

// keystrokes returns every prefix of q a person types, up to eight runes.
func keystrokes(q string) []string {
	r := []rune(q)
	var out []string
	for n := 1; n <= min(len(r), 8); n++ {
		out = append(out, string(r[:n]))
	}
	return out
}

func BenchmarkKeystrokes(b *testing.B) {
	benchTyping(b, false)
}

func BenchmarkFresh(b *testing.B) {
	benchTyping(b, true)
}

func benchTyping(b *testing.B, fresh bool) {
	benchTypingOn(b, benchIndex(), func(ctx context.Context, ix *Index, q string) error {
		_, err := ix.Search(ctx, q, nil)
		return err
	}, fresh)
}

// BenchmarkPage types like BenchmarkKeystrokes but ranks only the first
// screen of each result, as the browser shows it; BenchmarkPage1M does so
// over a million names.
func BenchmarkPage(b *testing.B) { benchTypingOn(b, benchIndex(), firstPage, false) }

func BenchmarkPage1M(b *testing.B) { benchTypingOn(b, bigIndex(), firstPage, false) }

// BenchmarkKeystrokes1M ranks every match, as BenchmarkKeystrokes, over a
// million names.
func BenchmarkKeystrokes1M(b *testing.B) {
	benchTypingOn(b, bigIndex(), func(ctx context.Context, ix *Index, q string) error {
		_, err := ix.Search(ctx, q, nil)
		return err
	}, false)
}

// screenRows is about one screen of the browser.
const screenRows = 50

func firstPage(ctx context.Context, ix *Index, q string) error {
	r, err := ix.Query(ctx, q, nil)
	if err == nil {
		r.Page(0, screenRows)
	}
	return err
}

func benchTypingOn(b *testing.B, ix *Index, search func(context.Context, *Index, string) error, fresh bool) {
	ctx := context.Background()
	runtime.GC() // the garbage of generating and indexing the names is not a keystroke's cost
	var took, cpu, floor []time.Duration
	for b.Loop() {
		for _, q := range benchQueries {
			floor = append(floor, scanFloor(ix.names.(Strings)))
			ix.forget()
			for _, typed := range keystrokes(q) {
				if fresh {
					ix.forget()
				}
				cpu0, _ := processCPU()
				start := time.Now()
				if err := search(ctx, ix, typed); err != nil {
					b.Fatal(err)
				}
				took = append(took, time.Since(start))
				if cpu1, ok := processCPU(); ok {
					cpu = append(cpu, cpu1-cpu0)
				}
			}
		}
	}
	p95 := reportPercentiles(b, took)
	slices.Sort(floor)
	b.ReportMetric(ms(floor[len(floor)/2]), "floor-ms")
	b.ReportMetric(float64(p95)/float64(floor[len(floor)/2]), "p95/floor")
	if len(cpu) > 0 {
		var sum time.Duration
		for _, d := range cpu {
			sum += d
		}
		b.ReportMetric(ms(sum)/float64(len(cpu)), "cpu-ms/key")
		slices.Sort(cpu)
		b.ReportMetric(ms(cpu[min(len(cpu)-1, len(cpu)*95/100)]), "cpu-p95-ms")
	}
}

// scanFloor is what the simplest filter costs on the same names, the floor the
// keystrokes are measured against: one strings.Contains per name, on one core.
// It is taken before every query, so that other work on the machine weighs on
// the floor as on the keystrokes.
func scanFloor(names []string) time.Duration {
	start := time.Now()
	n := 0
	for _, s := range names {
		n += b2i(strings.Contains(s, "e"))
	}
	took := time.Since(start)
	if n < 0 {
		panic("unreachable")
	}
	return took
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

// reportPercentiles reports the spread of took and returns its p95.
func reportPercentiles(b *testing.B, took []time.Duration) time.Duration {
	slices.Sort(took)
	at := func(p float64) time.Duration { return took[min(len(took)-1, int(p*float64(len(took))))] }
	b.ReportMetric(ms(at(0.50)), "p50-ms")
	b.ReportMetric(ms(at(0.95)), "p95-ms")
	b.ReportMetric(ms(took[len(took)-1]), "max-ms")
	b.ReportMetric(float64(len(took))/float64(b.N), "keys/op")
	return at(0.95)
}

// BenchmarkKeystrokesInGroup types the same queries inside a group holding a
// tenth of the names.
func BenchmarkKeystrokesInGroup(b *testing.B) {
	ix := benchIndex()
	var group []int32
	for i := int32(0); i < int32(ix.Len()); i += 10 {
		group = append(group, i)
	}
	ctx := context.Background()
	var took []time.Duration
	for b.Loop() {
		for _, q := range benchQueries {
			ix.forget()
			for _, typed := range keystrokes(q) {
				start := time.Now()
				if _, err := ix.Search(ctx, typed, group); err != nil {
					b.Fatal(err)
				}
				took = append(took, time.Since(start))
			}
		}
	}
	reportPercentiles(b, took)
}

func BenchmarkNewIndex(b *testing.B) {
	names := testNames(benchSize)
	b.ReportAllocs()
	for b.Loop() {
		NewIndex(names)
	}
}

func BenchmarkHighlight(b *testing.B) {
	ix := benchIndex()
	res, err := ix.Search(context.Background(), "sky sp", nil)
	if err != nil || len(res) < 50 {
		b.Fatalf("setup: %d results, %v", len(res), err)
	}
	rows := res[:50] // about one screen
	for b.Loop() {
		for _, i := range rows {
			ix.Highlight("sky sp", i)
		}
	}
}
