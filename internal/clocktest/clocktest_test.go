package clocktest

import (
	"testing"
	"time"
)

func TestAfterMovesTheClockAtOnce(t *testing.T) {
	start := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	c := New(start)
	got := <-c.After(15 * time.Second)
	if want := start.Add(15 * time.Second); !got.Equal(want) || !c.Now().Equal(want) {
		t.Errorf("after 15 s: channel %v, Now %v, want %v", got, c.Now(), want)
	}
}
