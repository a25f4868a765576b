package source

// The catalogues of a large panel, 100,000 movies and 20,000 series, from a
// loopback simulator and from the cache:
//
//	go test ./playlist/source/ -run '^$' -bench Catalogue100k -benchtime 3x
//
// x-floor is each load's time over the floor measured in the same run: for
// the panel, reading the same two JSON answers from loopback into
// io.Discard; for the cache, reading the two cache files the same way.
// heap-x-json is the heap the catalogues hold once built, over the size of
// the JSON they came from. Targets: 3 s from loopback, 1 s from the cache,
// 1.5x the JSON in memory.

import (
	"context"
	"io"
	"net/http"
	"net/url"
	"os"
	"runtime"
	"testing"
	"time"

	"github.com/tuner-iptv/tuner/internal/sim"
	"github.com/tuner-iptv/tuner/playlist"
	"github.com/tuner-iptv/tuner/playlist/cache"
)

const benchMovies, benchSeries = 100_000, 20_000

var benchKinds = []playlist.Kind{playlist.KindMovie, playlist.KindSeries}

func startBenchSim(b *testing.B) *sim.Server {
	b.Helper()
	s := sim.New(sim.Config{Username: "alice", Password: simPass, Movies: benchMovies, Series: benchSeries})
	if err := s.Start("127.0.0.1:0"); err != nil {
		b.Fatal(err)
	}
	b.Cleanup(s.Close)
	return s
}

// readAnswers reads the two list answers whole into io.Discard and says
// how many bytes they were.
func readAnswers(b *testing.B, s *sim.Server) int64 {
	var n int64
	for _, action := range []string{"get_vod_streams", "get_series"} {
		q := url.Values{"username": {"alice"}, "password": {simPass}, "action": {action}}
		resp, err := http.Get(s.URL() + "/player_api.php?" + q.Encode())
		if err != nil {
			b.Fatal(err)
		}
		m, err := io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if err != nil {
			b.Fatal(err)
		}
		n += m
	}
	return n
}

func loadBoth(b *testing.B, c *Catalogues) []*playlist.Playlist {
	var out []*playlist.Playlist
	for _, kind := range benchKinds {
		ps, err := c.Catalogue(context.Background(), kind, nil)
		if err != nil || len(ps) != 1 {
			b.Fatalf("%v: %d playlists, %v", kind, len(ps), err)
		}
		out = append(out, ps[0])
	}
	if out[0].Channels.Len() != benchMovies || out[1].Channels.Len() != benchSeries {
		b.Fatalf("%d movies, %d series", out[0].Channels.Len(), out[1].Channels.Len())
	}
	return out
}

func heapInUse() uint64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapInuse
}

func BenchmarkCatalogue100kFromLoopback(b *testing.B) {
	s := startBenchSim(b)
	x := NewXtream(s.URL(), "alice", simPass, Options{})
	var floor, load time.Duration
	var jsonBytes int64
	var held float64
	for b.Loop() {
		start := time.Now()
		jsonBytes = readAnswers(b, s)
		floor += time.Since(start)

		before := heapInUse()
		start = time.Now()
		ps := loadBoth(b, NewCatalogues([]playlist.Source{x}, CatalogueOptions{}))
		load += time.Since(start)
		held = float64(heapInUse()-before) / float64(jsonBytes)
		runtime.KeepAlive(ps)
	}
	b.ReportMetric(load.Seconds()/float64(b.N), "s/load")
	b.ReportMetric(float64(load)/float64(floor), "x-floor")
	b.ReportMetric(held, "heap-x-json")
	b.ReportMetric(float64(jsonBytes)/1e6, "json-MB")
}

func BenchmarkCatalogue100kFromCache(b *testing.B) {
	s := startBenchSim(b)
	dir := b.TempDir()
	x := NewXtream(s.URL(), "alice", simPass, Options{}).(*Xtream)
	loadBoth(b, NewCatalogues([]playlist.Source{x}, CatalogueOptions{Cache: cache.New(dir)}))
	jsonBytes := readAnswers(b, s)
	s.Close() // from here on nothing may ask the panel
	var paths []string
	for _, kind := range benchKinds {
		paths = append(paths, cache.New(dir).CataloguePath(catalogueKey(x, kind)))
	}
	var floor, load time.Duration
	var held float64
	var fileBytes int64
	for b.Loop() {
		start := time.Now()
		fileBytes = readFiles(b, paths)
		floor += time.Since(start)

		before := heapInUse()
		start = time.Now()
		// A new Cache maps the files afresh, as the next start of tuner does.
		ps := loadBoth(b, NewCatalogues([]playlist.Source{x}, CatalogueOptions{Cache: cache.New(dir)}))
		load += time.Since(start)
		held = float64(heapInUse()-before) / float64(jsonBytes)
		runtime.KeepAlive(ps)
	}
	b.ReportMetric(load.Seconds()/float64(b.N), "s/load")
	b.ReportMetric(float64(load)/float64(floor), "x-floor")
	b.ReportMetric(held, "heap-x-json")
	b.ReportMetric(float64(fileBytes)/1e6, "file-MB")
}

func readFiles(b *testing.B, paths []string) int64 {
	var n int64
	for _, p := range paths {
		f, err := os.Open(p)
		if err != nil {
			b.Fatal(err)
		}
		m, err := io.Copy(io.Discard, f)
		f.Close()
		if err != nil {
			b.Fatal(err)
		}
		n += m
	}
	return n
}
