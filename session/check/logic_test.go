package check

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/tuner-iptv/tuner/playlist"
	"github.com/tuner-iptv/tuner/session/diagnose"
)

func TestExitCodes(t *testing.T) {
	want := map[Outcome]int{OK: 0, Failed: 1, Rejected: 3, Unusable: 4, NoSlot: 5, Unreachable: 6, BadPlaylist: 7, "": 1}
	for o, code := range want {
		if got := o.ExitCode(); got != code {
			t.Errorf("%q exits %d, want %d", o, got, code)
		}
	}
}

func TestWorstIsTheFirstFailure(t *testing.T) {
	rs := []*Report{{Outcome: OK}, {Outcome: NoSlot}, {Outcome: Rejected}}
	if got := Worst(rs); got != NoSlot {
		t.Errorf("got %q", got)
	}
	if got := Worst(rs[:1]); got != OK {
		t.Errorf("got %q", got)
	}
}

func TestLoadOutcome(t *testing.T) {
	tests := []struct {
		name string
		err  error
		want Outcome
	}{
		{"auth 0", &playlist.Error{Problem: playlist.Refused}, Rejected},
		{"401", &playlist.Error{Problem: playlist.Refused, Status: 401}, Rejected},
		{"404 playlist", &playlist.Error{Problem: playlist.Refused, Status: 404}, BadPlaylist},
		{"429", &playlist.Error{Problem: playlist.Refused, Status: 429}, Unreachable},
		{"timeout", &playlist.Error{Problem: playlist.TimedOut}, Unreachable},
		{"5xx", &playlist.Error{Problem: playlist.Unreachable, Status: 502}, Unreachable},
		{"not a playlist", &playlist.Error{Problem: playlist.NotPlaylist}, BadPlaylist},
		{"too large", &playlist.Error{Problem: playlist.TooLarge}, BadPlaylist},
		{"missing file", &playlist.Error{Problem: playlist.NotFound}, BadPlaylist},
		{"wrapped", fmt.Errorf("load: %w", &playlist.Error{Problem: playlist.TimedOut}), Unreachable},
		{"anything else", errors.New("boom"), Failed},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := LoadOutcome(tc.err); got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

func TestKindOutcome(t *testing.T) {
	want := map[diagnose.Kind]Outcome{
		diagnose.SlotOther: NoSlot, diagnose.SlotOwnEarlier: NoSlot, diagnose.IPLock: NoSlot,
		diagnose.Credentials: Rejected, diagnose.Expired: Unusable, diagnose.Banned: Unusable,
		diagnose.Disabled: Unusable, diagnose.Forbidden: Unusable, diagnose.RateLimited: Unreachable,
		diagnose.ServerFault: Unreachable, diagnose.Network: Unreachable, diagnose.Gone: BadPlaylist,
		diagnose.Unknown: Failed,
	}
	for _, k := range diagnose.Kinds() {
		if got := kindOutcome(k); got != want[k] {
			t.Errorf("%s: got %q, want %q", k, got, want[k])
		}
	}
}

func TestAccountProblem(t *testing.T) {
	now := time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		name    string
		acct    playlist.Account
		want    Outcome
		verdict string
	}{
		{"active", playlist.Account{Status: "Active", ExpiresAt: now.AddDate(0, 0, 3)}, OK, ""},
		{"active without status", playlist.Account{}, OK, ""},
		{"expired by status", playlist.Account{Status: "Expired"}, Unusable, "EXPIRED: the provider says"},
		{"expired by date", playlist.Account{Status: "Active", ExpiresAt: now.Add(-time.Hour)}, Unusable, "EXPIRED: the subscription ended on 2026-11-23"},
		{"expired by status and date", playlist.Account{Status: "Expired", ExpiresAt: now.AddDate(0, 0, -2)}, Unusable, "EXPIRED: the subscription ended on 2026-11-21"},
		{"expired by status with the date ahead", playlist.Account{Status: "Expired", ExpiresAt: time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC)}, Unusable,
			"EXPIRED: the provider says the subscription has ended, although its end date, 2027-01-01, is 38 days ahead; ask the provider which is right"},
		{"banned in lower case", playlist.Account{Status: "banned"}, Unusable, "BANNED"},
		{"disabled", playlist.Account{Status: "Disabled"}, Unusable, "DISABLED"},
		{"unknown status", playlist.Account{Status: "Paused"}, Unusable, `NOT ACTIVE: the provider says the account is "Paused"`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			o, v := accountProblem(&tc.acct, now)
			if o != tc.want || !strings.HasPrefix(v, tc.verdict) || strings.Contains(v, "ended on 2027") {
				t.Errorf("got %q %q, want %q %q", o, v, tc.want, tc.verdict)
			}
		})
	}
}

func TestOKVerdict(t *testing.T) {
	now := time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		name string
		conn *Connections
		exp  time.Time
		want string
	}{
		{"issue example", &Connections{Active: 0, Max: 1, Free: 1}, now.Add(23*24*time.Hour + time.Minute), "OK: 1 of 1 connections free, expires in 23 days"},
		{"one day", &Connections{Active: 1, Max: 2, Free: 1}, now.Add(30 * time.Hour), "OK: 1 of 2 connections free, expires in 1 day"},
		{"hours", &Connections{Active: 0, Max: 1, Free: 1}, now.Add(5 * time.Hour), "OK: 1 of 1 connections free, expires within a day"},
		{"no expiry", &Connections{Active: 0, Max: 3, Free: 3}, time.Time{}, "OK: 3 of 3 connections free, no expiry date"},
		{"no limit given", &Connections{Active: 2}, time.Time{}, "OK: 2 connections in use, limit not given, no expiry date"},
		{"nothing known", nil, time.Time{}, "OK: no expiry date"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := okVerdict(tc.conn, &playlist.Account{ExpiresAt: tc.exp}, now); got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

func TestDaysLeft(t *testing.T) {
	now := time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		exp  time.Time
		want int
	}{
		{now.Add(47 * time.Hour), 1},
		{now.Add(48 * time.Hour), 2},
		{now.Add(-time.Hour), 0},
		{now.Add(-50 * time.Hour), -2},
	} {
		if got := daysLeft(tc.exp, now); got != tc.want {
			t.Errorf("%v: got %d, want %d", tc.exp.Sub(now), got, tc.want)
		}
	}
}

func TestPlanProbes(t *testing.T) {
	tests := []struct {
		name              string
		asked, free, have int
		hls               bool
		want              int
		noted             bool
	}{
		{"default with a free slot", ProbeAuto, 1, 300, false, 1, false},
		{"default with no free slot", ProbeAuto, 0, 300, false, 0, true},
		{"explicit with no free slot", 3, 0, 300, false, 0, true},
		{"zero asked", 0, 2, 300, false, 0, false},
		{"ts probes run one after another", 3, 1, 300, false, 3, false},
		{"hls probes capped at free slots", 3, 2, 300, true, 2, true},
		{"hls within free slots", 2, 2, 300, true, 2, false},
		{"unknown limit allows one hls probe", 3, -1, 300, true, 1, true},
		{"unknown limit allows sequential ts probes", 3, -1, 300, false, 3, false},
		{"capped at the list size", 4, 4, 2, false, 2, true},
		{"capped at the maximum", 50, 10, 300, false, MaxProbes, false},
		{"empty list", ProbeAuto, 1, 0, false, 0, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			n, note := planProbes(tc.asked, tc.free, tc.have, tc.hls)
			if n != tc.want || (note != "") != tc.noted {
				t.Errorf("got %d %q, want %d (note %v)", n, note, tc.want, tc.noted)
			}
			if tc.free >= 0 && tc.hls && n > tc.free {
				t.Errorf("%d hls probes with %d free slots", n, tc.free)
			}
		})
	}
}

// fakeTime is a clock that moves only when slept on or told to.
type fakeTime struct {
	now   time.Time
	slept []time.Duration
}

func (f *fakeTime) Now() time.Time { return f.now }
func (f *fakeTime) Sleep(_ context.Context, d time.Duration) error {
	f.slept = append(f.slept, d)
	f.now = f.now.Add(d)
	return nil
}

func TestPacerSpacesRequests(t *testing.T) {
	ft := &fakeTime{now: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
	p := &pacer{gap: time.Second, now: ft.Now, sleep: ft.Sleep}
	var starts []time.Time
	req := func(took time.Duration) func() error {
		return func() error {
			starts = append(starts, ft.now)
			ft.now = ft.now.Add(took)
			return nil
		}
	}
	ctx := context.Background()
	_ = p.do(ctx, req(200*time.Millisecond)) // first: no wait
	_ = p.do(ctx, req(3*time.Second))        // waits a full gap after the first ended
	ft.now = ft.now.Add(400 * time.Millisecond)
	_ = p.do(ctx, req(0)) // 400 ms already passed: waits the rest
	ft.now = ft.now.Add(2 * time.Second)
	_ = p.do(ctx, req(0)) // gap long passed: no wait
	want := []time.Duration{time.Second, 600 * time.Millisecond}
	if fmt.Sprint(ft.slept) != fmt.Sprint(want) {
		t.Errorf("slept %v, want %v", ft.slept, want)
	}
	if len(starts) != 4 {
		t.Fatalf("%d requests ran", len(starts))
	}
}

func TestPacerStopsOnCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	p := &pacer{gap: time.Hour, now: time.Now, sleep: sleep, last: time.Now()}
	ran := false
	if err := p.do(ctx, func() error { ran = true; return nil }); err == nil || ran {
		t.Errorf("err %v, ran %v", err, ran)
	}
}
