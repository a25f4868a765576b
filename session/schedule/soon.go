package schedule

import "time"

// WarnBefore is how long before a scheduled recording's padded start a
// person watching on the same account is told it will take the slot.
const WarnBefore = 3 * time.Minute

// Soon are the scheduled entries of account whose padded start comes
// within the next `within` (already started ones are the recorder's), by
// start: what a screen warns about. An empty account means any.
func Soon(all []Entry, account string, now time.Time, within time.Duration) []Entry {
	var out []Entry
	for _, e := range all {
		if e.State != Scheduled || account != "" && e.Account != account {
			continue
		}
		if from := e.From(); from.After(now) && !from.After(now.Add(within)) {
			out = append(out, e)
		}
	}
	sortEntries(out)
	return out
}
