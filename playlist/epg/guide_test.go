package epg

import (
	"slices"
	"testing"
	"time"
)

// threeShows: 10:00-11:00 A, 11:00-11:30 B, gap, 12:00-13:00 C, 13:00 D (no stop, last).
const threeShows = `<tv>
<programme start="20261123100000 +0000" stop="20261123110000 +0000" channel="c"><title>A</title></programme>
<programme start="20261123110000 +0000" stop="20261123113000 +0000" channel="c"><title>B</title></programme>
<programme start="20261123120000 +0000" stop="20261123130000 +0000" channel="c"><title>C</title></programme>
<programme start="20261123130000 +0000" channel="c"><title>D</title></programme>
</tv>`

func title(p *Programme) string {
	if p == nil {
		return "-"
	}
	return p.Title
}

func TestNowNext(t *testing.T) {
	g := parseString(t, threeShows)
	k := mustKey(t, g, "c")
	tests := []struct {
		name, at  string
		shift     time.Duration
		now, next string
	}{
		{"before the guide", "2026-11-23 09:00", 0, "-", "A"},
		{"at a start", "2026-11-23 10:00", 0, "A", "B"},
		{"inside", "2026-11-23 10:59", 0, "A", "B"},
		{"at a stop that is the next start", "2026-11-23 11:00", 0, "B", "C"},
		{"in a gap", "2026-11-23 11:45", 0, "-", "C"},
		{"last without stop runs on", "2026-11-24 08:00", 0, "D", "-"},
		{"shift moves the guide later", "2026-11-23 11:30", 90 * time.Minute, "A", "B"},
		{"negative shift", "2026-11-23 09:30", -30 * time.Minute, "A", "B"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			now, next := g.NowNext(k.WithShift(tt.shift), utc(tt.at))
			if title(now) != tt.now || title(next) != tt.next {
				t.Errorf("NowNext = %s, %s; want %s, %s", title(now), title(next), tt.now, tt.next)
			}
			if now != nil && now.Start.After(utc(tt.at)) {
				t.Errorf("now starts at %v, after %s", now.Start, tt.at)
			}
		})
	}
	now, _ := g.NowNext(k.WithShift(time.Hour), utc("2026-11-23 11:15"))
	if !now.Start.Equal(utc("2026-11-23 11:00")) || !now.Stop.Equal(utc("2026-11-23 12:00")) {
		t.Errorf("shifted times %v-%v, want 11:00-12:00", now.Start.UTC(), now.Stop.UTC())
	}
	if p := now.Progress(utc("2026-11-23 11:15")); p != 0.25 {
		t.Errorf("progress = %v, want 0.25", p)
	}
	if n, x := g.NowNext(Key{}, utc("2026-11-23 10:30")); n != nil || x != nil {
		t.Error("zero key returned programmes")
	}
	var nilGuide *Guide
	if n, _ := nilGuide.NowNext(k, utc("2026-11-23 10:30")); n != nil {
		t.Error("nil guide returned a programme")
	}
}

func TestSchedule(t *testing.T) {
	g := parseString(t, threeShows)
	k := mustKey(t, g, "c")
	tests := []struct {
		name, from, to string
		want           string
	}{
		{"whole day", "2026-11-23 00:00", "2026-11-24 00:00", "ABCD"},
		{"starts inside A", "2026-11-23 10:30", "2026-11-23 11:10", "AB"},
		{"ends at a start excludes it", "2026-11-23 10:00", "2026-11-23 11:00", "A"},
		{"from a stop excludes the ended", "2026-11-23 11:30", "2026-11-23 12:30", "C"},
		{"inside a gap", "2026-11-23 11:35", "2026-11-23 11:55", ""},
		{"open-ended last", "2026-11-25 00:00", "2026-11-25 01:00", "D"},
		{"before", "2026-11-22 00:00", "2026-11-23 10:00", ""},
		{"empty range", "2026-11-23 10:30", "2026-11-23 10:30", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := ""
			for _, p := range g.Schedule(k, utc(tt.from), utc(tt.to)) {
				got += p.Title
			}
			if got != tt.want {
				t.Errorf("Schedule = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestMergedOverlapsKeepLaterStart(t *testing.T) {
	g := parseString(t, `<tv>
<programme start="20261123120000" stop="20261123130000" channel="c"><title>late</title></programme>
<programme start="20261123100000" stop="20261123140000" channel="c"><title>long</title></programme>
</tv>`)
	k := mustKey(t, g, "c")
	if now, _ := g.NowNext(k, utc("2026-11-23 12:30")); title(now) != "late" {
		t.Errorf("now = %s, want the later-starting programme", title(now))
	}
	if now, _ := g.NowNext(k, utc("2026-11-23 11:00")); title(now) != "long" {
		t.Errorf("now = %s, want long", title(now))
	}
}

func TestClumpedProgrammesAreAllKept(t *testing.T) {
	g := parseString(t, `<tv>
<programme start="20261123100000" channel="c" clumpidx="0/2"><title>first</title></programme>
<programme start="20261123100000" channel="c" clumpidx="1/2"><title>second</title></programme>
<programme start="20261123100000" channel="c" clumpidx="1/2"><title>second again</title></programme>
<programme start="20261123100000" channel="c"><title>repeat without clumpidx</title></programme>
<programme start="20261123110000" stop="20261123120000" channel="c"><title>after</title></programme>
</tv>`)
	k := mustKey(t, g, "c")
	got := titles(g.Schedule(k, utc("2026-11-23 10:30"), utc("2026-11-23 12:00")))
	if want := []string{"first", "second", "after"}; !slices.Equal(got, want) {
		t.Errorf("Schedule = %q, want %q", got, want)
	}
	if g.Stats.Duplicates != 2 {
		t.Errorf("%d duplicates, want 2", g.Stats.Duplicates)
	}
	now, next := g.NowNext(k, utc("2026-11-23 10:30"))
	if title(now) != "first" || title(next) != "after" {
		t.Errorf("NowNext = %s, %s; want first, after", title(now), title(next))
	}
	for _, p := range g.Schedule(k, utc("2026-11-23 10:00"), utc("2026-11-23 11:00")) {
		if !p.Stop.Equal(utc("2026-11-23 11:00")) {
			t.Errorf("%s stops at %v, want 11:00, where the next starts", p.Title, p.Stop.UTC())
		}
	}
}

func TestZeroLengthProgrammeKeepsItsStop(t *testing.T) {
	g := parseString(t, `<tv>
<programme start="20261123100000" stop="20261123110000" channel="c"><title>A</title></programme>
<programme start="20261123110000" stop="20261123110000" channel="c"><title>blip</title></programme>
</tv>`)
	k := mustKey(t, g, "c")
	for _, at := range []string{"2026-11-23 11:00", "2027-11-23 11:00"} {
		if now, _ := g.NowNext(k, utc(at)); now != nil {
			t.Errorf("at %s, %s is on now", at, now.Title)
		}
	}
	ps := g.Schedule(k, utc("2026-11-23 10:00"), utc("2026-11-23 12:00"))
	if len(ps) != 2 || !ps[1].Stop.Equal(ps[1].Start) {
		t.Errorf("Schedule = %+v, want the blip with its stop at its start", ps)
	}
}
