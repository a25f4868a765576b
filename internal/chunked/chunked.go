// Package chunked holds values made a chunk at a time, when one of them is
// first asked for, each keeping its address once made. A list read in
// place from a mapped file makes its channels and their shared attributes
// this way: touching one costs a chunk, not the whole list, and two readers
// asking at once get the same value.
package chunked

import "sync/atomic"

// Size is how many values are made at once: enough that a page of the
// browser makes one or two chunks, few enough that touching one value costs
// microseconds.
const Size = 256

// Chunk is Size values, made together.
type Chunk[T any] = [Size]T

// Store holds n values of T, made by fill a chunk at a time. It is safe for
// concurrent use.
type Store[T any] struct {
	n      int
	fill   func(k int, c *Chunk[T]) // fills chunk k: values k*Size up to n
	chunks []atomic.Pointer[Chunk[T]]
}

// New is a store of n values, none made yet.
func New[T any](n int, fill func(k int, c *Chunk[T])) *Store[T] {
	return &Store[T]{n: n, fill: fill, chunks: make([]atomic.Pointer[Chunk[T]], (n+Size-1)/Size)}
}

// Len is the number of values.
func (s *Store[T]) Len() int { return s.n }

// Made is value i if its chunk was made already, else nil.
func (s *Store[T]) Made(i int) *T {
	if c := s.chunks[i/Size].Load(); c != nil {
		return &c[i%Size]
	}
	return nil
}

// At is value i, its chunk made if it was not. Two readers may make a chunk
// at once; the first to store it wins and both use its values, so an
// address never changes.
func (s *Store[T]) At(i int) *T {
	if v := s.Made(i); v != nil {
		return v
	}
	k := i / Size
	c := new(Chunk[T])
	s.fill(k, c)
	if !s.chunks[k].CompareAndSwap(nil, c) {
		c = s.chunks[k].Load()
	}
	return &c[i%Size]
}
