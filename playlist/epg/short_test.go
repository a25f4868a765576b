package epg

import (
	"testing"

	"github.com/tuner-iptv/tuner/playlist/xtream"
)

func TestFromShort(t *testing.T) {
	ls := []xtream.Listing{
		{Title: "Later ", Description: "second", Start: utc("2026-11-23 11:00"), End: utc("2026-11-23 12:00")},
		{Title: "Now", Description: " first ", Start: utc("2026-11-23 10:00"), End: utc("2026-11-23 11:00")},
		{Title: "No start"},
		{Title: "Bad end", Start: utc("2026-11-23 12:00"), End: utc("2026-11-23 09:00")},
	}
	g, k := FromShort("101", ls)
	now, next := g.NowNext(k, utc("2026-11-23 10:30"))
	if title(now) != "Now" || now.Desc != "first" || title(next) != "Later" {
		t.Errorf("now %+v, next %+v", now, next)
	}
	if g.Stats.Skipped != 1 || g.Stats.Programmes != 3 {
		t.Errorf("stats %+v", g.Stats)
	}
	if k2, ok := g.Lookup("101"); !ok || k2 != k {
		t.Error("key does not match the channel id")
	}
	last := g.Schedule(k, utc("2026-11-23 12:00"), utc("2026-11-23 13:00"))
	if len(last) != 1 || !last[0].Stop.IsZero() {
		t.Errorf("listing with an end before its start: %+v", last)
	}
}
