// Package clocktest has a clock for tests of code that waits: time moves only
// when the code under test waits, by exactly what it asked for, so minutes of
// polite polling run at once and every wait can be counted.
package clocktest

import (
	"sync"
	"time"
)

// Stepping is a clock whose After returns at once, having moved Now forward
// by d. It fits any interface with Now and After, such as diagnose.Clock.
type Stepping struct {
	mu  sync.Mutex
	now time.Time
}

// New returns a stepping clock standing at t.
func New(t time.Time) *Stepping { return &Stepping{now: t} }

// Now is the clock's current time.
func (c *Stepping) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

// After moves the clock forward by d and returns a channel that already holds
// the new time.
func (c *Stepping) After(d time.Duration) <-chan time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
	ch := make(chan time.Time, 1)
	ch <- c.now
	return ch
}
