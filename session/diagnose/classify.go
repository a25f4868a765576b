package diagnose

import (
	"net/http"
	"strings"
)

// classify decides the kind. The order matters: a failure without any answer
// first, then what the account itself says (the root cause whatever the
// stream answered), then the stream's status from most to least specific.
func classify(f *facts) Kind {
	if f.e.Refusal == nil && f.acct == nil {
		return Unknown
	}
	if f.net != netNone {
		return Network
	}
	if k, ok := accountKind(f); ok {
		return k
	}
	if k, ok := statusKind(f); ok {
		return k
	}
	return slotKind(f)
}

// accountKind is what the account info settles on its own.
func accountKind(f *facts) (Kind, bool) {
	a := f.acct
	if a == nil {
		return Unknown, false
	}
	switch {
	case !a.Auth:
		return Credentials, true
	case strings.EqualFold(a.Status, "Banned"):
		return Banned, true
	case strings.EqualFold(a.Status, "Disabled"):
		return Disabled, true
	case strings.EqualFold(a.Status, "Expired"), accountExpired(f):
		return Expired, true
	}
	return Unknown, false
}

func accountExpired(f *facts) bool {
	return f.acct != nil && !f.acct.ExpiresAt.IsZero() && f.acct.ExpiresAt.Before(f.now)
}

// statusKind covers the answers whose meaning does not depend on the slots.
func statusKind(f *facts) (Kind, bool) {
	switch {
	case f.status == http.StatusTooManyRequests, f.iis == "401.501", f.iis == "401.502":
		return RateLimited, true
	case f.iis == "401.503", f.iis == "401.504":
		return IPLock, true // IIS deny lists of addresses and host names
	case f.status == http.StatusNotFound, f.status == http.StatusGone:
		return Gone, true
	case f.status == http.StatusBadRequest && f.e.Replay:
		return Gone, true // panels answer 400 for a start outside the archive
	case f.status >= 500:
		return ServerFault, true
	case f.iis == "401.1", f.iis == "401.2":
		return Credentials, true
	case f.iis != "":
		return Forbidden, true // 401.3-401.5 and 401.7: ACL, filter, application, URL policy
	case f.status == http.StatusUnauthorized && len(f.schemes) > 0 && f.e.Source != SourceXtream:
		return Credentials, true
	}
	return Unknown, false
}

// slotKind handles 401, 403 and other refusals, where an occupied slot is
// the usual reason.
func slotKind(f *facts) Kind {
	switch {
	case f.full, f.bodySaysLimit && f.acct == nil: // account numbers beat words
		return ownOr(f, SlotOther)
	case f.acct != nil && isAuthRefusal(f.status):
		return IPLock // the account shows a free slot, yet this address is refused
	case f.status == http.StatusUnauthorized:
		// How panels answer a full account; unconfirmed without account info.
		return ownOr(f, SlotOther)
	case f.status == http.StatusForbidden:
		return Forbidden
	}
	return Unknown
}

func ownOr(f *facts, k Kind) Kind {
	if f.ownWhy != ownNone {
		return SlotOwnEarlier
	}
	return k
}

func isAuthRefusal(status int) bool {
	return status == http.StatusUnauthorized || status == http.StatusForbidden
}
