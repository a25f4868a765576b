package cache_test

import (
	"bytes"
	"os"
	"strconv"
	"sync"
	"testing"

	"github.com/tuner-iptv/tuner/internal/m3ugen"
	"github.com/tuner-iptv/tuner/playlist"
	"github.com/tuner-iptv/tuner/playlist/cache"
	"github.com/tuner-iptv/tuner/playlist/m3u"
)

// The benchmarks use a generated provider list of 300,000 entries (about
// 75 MB as M3U), the size the project's speed goals are stated for:
//
//	go test -run '^$' -bench . -benchmem ./playlist/cache/
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
	cp.Channels = append([]playlist.Channel(nil), p.Channels...)
	extras := make([]playlist.Extra, len(cp.Channels))
	for i := range cp.Channels {
		extras[i].StreamID = strconv.Itoa(100000 + i)
		cp.Channels[i].Extra = &extras[i]
	}
	return &cp, nil
})

func benchLoad(b *testing.B, get func() (*playlist.Playlist, error)) {
	p, err := get()
	if err != nil {
		b.Fatal(err)
	}
	c := cache.New(b.TempDir())
	if err := c.Save("k", p); err != nil {
		b.Fatal(err)
	}
	start := cpuTime()
	for b.Loop() {
		got, _, err := c.Load("k")
		if err != nil || len(got.Channels) != len(p.Channels) {
			b.Fatal(err)
		}
	}
	reportCPU(b, start)
	if fi, err := os.Stat(c.Path("k")); err == nil {
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
