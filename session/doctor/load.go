package doctor

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"time"

	"github.com/tuner-iptv/tuner/playlist"
	"github.com/tuner-iptv/tuner/session/diagnose"
)

// checkAdvice points to the command that tests an account without a stream.
const checkAdvice = "Run `tuner check` to test the account without opening a stream."

// DiagnoseLoad explains an account the provider will not serve at all,
// found while loading its source, before any stream is asked for: err is
// the load's error, acct the account a load that worked carries. Only the
// sources with account info (Xtream) are explained; see LoadReport for
// which answers. It asks the provider nothing: the load's answer is the
// evidence.
func (d *Doctor) DiagnoseLoad(_ context.Context, source string, acct *playlist.Account, err error) (Report, bool) {
	if _, ok := d.opts.Accounts[source]; !ok {
		return Report{}, false
	}
	rep, ok := LoadReport(source, acct, err, d.opts.Now())
	if !ok {
		return Report{}, false
	}
	rep.Contact.ProviderContact = d.opts.Contacts[source]
	d.log.Info("diagnosed at load", "source", source, "kind", rep.Kind.String())
	return rep, true
}

// LoadReport is the diagnosis of an Xtream account from its load alone:
// credentials rejected when err says so (auth 0, or player_api.php refused
// with 401 or 403), or the account expired, banned or disabled when acct
// says so. ok is false for anything else (an unreachable panel, a network
// fault, an active account), which the status bar says well enough. It is
// pure: no I/O.
func LoadReport(source string, acct *playlist.Account, err error, now time.Time) (Report, bool) {
	e := diagnose.Evidence{Source: diagnose.SourceXtream, Now: now}
	switch {
	case err != nil:
		if !credentialsRejected(err) {
			return Report{}, false
		}
		user, host := splitSource(source)
		e.Account = &playlist.Account{Server: host, Username: user} // Auth false
	case acct != nil && accountClosed(acct):
		e.Account = acct
	default:
		return Report{}, false
	}
	rep := Report{Diagnosis: diagnose.Diagnose(e), Facts: e, Contact: diagnose.NewContactInfo(e)}
	if rep.Kind == diagnose.Credentials {
		// The account line would claim an auth 0 answer; the load's own
		// error says what the panel did answer.
		rep.Evidence = []string{"loading the account: " + playlist.MaskURL(err.Error())}
		rep.Advice = append(rep.Advice, checkAdvice)
	}
	return rep, true
}

// credentialsRejected is how the Xtream client reports wrong credentials:
// Refused with auth 0 (no status) or with the 401 or 403 panels answer for
// them.
func credentialsRejected(err error) bool {
	var pe *playlist.Error
	if !errors.As(err, &pe) || pe.Problem != playlist.Refused {
		return false
	}
	return pe.Status == 0 || pe.Status == http.StatusUnauthorized || pe.Status == http.StatusForbidden
}

// accountClosed reports an account the provider says it no longer serves.
// The expiry date alone does not count: a clock that is off would close an
// account the provider still serves.
func accountClosed(a *playlist.Account) bool {
	for _, s := range []string{"Expired", "Banned", "Disabled"} {
		if strings.EqualFold(a.Status, s) {
			return true
		}
	}
	return false
}

// splitSource reads the "user@host" an Xtream source is named by; the host
// holds no '@', the username may.
func splitSource(source string) (user, host string) {
	i := strings.LastIndexByte(source, '@')
	if i < 0 {
		return "", source
	}
	return source[:i], source[i+1:]
}
