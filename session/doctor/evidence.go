package doctor

import (
	"net/url"

	"github.com/tuner-iptv/tuner/playlist"
	"github.com/tuner-iptv/tuner/session"
	"github.com/tuner-iptv/tuner/session/diagnose"
	"github.com/tuner-iptv/tuner/session/lease"
)

// history is tuner's own lease history on the account, as facts for the
// diagnosis, without the lease of the refused attempt itself: that one was
// taken and given back around the refusal and explains nothing.
func (d *Doctor) history(provider, user string, r *session.Refusal) []diagnose.LeaseFact {
	if d.opts.Store == nil || provider == "" {
		return nil
	}
	ls, err := session.History(d.opts.Store, session.Account{Provider: provider, Username: user})
	if err != nil {
		d.log.Warn("lease history unreadable", "err", err)
		return nil
	}
	self := lease.Self()
	var out []diagnose.LeaseFact
	for _, l := range ls {
		if refusedAttempt(l, r, self) {
			continue
		}
		out = append(out, diagnose.LeaseFact{
			Channel: l.Channel, StartedAt: l.StartedAt, ReleasedAt: l.ReleasedAt,
			How: diagnose.ParseRelease(string(l.How)), HLS: l.HLS,
			// Gate and player are recorded only once the provider served
			// the stream; a refused attempt has neither.
			Opened: l.Gate != "" || !l.Player.IsZero(),
		})
	}
	return out
}

// refusedAttempt reports whether l is this process's lease on the refused
// URL that was open when the refusal came.
func refusedAttempt(l lease.Lease, r *session.Refusal, self lease.Proc) bool {
	if r == nil || l.Tuner != self || l.URL != r.URL {
		return false
	}
	if r.At.IsZero() {
		return true
	}
	return !l.StartedAt.After(r.At) && (l.ReleasedAt.IsZero() || !l.ReleasedAt.Before(r.At))
}

// accountOf is the provider host and username leases record for ch: from
// the account info when there is one, else from the channel's URL.
func accountOf(ch playlist.Channel, a *playlist.Account) (provider, user string) {
	if u, err := url.Parse(ch.URL); err == nil {
		provider, user = u.Host, session.UsernameOf(u)
	}
	if a != nil {
		if u, err := url.Parse(a.Server); err == nil && u.Host != "" {
			provider = u.Host
		}
		if a.Username != "" {
			user = a.Username
		}
	}
	return provider, user
}
