package search

import (
	"context"
	"math/rand/v2"
	"runtime"
	"testing"
)

// BenchmarkHeapGrowth filters 1,000 typed queries over 300,000 names, the
// first page of each as the browser shows it, and reports how far the live
// heap grew from where it was with the index built and nothing searched:
// heap-growth-% (the goal is under 10) and the live heap in MB before and
// after.
func BenchmarkHeapGrowth(b *testing.B) {
	ix := NewIndex(testNames(benchSize))
	names := ix.names.(Strings)
	ctx := context.Background()
	before := liveHeap()
	for b.Loop() {
		rng := rand.New(rand.NewPCG(11, 12))
		for range 1000 {
			r, err := ix.Query(ctx, randomQuery(rng, names), nil)
			if err != nil {
				b.Fatal(err)
			}
			r.Page(0, screenRows)
		}
	}
	after := liveHeap()
	runtime.KeepAlive(ix)
	b.ReportMetric(100*(float64(after)-float64(before))/float64(before), "heap-growth-%")
	b.ReportMetric(float64(before)/(1<<20), "heap-before-MB")
	b.ReportMetric(float64(after)/(1<<20), "heap-after-MB")
}

// liveHeap returns the bytes the heap holds once garbage is collected: twice,
// as pooled scratch space survives the first collection.
func liveHeap() uint64 {
	runtime.GC()
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return ms.HeapAlloc
}
