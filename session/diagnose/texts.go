package diagnose

import (
	"fmt"
	"strings"
)

func compose(k Kind, f *facts) Diagnosis {
	switch k {
	case SlotOwnEarlier:
		return slotOwn(f)
	case SlotOther:
		return slotOther(f)
	case Credentials:
		return credentials(f)
	case Expired, Banned, Disabled:
		return accountState(k, f)
	case IPLock:
		return ipLock(f)
	case RateLimited:
		return rateLimited(f)
	case Forbidden:
		return forbidden(f)
	case Gone:
		return gone(f)
	case ServerFault:
		return serverFault(f)
	case Network:
		return network(f)
	}
	return unknown(f)
}

func credentials(f *facts) Diagnosis {
	d := Diagnosis{
		Title:    "Username or password rejected",
		Evidence: lines(f.answerLine(), f.accountLine(), f.challengeLine(), f.iisLine()),
	}
	switch {
	case f.acct != nil && !f.acct.Auth:
		d.Summary = "The provider's account info does not accept this username and password."
		d.LikelyCause = "A typo in the username or password, or the provider changed them."
	case f.bearerError == "invalid_token":
		d.Summary = "The provider rejected the access token in the source."
		d.LikelyCause = "The token expired or was revoked."
	case len(f.schemes) > 0:
		d.Summary = fmt.Sprintf("The server asks for %s credentials and did not accept the ones tuner sent.",
			strings.Join(f.schemes, " or "))
		d.LikelyCause = "The playlist URL needs a username and password (or a token) that it does not carry, or carries wrong ones."
	default:
		d.Summary = fmt.Sprintf("The server refused the login (%s).", iisTexts[f.iis])
		d.LikelyCause = "Wrong credentials, or the server accepts a login method tuner does not use."
	}
	d.Advice = []string{
		"Check the username and password in the source settings (letters and case exactly as the provider sent them).",
		"Log in on the provider's website or app to see whether they still work.",
		"If they changed, update the source and retry.",
	}
	if f.bearerError == "invalid_token" {
		d.Advice = []string{"Get a fresh playlist URL or token from the provider.", "Update the source and retry."}
	}
	return d
}

func accountState(k Kind, f *facts) Diagnosis {
	d := Diagnosis{Evidence: lines(f.answerLine(), f.accountLine())}
	switch k {
	case Expired:
		d.Title = "Subscription expired"
		d.Summary = "The provider says this account has expired."
		if accountExpired(f) {
			d.Summary = fmt.Sprintf("The provider says this account expired on %s.", day(f.acct.ExpiresAt))
		}
		d.LikelyCause = "The subscription period ended."
		d.Advice = []string{"Renew the subscription with the provider.", "Then retry; nothing needs changing in tuner."}
	case Banned:
		d.Title = "Account banned"
		d.Summary = "The provider has banned this account."
		d.LikelyCause = "Providers ban accounts for sharing, too many connections or too many requests."
		d.Advice = []string{"Contact the provider to ask why and whether it can be lifted."}
	default:
		d.Title = "Account disabled"
		d.Summary = "The provider has disabled this account."
		d.LikelyCause = "An unpaid renewal, a change on the provider's side, or a manual block."
		d.Advice = []string{"Contact the provider to have the account enabled again."}
	}
	return d
}

func ipLock(f *facts) Diagnosis {
	d := Diagnosis{
		Title:    "Refused from this address",
		Evidence: lines(f.answerLine(), f.iisLine(), f.slotsLine(), f.accountLine(), f.routeLine()),
		Summary:  "The provider refused the stream although the account is valid and has a free connection.",
		LikelyCause: "Many providers lock an account to the address it was first used from, " +
			"or block VPN and data-centre addresses.",
	}
	d.Advice = []string{
		"Retry once: if another device just stopped, the slot it freed is now yours.",
		"If you use a VPN or proxy, turn it off (or use the one you used before) and retry.",
		"Otherwise ask the provider to reset the address lock on the account.",
	}
	if f.acct == nil {
		d.Summary = "The server refuses requests from this address."
		d.LikelyCause = "The address (or host name) is on the server's deny list."
		d.Advice = []string{
			"If you use a VPN or proxy, turn it off (or use the one you used before) and retry.",
			"Otherwise ask the provider to allow your address.",
		}
	}
	if f.e.RouteChanged {
		d.LikelyCause += " The public route changed since the last session, which fits this."
	}
	return d
}

func rateLimited(f *facts) Diagnosis {
	wait := DefaultCoolDown
	if f.hasRetryAfter {
		wait = f.retryAfter
	}
	return Diagnosis{
		Title:   "Too many requests",
		Summary: "The provider asks tuner to slow down and refuses requests from this address for now.",
		LikelyCause: "Many requests in a short time from this address, from tuner, another app, " +
			"or another device behind the same router.",
		Evidence: lines(f.answerLine(), f.iisLine(), f.retryLine()),
		Advice: []string{
			fmt.Sprintf("Wait %s before trying again; retrying sooner can extend the block or get the address banned.", human(wait)),
			"Close other IPTV apps that may be polling the same provider.",
		},
		RetryAfter: wait,
	}
}

func forbidden(f *facts) Diagnosis {
	d := Diagnosis{
		Title:    "Access forbidden",
		Summary:  fmt.Sprintf("The provider refused the stream with %s.", statusText(f.status)),
		Evidence: lines(f.answerLine(), f.iisLine(), f.accountErrLine(), f.routeLine()),
		LikelyCause: "The account may be expired, banned or disabled, the channel may not be in your " +
			"package, or the provider blocks this address.",
		Advice: []string{
			"Check the account's status on the provider's website or app.",
			"Try another channel: if only this one fails, it is not in your package.",
			"If you use a VPN, try without it.",
		},
	}
	if f.iis != "" {
		d.Summary = fmt.Sprintf("The server refused access: %s.", iisTexts[f.iis])
		d.LikelyCause = "The server's own access rules do not allow this request."
	}
	return d
}

func gone(f *facts) Diagnosis {
	if f.e.Replay {
		return goneReplay(f)
	}
	if title := f.titleKind(); title != "" {
		return goneTitle(f, title)
	}
	return Diagnosis{
		Title:       "Channel not found",
		Summary:     fmt.Sprintf("The provider answered %s for this channel.", statusText(f.status)),
		LikelyCause: "The channel was removed or renumbered since the playlist was loaded.",
		Evidence:    lines(f.answerLine()),
		Advice: []string{
			"Reload the playlist (its channel list may be out of date).",
			"Look for the channel under its new name or in another group.",
		},
	}
}

// goneReplay is a 404 or a 400 for a replay: the programme has left the
// archive, or the provider never kept it.
func goneReplay(f *facts) Diagnosis {
	keeps := "this channel's archive"
	if n := f.e.ArchiveDays; n > 0 {
		keeps = fmt.Sprintf("this channel keeps %d day%s", n, plural(n))
	}
	return Diagnosis{
		Title:       "No longer in the archive",
		Summary:     fmt.Sprintf("The provider answered %s for this replay: the programme is no longer in the archive (%s).", statusText(f.status), keeps),
		LikelyCause: "The programme aired longer ago than the archive reaches, or the provider did not record it.",
		Evidence:    lines(f.answerLine()),
		Advice: []string{
			"Choose a programme that aired more recently, or watch the channel live.",
		},
	}
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// goneTitle is a 404 for a movie or an episode: a title leaves a panel's
// catalogue as a whole, so no other name or group will find it again.
func goneTitle(f *facts, title string) Diagnosis {
	return Diagnosis{
		Title:       "No longer in the catalogue",
		Summary:     fmt.Sprintf("The provider answered %s for this %s: it is no longer in the provider's catalogue.", statusText(f.status), title),
		LikelyCause: "The provider removed the " + title + " (or replaced it with another copy) since the catalogue was loaded.",
		Evidence:    lines(f.answerLine()),
		Advice: []string{
			"Reload the catalogue: a new copy may be listed under a new entry.",
			"Ask the provider whether the " + title + " comes back.",
		},
	}
}

func serverFault(f *facts) Diagnosis {
	d := Diagnosis{
		Title:       "Provider server error",
		Summary:     fmt.Sprintf("The provider's server failed with %s.", statusText(f.status)),
		LikelyCause: "A fault or overload on the provider's side; nothing on this machine.",
		Evidence:    lines(f.answerLine(), f.retryLine()),
		Advice: []string{
			"Try again in a few minutes.",
			"If it lasts, tell the provider: their server is answering with errors.",
		},
	}
	if f.hasRetryAfter {
		d.RetryAfter = f.retryAfter
		d.Advice[0] = fmt.Sprintf("Try again in %s, as the server asks.", human(f.retryAfter))
	}
	return d
}

func unknown(f *facts) Diagnosis {
	d := Diagnosis{
		Title:       "Stream refused",
		Summary:     "The provider did not serve the stream.",
		LikelyCause: "tuner cannot tell why from the provider's answer.",
		Evidence:    lines(f.answerLine(), f.slotsLine(), f.accountLine(), f.accountErrLine()),
		Advice: []string{
			"Retry once.",
			"Try another channel to see whether the whole account is affected.",
			"If it persists, contact the provider with the details below.",
		},
	}
	if f.status != 0 {
		d.Summary = fmt.Sprintf("The provider refused the stream with %s.", statusText(f.status))
	}
	return d
}
