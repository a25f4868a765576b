package xtream

import (
	"io"
	"net/http"
	"runtime"
	"testing"

	"github.com/tuner-iptv/tuner/internal/sim"
)

// catalogueJSON is what the simulator answers for action on a panel of
// the given size: the PHP-escaped JSON a large panel sends.
func catalogueJSON(tb testing.TB, cfg sim.Config, action string) []byte {
	tb.Helper()
	s := sim.New(cfg)
	if err := s.Start("127.0.0.1:0"); err != nil {
		tb.Fatal(err)
	}
	defer s.Close()
	resp, err := http.Get(s.URL() + "/player_api.php?username=demo&password=demo&action=" + action)
	if err != nil {
		tb.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		tb.Fatal(err)
	}
	return b
}

// retained is the heap that decode's result keeps alive, measured after a
// collection on each side.
func retained(decode func() any) (uint64, any) {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	v := decode()
	runtime.GC()
	runtime.ReadMemStats(&after)
	runtime.KeepAlive(v)
	return after.HeapAlloc - min(after.HeapAlloc, before.HeapAlloc), v
}

// The catalogue in memory costs at most one and a half times its JSON.
func TestCatalogueMemoryWithinItsJSON(t *testing.T) {
	cfg := sim.Config{Movies: 20_000, Series: 20_000}
	for _, tt := range []struct {
		action string
		decode func([]byte) (any, int, error)
	}{
		{"get_vod_streams", func(b []byte) (any, int, error) { m, err := DecodeVODStreams(b); return m, len(m), err }},
		{"get_series", func(b []byte) (any, int, error) { s, err := DecodeSeries(b); return s, len(s), err }},
	} {
		data := catalogueJSON(t, cfg, tt.action)
		var n int
		var err error
		heap, v := retained(func() any {
			var v any
			v, n, err = tt.decode(data)
			return v
		})
		runtime.KeepAlive(v)
		runtime.KeepAlive(data) // counted before; not part of the result
		if err != nil || n != 20_000 {
			t.Fatalf("%s: %d titles, %v", tt.action, n, err)
		}
		ratio := float64(heap) / float64(len(data))
		t.Logf("%s: %d titles, JSON %d bytes, in memory %d bytes (%.2fx)", tt.action, n, len(data), heap, ratio)
		if ratio > 1.5 {
			t.Errorf("%s: the catalogue takes %.2fx its JSON", tt.action, ratio)
		}
	}
}

// go test -run '^$' -bench VOD -benchmem ./playlist/xtream/
func BenchmarkDecodeVODStreams100k(b *testing.B) {
	data := catalogueJSON(b, sim.Config{Movies: 100_000}, "get_vod_streams")
	b.SetBytes(int64(len(data)))
	var heap uint64
	for b.Loop() {
		var n int
		heap, _ = retained(func() any {
			m, err := DecodeVODStreams(data)
			if err != nil {
				b.Fatal(err)
			}
			n = len(m)
			return m
		})
		runtime.KeepAlive(data)
		if n != 100_000 {
			b.Fatal(n)
		}
	}
	b.ReportMetric(float64(heap)/float64(len(data)), "heap/json")
}

func BenchmarkDecodeVODSeries20k(b *testing.B) {
	data := catalogueJSON(b, sim.Config{Series: 20_000}, "get_series")
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if s, err := DecodeSeries(data); err != nil || len(s) != 20_000 {
			b.Fatal(len(s), err)
		}
	}
}

// The decoding alone, without the collections retained runs.
func BenchmarkDecodeVODStreams100kOnly(b *testing.B) {
	data := catalogueJSON(b, sim.Config{Movies: 100_000}, "get_vod_streams")
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if m, err := DecodeVODStreams(data); err != nil || len(m) != 100_000 {
			b.Fatal(len(m), err)
		}
	}
}
