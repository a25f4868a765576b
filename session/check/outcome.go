package check

import (
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/tuner-iptv/tuner/internal/words"

	"github.com/tuner-iptv/tuner/playlist"
	"github.com/tuner-iptv/tuner/session/diagnose"
)

// Outcome is the class of a check's result; each has its own exit code.
type Outcome string

// Outcomes, with the exit code each gives.
const (
	OK          Outcome = "ok"          // 0
	Failed      Outcome = "error"       // 1: unexpected
	Rejected    Outcome = "credentials" // 3: username or password rejected
	Unusable    Outcome = "account"     // 4: expired, banned or disabled
	NoSlot      Outcome = "no-slot"     // 5: every connection slot in use
	Unreachable Outcome = "unreachable" // 6: no answer, timed out, server fault, rate limited
	BadPlaylist Outcome = "playlist"    // 7: empty or unparseable
)

// ExitCode is the process exit code documented for tuner check. 2 (usage) is
// the command line's own and never comes from a check.
func (o Outcome) ExitCode() int {
	switch o {
	case OK:
		return 0
	case Rejected:
		return 3
	case Unusable:
		return 4
	case NoSlot:
		return 5
	case Unreachable:
		return 6
	case BadPlaylist:
		return 7
	}
	return 1
}

// Worst is the outcome a run of several checks exits with: the first that
// is not OK, so a script learns about the first source that failed.
func Worst(rs []*Report) Outcome {
	for _, r := range rs {
		if r.Outcome != OK {
			return r.Outcome
		}
	}
	return OK
}

// LoadOutcome classifies a failed API call or playlist load, for tuner check
// and for every other command that loads a source, so that one failure has
// one exit code whatever the command.
func LoadOutcome(err error) Outcome {
	var pe *playlist.Error
	if !errors.As(err, &pe) {
		return Failed
	}
	if pe.Status == http.StatusTooManyRequests {
		return Unreachable // the provider is answering, but not to us for now
	}
	switch pe.Problem {
	case playlist.Refused:
		if pe.Status == http.StatusNotFound {
			return BadPlaylist
		}
		return Rejected
	case playlist.TimedOut, playlist.Unreachable:
		return Unreachable
	case playlist.NotPlaylist, playlist.TooLarge:
		return BadPlaylist
	case playlist.NotFound:
		return BadPlaylist
	}
	return Failed
}

// kindOutcome maps a diagnosed stream refusal to an outcome.
func kindOutcome(k diagnose.Kind) Outcome {
	switch k {
	case diagnose.SlotOwnEarlier, diagnose.SlotOther, diagnose.IPLock:
		return NoSlot
	case diagnose.Credentials:
		return Rejected
	case diagnose.Expired, diagnose.Banned, diagnose.Disabled, diagnose.Forbidden:
		return Unusable
	case diagnose.RateLimited, diagnose.ServerFault, diagnose.Network:
		return Unreachable
	case diagnose.Gone:
		return BadPlaylist
	}
	return Failed
}

// accountProblem returns the outcome and verdict for an account that cannot
// be used, or OK when it can.
func accountProblem(a *playlist.Account, now time.Time) (Outcome, string) {
	st := strings.ToLower(strings.TrimSpace(a.Status))
	switch {
	case st == "banned":
		return Unusable, "BANNED: the provider has banned this account"
	case st == "disabled":
		return Unusable, "DISABLED: the provider has disabled this account"
	case st == "expired" && a.ExpiresAt.After(now):
		// Both facts, plainly: the status and the date disagree.
		d := daysLeft(a.ExpiresAt, now)
		return Unusable, fmt.Sprintf("EXPIRED: the provider says the subscription has ended, although its end date, %s, is %d %s ahead; ask the provider which is right",
			a.ExpiresAt.Format(time.DateOnly), d, words.Plural(d, "day", "days"))
	case st == "expired" || (!a.ExpiresAt.IsZero() && !a.ExpiresAt.After(now)):
		if !a.ExpiresAt.IsZero() {
			return Unusable, "EXPIRED: the subscription ended on " + a.ExpiresAt.Format(time.DateOnly) + "; renew it with the provider"
		}
		return Unusable, "EXPIRED: the provider says the subscription has ended; renew it with the provider"
	case st != "" && st != "active":
		return Unusable, fmt.Sprintf("NOT ACTIVE: the provider says the account is %q", a.Status)
	}
	return OK, ""
}

// okVerdict is the one line for an account that works.
func okVerdict(c *Connections, a *playlist.Account, now time.Time) string {
	var parts []string
	if c != nil {
		if c.Max > 0 {
			parts = append(parts, fmt.Sprintf("%d of %d connections free", c.Free, c.Max))
		} else {
			parts = append(parts, fmt.Sprintf("%d %s in use, limit not given", c.Active, words.Plural(c.Active, "connection", "connections")))
		}
	}
	parts = append(parts, expiryPhrase(a.ExpiresAt, now))
	return "OK: " + strings.Join(parts, ", ")
}

func noSlotVerdict(c *Connections) string {
	return fmt.Sprintf("NO FREE SLOT: %d of %d connections in use; stop the other device or ask the provider to end the last session",
		c.Active, c.Max)
}

func expiryPhrase(exp, now time.Time) string {
	if exp.IsZero() {
		return "no expiry date"
	}
	switch d := daysLeft(exp, now); {
	case d <= 0:
		return "expires within a day"
	case d == 1:
		return "expires in 1 day"
	default:
		return fmt.Sprintf("expires in %d days", d)
	}
}

// daysLeft counts whole days from now until exp; negative once exp passed.
func daysLeft(exp, now time.Time) int {
	d := exp.Sub(now)
	if d < 0 {
		return -int((-d).Hours() / 24)
	}
	return int(d.Hours() / 24)
}
