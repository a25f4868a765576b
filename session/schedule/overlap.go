package schedule

import (
	"fmt"
	"slices"
	"time"
)

// OverlapError refuses an entry that would record more at once on an
// account than its connection limit allows.
type OverlapError struct {
	Other Entry // one of the entries it overlaps, the earliest
	Limit int
	Now   time.Time // for the message's date; zero is today
}

func (e *OverlapError) Error() string {
	now := e.Now
	if now.IsZero() {
		now = time.Now()
	}
	msg := fmt.Sprintf("overlaps %s %s", e.Other.Name(), e.Other.Span(now))
	if e.Limit > 1 {
		msg += fmt.Sprintf(" (with others: the account allows %d at once)", e.Limit)
	}
	return msg
}

// overlap refuses e when, at some instant of its padded window, the
// active entries of its account already record as many as its limit.
func overlap(all []Entry, e Entry) error {
	limit := max(e.Limit, 1)
	var others []Entry
	for _, o := range all {
		if o.Active() && o.Account == e.Account && o.overlaps(e) {
			others = append(others, o)
		}
	}
	if peak(others, e) < limit {
		return nil
	}
	return &OverlapError{Other: others[0], Limit: limit}
}

// peak is the most of others recording at once within e's window.
func peak(others []Entry, e Entry) int {
	type edge struct {
		at    time.Time
		delta int
	}
	var edges []edge
	for _, o := range others {
		edges = append(edges, edge{maxTime(o.From(), e.From()), 1}, edge{minTime(o.To(), e.To()), -1})
	}
	// An end sorts before a start at the same instant: back to back is no overlap.
	slices.SortFunc(edges, func(a, b edge) int {
		if c := a.at.Compare(b.at); c != 0 {
			return c
		}
		return a.delta - b.delta
	})
	n, most := 0, 0
	for _, x := range edges {
		n += x.delta
		most = max(most, n)
	}
	return most
}

func maxTime(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

func minTime(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}
