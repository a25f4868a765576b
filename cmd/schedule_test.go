package cmd

import (
	"strings"
	"testing"
	"time"

	"github.com/tuner-iptv/tuner/playlist"
	"github.com/tuner-iptv/tuner/session"
)

func TestScheduleEntryKeepsNoPassword(t *testing.T) {
	ch := playlist.Channel{Name: "News", Source: "home", URL: "http://iptv.example:8080/live/alice/Secr3t-pw/7.ts",
		Extra: &playlist.Extra{StreamID: "7"}}
	e := scheduleEntry(ch, session.Account{}, "Late News")
	if strings.Contains(e.URL, "Secr3t-pw") || e.StreamID != "7" || e.Account != "iptv.example:8080" || e.Limit != 1 {
		t.Errorf("entry %+v", e)
	}
	e = scheduleEntry(ch, session.Account{Provider: "iptv.example:8080", Username: "alice", Limit: 3}, "")
	if e.Account != "alice@iptv.example:8080" || e.Limit != 3 {
		t.Errorf("with an account: %+v", e)
	}
}

func TestParseAt(t *testing.T) {
	now := time.Date(2026, 12, 2, 20, 0, 0, 0, time.Local)
	for in, want := range map[string]time.Time{
		"+10m":             now.Add(10 * time.Minute),
		"21:00":            now.Add(time.Hour),
		"19:00":            now.Add(23 * time.Hour),
		"2026-12-03 06:30": time.Date(2026, 12, 3, 6, 30, 0, 0, time.Local),
	} {
		if got, err := parseAt(in, now); err != nil || !got.Equal(want) {
			t.Errorf("%s: %v, %v; want %v", in, got, err, want)
		}
	}
	for _, bad := range []string{"", "+-5m", "tonight", "2026-12-01 10:00"} {
		if _, err := parseAt(bad, now); err == nil {
			t.Errorf("%q was read as a time", bad)
		}
	}
}

func TestSystemdWord(t *testing.T) {
	for in, want := range map[string]string{
		"/usr/local/bin/tuner": "/usr/local/bin/tuner",
		"/home/a b/bin/tuner":  `"/home/a b/bin/tuner"`,
		"/opt/100%/tuner":      "/opt/100%%/tuner",
		`/odd"dir\tuner`:       `"/odd\"dir\\tuner"`,
	} {
		if got := systemdWord(in); got != want {
			t.Errorf("%s: %s, want %s", in, got, want)
		}
	}
}
