package cache_test

import (
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"slices"
	"testing"
	"time"

	"github.com/tuner-iptv/tuner/internal/testutil"
	"github.com/tuner-iptv/tuner/playlist"
	"github.com/tuner-iptv/tuner/playlist/cache"
)

// freshDirEnv names the cache directory a child process loads from; see
// TestFreshProcessLoad.
const freshDirEnv = "TUNER_CACHE_FRESH_LOAD_DIR"

// BenchmarkLoad300kFreshProcess loads the copy in a new process each time,
// as a second start of tuner does: nothing of the heap is warm, every page a
// load allocates is touched for the first time. The child measures the
// floor (map and count the newlines of the same file) and then the load,
// and says how much the load allocated. The load reads channels where they
// lie in the mapping, so read-x-floor adds what the first screen needs of
// every channel (one pass over them all, as building the catalogue makes)
// to be sure the cost was not only moved. cpu-x-floor is the same ratio in CPU
// time, GC included, which a busy machine disturbs less than wall time.
func BenchmarkLoad300kFreshProcess(b *testing.B) { benchFreshLoad(b, big) }

// BenchmarkLoad300kXtreamFreshProcess is the same with an Extra of its own
// for every channel, as an Xtream account's list has.
func BenchmarkLoad300kXtreamFreshProcess(b *testing.B) { benchFreshLoad(b, xtreamShaped) }

func benchFreshLoad(b *testing.B, get func() (*playlist.Playlist, error)) {
	p, err := get()
	if err != nil {
		b.Fatal(err)
	}
	dir := b.TempDir()
	if err := cache.New(dir).Save("k", p); err != nil {
		b.Fatal(err)
	}
	var loads, floors, ratios, reads, cpuRatios []float64
	var alloc float64
	for b.Loop() {
		cmd := exec.Command(os.Args[0], "-test.run=^TestFreshProcessLoad$")
		cmd.Env = append(os.Environ(), freshDirEnv+"="+dir)
		out, err := cmd.Output()
		if err != nil {
			b.Fatalf("child: %v", err)
		}
		var load, floor, n, loadCPU, floorCPU, read int64
		if _, err := fmt.Sscanf(string(out), "load %d floor %d alloc %d cpu %d %d read %d", &load, &floor, &n, &loadCPU, &floorCPU, &read); err != nil {
			b.Fatalf("child said %q: %v", out, err)
		}
		if floorCPU > 0 {
			cpuRatios = append(cpuRatios, float64(loadCPU)/float64(floorCPU))
		}
		loads, floors = append(loads, float64(load)/1e6), append(floors, float64(floor)/1e6)
		ratios = append(ratios, float64(load)/float64(floor))
		reads = append(reads, float64(load+read)/float64(floor))
		alloc = float64(n) / 1e6
	}
	b.ReportMetric(medianOf(loads), "load-ms")
	b.ReportMetric(medianOf(floors), "floor-ms")
	b.ReportMetric(medianOf(ratios), "x-floor")
	b.ReportMetric(slices.Min(ratios), "min-x-floor")
	b.ReportMetric(medianOf(reads), "read-x-floor")
	b.ReportMetric(alloc, "MB-alloc")
	if len(cpuRatios) > 0 {
		b.ReportMetric(medianOf(cpuRatios), "cpu-x-floor")
	}
}

func medianOf(xs []float64) float64 {
	s := slices.Clone(xs)
	slices.Sort(s)
	return s[len(s)/2]
}

// TestFreshProcessLoad is the child of BenchmarkLoad300kFreshProcess and
// does nothing in a test run.
func TestFreshProcessLoad(t *testing.T) {
	dir := os.Getenv(freshDirEnv)
	if dir == "" {
		return
	}
	c := cache.New(dir)
	cpu0 := cpuTime()
	floor := testutil.MapAndCount(t, c.Path("k"))
	cpu1 := cpuTime()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	start := time.Now()
	p, _, err := c.Load("k")
	load := time.Since(start)
	cpu2 := cpuTime()
	runtime.ReadMemStats(&after)
	if err != nil || p.Channels.Len() == 0 {
		t.Fatalf("load: %v", err)
	}
	start = time.Now()
	names := 0
	for i := range p.Channels.Len() {
		c := p.Channels.Get(i)
		names += len(c.Name) + len(c.Group)
	}
	read := time.Since(start)
	if names == 0 {
		t.Fatal("every channel read has no name")
	}
	fmt.Printf("load %d floor %d alloc %d cpu %d %d read %d\n", load, floor, after.TotalAlloc-before.TotalAlloc, cpu2-cpu1, cpu1-cpu0, read)
}
