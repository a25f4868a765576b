package tui

import (
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/tuner-iptv/tuner/internal/m3ugen"
	"github.com/tuner-iptv/tuner/internal/testutil"
	"github.com/tuner-iptv/tuner/playlist"
	"github.com/tuner-iptv/tuner/playlist/cache"
	"github.com/tuner-iptv/tuner/playlist/prefs"
)

// cachedDirEnv names the cache directory the child of the cached-browsable
// benchmarks loads from, cachedShapeEnv the shape of the list in it.
const (
	cachedDirEnv   = "TUNER_CACHED_BROWSABLE_DIR"
	cachedShapeEnv = "TUNER_CACHED_BROWSABLE_SHAPE"
)

// BenchmarkCachedBrowsable300kFreshProcess is a second start up to the
// browsable catalogue, in a new process each time so nothing is warm: the
// cached copy loaded, split by kind and the catalogue built (names, groups,
// a person's favourites and recents found; the search index goes on in the
// background). x-floor is that against mapping the same file and counting
// its newlines in the same process, the first frame left out.
//
//	go test -run '^$' -bench CachedBrowsable -benchtime 5x -count 5 ./tui/
func BenchmarkCachedBrowsable300kFreshProcess(b *testing.B) { benchCachedBrowsable(b, "m3u") }

// BenchmarkCachedBrowsable300kXtreamFreshProcess is the same for an Xtream
// account's list, where every channel has an Extra with its stream id, by
// which its favourites are kept.
func BenchmarkCachedBrowsable300kXtreamFreshProcess(b *testing.B) {
	benchCachedBrowsable(b, "xtream")
}

func benchCachedBrowsable(b *testing.B, shape string) {
	dir := b.TempDir()
	if err := cache.New(dir).Save("k", shaped(shape)); err != nil {
		b.Fatal(err)
	}
	var ratios []float64
	var alloc float64
	for b.Loop() {
		cmd := exec.Command(os.Args[0], "-test.run=^TestCachedBrowsableChild$")
		cmd.Env = append(os.Environ(), cachedDirEnv+"="+dir, cachedShapeEnv+"="+shape)
		out, err := cmd.CombinedOutput()
		if err != nil {
			b.Fatalf("child: %v\n%s", err, out)
		}
		var took, floor, n int64
		if _, err := fmt.Sscanf(string(out), "browsable %d floor %d alloc %d", &took, &floor, &n); err != nil {
			b.Fatalf("child said %q: %v", out, err)
		}
		ratios = append(ratios, float64(took)/float64(floor))
		alloc = float64(n) / 1e6
	}
	slices.Sort(ratios)
	b.ReportMetric(ratios[len(ratios)/2], "x-floor")
	b.ReportMetric(ratios[0], "min-x-floor")
	b.ReportMetric(alloc, "MB-alloc")
}

// shaped is the big list as an M3U file gives it (live channels, films and
// episodes mixed), or as an Xtream account's live list has it: every
// channel live, with a stream id in an Extra of its own.
func shaped(shape string) *playlist.Playlist {
	p := generated(bigN)
	if shape == "xtream" {
		extras := make([]playlist.Extra, bigN)
		for i := range extras {
			extras[i].StreamID = streamIDOf(i)
			c := p.Channels.At(i)
			c.Extra = &extras[i]
			c.URL = "http://line.example.net:8080/live/demo/***/" + extras[i].StreamID + ".ts"
		}
	}
	return p
}

func streamIDOf(i int) string { return strconv.Itoa(100000 + i) }

// shapedPrefs keeps a few favourites and recents spread over the list, as
// the shape's source would name them.
func shapedPrefs(shape string) *prefs.Store {
	s := prefs.Memory()
	for k, i := range []int{17, 80_000, 150_001, 299_990} {
		e := m3ugen.EntryAt(1, i)
		r := prefs.Ref{Name: e.Name, TvgID: e.TvgID}
		if shape == "xtream" {
			r.StreamID = streamIDOf(i)
		}
		s.SetFavorite("provider", r, true)
		if k%2 == 0 {
			s.AddRecent("provider", r)
		}
	}
	return s
}

// TestCachedBrowsableChild is the child of the cached-browsable benchmarks
// and does nothing in a test run.
func TestCachedBrowsableChild(t *testing.T) {
	dir, shape := os.Getenv(cachedDirEnv), os.Getenv(cachedShapeEnv)
	if dir == "" {
		return
	}
	c := cache.New(dir)
	floor := testutil.MapAndCount(t, c.Path("k"))
	newSearcher := New(Options{}).opts.NewSearcher
	store := shapedPrefs(shape)
	before := totalAlloc()
	start := time.Now()
	p, _, err := c.Load("k")
	if err != nil {
		t.Fatal(err)
	}
	msg := buildCmd(1, []*playlist.Playlist{p}, newSearcher, store)().(catalogMsg)
	took := time.Since(start)
	alloc := totalAlloc() - before
	// The generated list mixes films and episodes in with live channels,
	// and repeats some names: each tab finds its own favourites.
	names, favs, recents := 0, 0, 0
	for _, cat := range msg.cats {
		if cat == nil {
			continue
		}
		names, favs, recents = names+cat.Len(), favs+len(cat.Favorites), recents+len(cat.Recent)
	}
	if names != bigN || favs < 4 || recents != 2 {
		t.Fatalf("%d names, %d favourites, %d recents; want %d, 4 or more, 2", names, favs, recents, bigN)
	}
	fmt.Printf("browsable %d floor %d alloc %d\n", took, floor, alloc)
}

func totalAlloc() uint64 {
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return ms.TotalAlloc
}
