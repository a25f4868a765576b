package schedule

import "testing"

func TestSoonWarnsWithinTheWindowOnly(t *testing.T) {
	match := entry("The Match", "21:00", "22:00") // padded start 20:58
	other := entry("Elsewhere", "21:00", "22:00")
	other.Account = "bob@prov:8080"
	done := entry("Earlier", "20:59", "21:30")
	done.State = Done
	match.State, other.State = Scheduled, Scheduled
	all := []Entry{match, other, done}
	for _, tc := range []struct {
		now  string
		want int
	}{{"20:54", 0}, {"20:55", 1}, {"20:57", 1}, {"20:58", 0}} {
		got := Soon(all, match.Account, at(tc.now), WarnBefore)
		if len(got) != tc.want || tc.want == 1 && got[0].Title != "The Match" {
			t.Errorf("at %s: %d entries, want %d", tc.now, len(got), tc.want)
		}
	}
	if got := Soon(all, "", at("20:57"), WarnBefore); len(got) != 2 {
		t.Errorf("any account: %d, want 2", len(got))
	}
}
