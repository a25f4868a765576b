package cmd

import (
	"testing"
	"time"
)

func TestUntilIsTheNextTimeToCome(t *testing.T) {
	now := time.Date(2026, 12, 2, 20, 0, 0, 0, time.Local)
	for _, tc := range []struct {
		in   string
		want time.Time
		bad  bool
	}{
		{in: "21:00", want: time.Date(2026, 12, 2, 21, 0, 0, 0, time.Local)},
		{in: "19:30", want: time.Date(2026, 12, 3, 19, 30, 0, 0, time.Local)},
		{in: "20:00", want: time.Date(2026, 12, 3, 20, 0, 0, 0, time.Local)},
		{in: "2026-12-02 23:15", want: time.Date(2026, 12, 2, 23, 15, 0, 0, time.Local)},
		{in: "2026-12-01 23:15", bad: true},
		{in: "9pm", bad: true},
	} {
		got, err := parseUntil(tc.in, now)
		if tc.bad {
			if err == nil || exitCode(err) != ExitUsage {
				t.Errorf("parseUntil(%q) = %s, %v; want a usage error", tc.in, got, err)
			}
			continue
		}
		if err != nil || !got.Equal(tc.want) {
			t.Errorf("parseUntil(%q) = %s, %v; want %s", tc.in, got, err, tc.want)
		}
	}
}

func TestForCountsFromNow(t *testing.T) {
	now := time.Date(2026, 12, 2, 20, 0, 0, 0, time.Local)
	if got, err := (recordOptions{length: 90 * time.Minute}).end(now); err != nil || !got.Equal(now.Add(90*time.Minute)) {
		t.Errorf("--for 1h30m = %s, %v", got, err)
	}
	if got, err := (recordOptions{}).end(now); err != nil || !got.IsZero() {
		t.Errorf("no end = %s, %v; want zero: until stopped", got, err)
	}
	if _, err := (recordOptions{length: -time.Minute}).end(now); err == nil {
		t.Error("--for -1m was accepted")
	}
}
