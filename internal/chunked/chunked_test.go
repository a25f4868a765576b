package chunked

import (
	"sync"
	"sync/atomic"
	"testing"
)

func TestValuesAreMadeByChunkAndKeepTheirAddress(t *testing.T) {
	var fills atomic.Int64
	s := New(Size*3+7, func(k int, c *Chunk[int]) {
		fills.Add(1)
		for j := range c {
			c[j] = k*Size + j
		}
	})
	if s.Made(Size+1) != nil {
		t.Fatal("a value was made before anyone asked")
	}
	var wg sync.WaitGroup
	got := make([]*int, 8)
	for g := range got {
		wg.Go(func() { got[g] = s.At(Size + 1) })
	}
	wg.Wait()
	for _, p := range got {
		if p != got[0] || *p != Size+1 {
			t.Fatalf("readers got %p (%d) and %p", p, *p, got[0])
		}
	}
	if s.Made(Size+1) != got[0] || s.Made(2*Size-1) == nil || s.Made(0) != nil {
		t.Fatal("Made does not show exactly the chunk asked for")
	}
	if n := fills.Load(); n < 1 || n > int64(len(got)) {
		t.Fatalf("%d fills for one chunk", n)
	}
	if v := *s.At(s.Len() - 1); v != s.Len()-1 {
		t.Fatalf("the last value is %d", v)
	}
}
