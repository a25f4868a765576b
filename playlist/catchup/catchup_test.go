package catchup

import (
	"errors"
	"strings"
	"testing"
	"time"
	_ "time/tzdata" // the zones below, on a machine without a zone database

	"github.com/tuner-iptv/tuner/playlist"
)

// The programme of every example: Monday 30 November 2026, 20:00 to 21:00
// UTC (1796068800 to 1796072400), replayed the next morning at 10:00 UTC
// (1796119200), 14 hours or 840 minutes after it began.
var (
	start = time.Date(2026, 11, 30, 20, 0, 0, 0, time.UTC)
	stop  = start.Add(time.Hour)
	now   = time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC)
)

func channel(url string, x playlist.Extra) playlist.Channel {
	return playlist.Channel{Name: "Sport 1", URL: url, Extra: &x}
}

// Every mode, with examples written from the descriptions in Kodi's IPTV
// Simple documentation.
func TestReplayURLForEveryMode(t *testing.T) {
	for _, tc := range []struct {
		name string
		url  string
		x    playlist.Extra
		hdr  playlist.Attributes
		want string
	}{
		{"default: the source is the whole URL",
			"http://path-to-stream/live/channel-b.ts",
			playlist.Extra{Catchup: "default", CatchupDays: "3", CatchupSource: "http://path-to-stream/live/catchup-b.ts&cutv={Y}-{m}-{d}T{H}:{M}:{S}"},
			playlist.Attributes{},
			"http://path-to-stream/live/catchup-b.ts&cutv=2026-11-30T20:00:00"},
		{"default: start and duration, Flussonic written by hand",
			"http://yoururl/channeld/video.m3u8",
			playlist.Extra{Catchup: "default", CatchupDays: "1", CatchupSource: "http://yoururl/channeld/video-{utc}-{duration}.m3u8"},
			playlist.Attributes{},
			"http://yoururl/channeld/video-1796068800-3600.m3u8"},
		{"append: the source goes after the channel URL",
			"http://path-to-stream/live/channel-c.ts",
			playlist.Extra{Catchup: "append", CatchupDays: "3", CatchupSource: "&cutv={Y}-{m}-{d}T{H}:{M}:{S}"},
			playlist.Attributes{},
			"http://path-to-stream/live/channel-c.ts?cutv=2026-11-30T20:00:00"},
		{"append onto a URL with a query",
			"http://h/live/c.ts?token=abc",
			playlist.Extra{Catchup: "append", CatchupDays: "3", CatchupSource: "?start={utc}&end={utcend}"},
			playlist.Attributes{},
			"http://h/live/c.ts?token=abc&start=1796068800&end=1796072400"},
		{"shift: SIPTV's query",
			"http://path-to-stream/live/channel-d.ts",
			playlist.Extra{Catchup: "shift", CatchupDays: "3"},
			playlist.Attributes{},
			"http://path-to-stream/live/channel-d.ts?utc=1796068800&lutc=1796119200"},
		{"shift onto a URL with a query",
			"http://h/d.ts?u=1",
			playlist.Extra{Catchup: "shift", CatchupDays: "3"},
			playlist.Attributes{},
			"http://h/d.ts?u=1&utc=1796068800&lutc=1796119200"},
		{"the header's mode applies to an entry that says none",
			"http://h/e.ts",
			playlist.Extra{CatchupDays: "2"},
			playlist.Attributes{Catchup: "append", CatchupSource: "?offset={offset:60}&d={duration:60}"},
			"http://h/e.ts?offset=840&d=60"},
		{"formatted stamps",
			"http://h/f.ts",
			playlist.Extra{Catchup: "append", CatchupDays: "7", CatchupSource: "?start={utc:YmdHM}&end=${end:Ymd-H-M}&now=${timestamp}"},
			playlist.Attributes{},
			"http://h/f.ts?start=202611302000&end=20261130-21-00&now=1796119200"},
		{"${start} and ${end}, and {lutc:...}",
			"http://h/g.ts",
			playlist.Extra{Catchup: "default", CatchupDays: "7", CatchupSource: "http://h/arch?s=${start}&e=${end}&l={lutc:H-M}"},
			playlist.Attributes{},
			"http://h/arch?s=1796068800&e=1796072400&l=10-00"},
		{"flussonic HLS",
			"http://list.tv:8888/325/mono.m3u8?token=secret",
			playlist.Extra{Catchup: "fs", CatchupDays: "3"},
			playlist.Attributes{},
			"http://list.tv:8888/325/mono-1796068800-3600.m3u8?token=secret"},
		{"flussonic-hls index",
			"http://list.tv:8888/325/index.m3u8",
			playlist.Extra{Catchup: "flussonic-hls", CatchupDays: "3"},
			playlist.Attributes{},
			"http://list.tv:8888/325/index-1796068800-3600.m3u8"},
		{"flussonic-ts",
			"http://list.tv:8888/325/mpegts?token=secret",
			playlist.Extra{Catchup: "flussonic-ts", CatchupDays: "3"},
			playlist.Attributes{},
			"http://list.tv:8888/325/archive-1796068800-3600.ts?token=secret"},
		{"flussonic on a panel's bare URL is Xtream's form",
			"http://list.tv:8080/my@account.xc/my_password/1477",
			playlist.Extra{Catchup: "fs", CatchupDays: "3"},
			playlist.Attributes{},
			"http://list.tv:8080/timeshift/my@account.xc/my_password/60/2026-11-30:20-00/1477.ts"},
		{"xc, TS",
			"http://list.tv:8080/live/alice/***/1477.ts",
			playlist.Extra{Catchup: "xc", CatchupDays: "3"},
			playlist.Attributes{},
			"http://list.tv:8080/timeshift/alice/***/60/2026-11-30:20-00/1477.ts"},
		{"xc, HLS",
			"http://list.tv:8080/live/my@account.xc/my_password/1477.m3u8",
			playlist.Extra{Catchup: "xc", CatchupDays: "3"},
			playlist.Attributes{},
			"http://list.tv:8080/timeshift/my@account.xc/my_password/60/2026-11-30:20-00/1477.m3u8"},
		{"vod: the source plays like a file",
			"http://path-to-stream/live/channel-j.ts",
			playlist.Extra{Catchup: "vod", CatchupDays: "3", CatchupSource: "http://path-to-stream/live/catchup-j.ts&cutv={Y}-{m}-{d}T{H}:{M}:{S}"},
			playlist.Attributes{},
			"http://path-to-stream/live/catchup-j.ts&cutv=2026-11-30T20:00:00"},
		{"default without a source appends it as Kodi does",
			"http://h/a.ts",
			playlist.Extra{Catchup: "default", CatchupDays: "3"},
			playlist.Attributes{CatchupSource: "?utc={utc}"},
			"http://h/a.ts?utc=1796068800"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ch := channel(tc.url, tc.x)
			got, err := Replay(ch, SpecOf(ch, tc.hdr), start, stop, now, nil)
			if err != nil {
				t.Fatal(err)
			}
			if got.URL != tc.want {
				t.Errorf("URL\n got %s\nwant %s", got.URL, tc.want)
			}
			if got.Kind() != playlist.KindReplay || !got.ItemInfo().Aired.Equal(start) || got.ItemInfo().Seconds != 3600 {
				t.Errorf("the replay does not say what it is: kind %v, item %+v", got.Kind(), got.ItemInfo())
			}
			if ch.Extra.Kind != playlist.KindLive {
				t.Error("making the replay changed the live channel")
			}
		})
	}
}

// The start of an Xtream replay is written in the provider's zone, across
// a daylight-saving change too: Europe's clocks went forward at 01:00 UTC
// on 29 March 2026.
func TestXtreamReplayStartsInTheProvidersZone(t *testing.T) {
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	ch := channel("http://p.test:8080/live/alice/***/7.ts", playlist.Extra{Catchup: "xc", CatchupDays: "7"})
	for _, tc := range []struct {
		start time.Time
		want  string
	}{
		{start, "2026-11-30:21-00"}, // winter: UTC+1
		{time.Date(2026, 3, 29, 0, 30, 0, 0, time.UTC), "2026-03-29:01-30"},
		{time.Date(2026, 3, 29, 1, 30, 0, 0, time.UTC), "2026-03-29:03-30"}, // summer: UTC+2
		{time.Date(2026, 10, 25, 0, 30, 0, 0, time.UTC), "2026-10-25:02-30"},
		{time.Date(2026, 10, 25, 1, 30, 0, 0, time.UTC), "2026-10-25:02-30"}, // the hour that comes twice
	} {
		at := tc.start.Add(2 * time.Hour)
		got, err := Replay(ch, SpecOf(ch, playlist.Attributes{}), tc.start, tc.start.Add(45*time.Minute), at, berlin)
		if err != nil {
			t.Fatal(err)
		}
		want := "http://p.test:8080/timeshift/alice/***/45/" + tc.want + "/7.ts"
		if got.URL != want {
			t.Errorf("%v: got %s, want %s", tc.start, got.URL, want)
		}
	}
}

func TestCatchupCorrectionMovesTheTimesAsked(t *testing.T) {
	ch := channel("http://h/c.ts", playlist.Extra{Catchup: "append", CatchupDays: "3", CatchupSource: "?t={H}:{M}&u={utc}"})
	got, err := Replay(ch, SpecOf(ch, playlist.Attributes{CatchupShift: "-4.0"}), start, stop, now, nil)
	if err != nil {
		t.Fatal(err)
	}
	if want := "http://h/c.ts?t=16:00&u=1796054400"; got.URL != want {
		t.Errorf("got %s, want %s", got.URL, want)
	}
	if Hours("+2.5") != 150*time.Minute || Hours("x") != 0 || Hours("99") != 0 {
		t.Error("Hours misreads a correction")
	}
}

func TestNothingOutsideTheWindowIsOffered(t *testing.T) {
	ch := channel("http://h/d.ts", playlist.Extra{Catchup: "shift", CatchupDays: "1"})
	spec := SpecOf(ch, playlist.Attributes{})
	for name, when := range map[string][2]time.Time{
		"older than the archive": {now.Add(-25 * time.Hour), now.Add(-24 * time.Hour)},
		"not begun":              {now.Add(time.Hour), now.Add(2 * time.Hour)},
	} {
		if _, err := Replay(ch, spec, when[0], when[1], now, nil); !errors.Is(err, ErrNoArchive) {
			t.Errorf("%s: %v, want ErrNoArchive", name, err)
		}
	}
	if !spec.Offered(now.Add(-time.Minute), now.Add(time.Hour), now) {
		t.Error("the programme on now is not offered from its start")
	}
	for name, x := range map[string]playlist.Extra{
		"no mode":         {CatchupDays: "3"},
		"no days":         {Catchup: "shift"},
		"an unknown mode": {Catchup: "magic", CatchupDays: "3"},
	} {
		if w := Window(channel("http://h/x.ts", x)); w != 0 {
			t.Errorf("%s: a window of %v", name, w)
		}
	}
	if Window(channel("http://h/x.ts", playlist.Extra{Catchup: "xc", CatchupDays: "7"})) != 7*24*time.Hour {
		t.Error("a seven-day archive is not seven days")
	}
}

func TestATemplateWithAProgrammeIDIsRefused(t *testing.T) {
	ch := channel("http://h/k.ts", playlist.Extra{Catchup: "vod", CatchupDays: "3", CatchupSource: "{catchup-id}"})
	if _, err := Replay(ch, SpecOf(ch, playlist.Attributes{}), start, stop, now, nil); err == nil {
		t.Error("a replay was made without the programme id the template needs")
	}
}

// FuzzReplay holds that no channel or template makes Replay panic, and that
// the password's placeholder reaches the replay URL as written, for the
// account to fill in.
//
//	go test -run '^$' -fuzz FuzzReplay -fuzztime 30s ./playlist/catchup/
func FuzzReplay(f *testing.F) {
	f.Add("http://h:8080/live/u/***/1.ts", "xc", "")
	f.Add("http://h/325/mono.m3u8?token=***", "fs", "")
	f.Add("http://h/c.ts", "append", "?t={utc:YmdHMS}&d={duration:60}&o={offset:0}")
	f.Add("http://h/c.ts", "default", "http://h/${start}-${end:Y}{catchup-id}{")
	f.Fuzz(func(t *testing.T, url, mode, source string) {
		ch := channel(url, playlist.Extra{Catchup: mode, CatchupDays: "2", CatchupSource: source})
		got, err := Replay(ch, SpecOf(ch, playlist.Attributes{}), start, stop, now, time.UTC)
		if err != nil {
			return
		}
		if mode == "xc" && !strings.Contains(got.URL, "/***/") && strings.Contains(url, "/***/") {
			t.Fatalf("the placeholder was lost: %s from %s", got.URL, url)
		}
	})
}

func TestZoneIsTheAccountsOwn(t *testing.T) {
	if z := Zone(&playlist.Account{Timezone: "America/New_York"}); z == nil || z.String() != "America/New_York" {
		t.Errorf("zone %v", z)
	}
	for _, a := range []*playlist.Account{nil, {}, {Timezone: "Mars/Olympus"}, {Timezone: "../../etc/passwd"}} {
		if z := Zone(a); z != nil {
			t.Errorf("%+v: zone %v, want none", a, z)
		}
	}
}
