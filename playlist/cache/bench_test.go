package cache_test

import (
	"bytes"
	"os"
	"runtime"
	"slices"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/tuner-iptv/tuner/internal/m3ugen"
	"github.com/tuner-iptv/tuner/internal/testutil"
	"github.com/tuner-iptv/tuner/playlist"
	"github.com/tuner-iptv/tuner/playlist/cache"
	"github.com/tuner-iptv/tuner/playlist/m3u"
)

// The benchmarks use a generated provider list of 300,000 entries (about
// 75 MB as M3U), the size the project's speed goals are stated for:
//
//	go test -run '^$' -bench . -benchmem ./playlist/cache/
//	go test -run '^$' -bench 'Load300k$' -count 5 ./playlist/cache/
//
// cpu-ms/op is the process's CPU time per operation, GC included: on a
// shared machine it is steadier than ns/op.
var big = sync.OnceValues(func() (*playlist.Playlist, error) {
	var buf bytes.Buffer
	if err := m3ugen.Generate(&buf, 300_000, 1); err != nil {
		return nil, err
	}
	return m3u.Parse(&buf, "generated.m3u", nil)
})

// xtreamShaped gives every channel its own Extra with a stream id, as an
// Xtream account's list has.
var xtreamShaped = sync.OnceValues(func() (*playlist.Playlist, error) {
	p, err := big()
	if err != nil {
		return nil, err
	}
	cp := *p
	cp.Channels = playlist.List(slices.Clone(p.Channels.Slice()))
	extras := make([]playlist.Extra, cp.Channels.Len())
	for i := range cp.Channels.Len() {
		extras[i].StreamID = strconv.Itoa(100000 + i)
		cp.Channels.At(i).Extra = &extras[i]
	}
	return &cp, nil
})

// benchLoad loads the copy as a fresh start does: a new Cache each time, so
// every load maps the file and verifies it. The floor, measured alternately
// in the same run, maps the same file and counts its newlines: no load can
// look at every byte faster. x-floor is the load's ratio to it, and
// MB-alloc/op the heap a load allocates, what a fresh process would take.
func benchLoad(b *testing.B, get func() (*playlist.Playlist, error)) {
	p, err := get()
	if err != nil {
		b.Fatal(err)
	}
	dir := b.TempDir()
	if err := cache.New(dir).Save("k", p); err != nil {
		b.Fatal(err)
	}
	path := cache.New(dir).Path("k")
	var load, floor time.Duration
	var alloc uint64
	start := cpuTime()
	for b.Loop() {
		floor += testutil.MapAndCount(b, path)
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		t := time.Now()
		got, _, err := cache.New(dir).Load("k")
		load += time.Since(t)
		runtime.ReadMemStats(&after)
		alloc += after.TotalAlloc - before.TotalAlloc
		if err != nil || got.Channels.Len() != p.Channels.Len() {
			b.Fatal(err)
		}
	}
	reportCPU(b, start)
	b.ReportMetric(float64(load.Microseconds())/float64(b.N)/1e3, "load-ms")
	b.ReportMetric(float64(floor.Microseconds())/float64(b.N)/1e3, "floor-ms")
	b.ReportMetric(float64(load)/float64(floor), "x-floor")
	b.ReportMetric(float64(alloc)/float64(b.N)/1e6, "MB-alloc/op")
	if fi, err := os.Stat(path); err == nil {
		b.ReportMetric(float64(fi.Size())/1e6, "MB-file")
	}
}

func benchSave(b *testing.B, get func() (*playlist.Playlist, error)) {
	p, err := get()
	if err != nil {
		b.Fatal(err)
	}
	c := cache.New(b.TempDir())
	start := cpuTime()
	for b.Loop() {
		if err := c.Save("k", p); err != nil {
			b.Fatal(err)
		}
	}
	reportCPU(b, start)
}

func BenchmarkLoad300k(b *testing.B)       { benchLoad(b, big) }
func BenchmarkLoad300kXtream(b *testing.B) { benchLoad(b, xtreamShaped) }
func BenchmarkSave300k(b *testing.B)       { benchSave(b, big) }
func BenchmarkSave300kXtream(b *testing.B) { benchSave(b, xtreamShaped) }
