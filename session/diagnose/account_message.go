package diagnose

import (
	"fmt"
	"strings"

	"github.com/tuner-iptv/tuner/playlist"
)

// IsAccount reports a refusal of the account itself, which only the
// provider can lift: expired, banned or disabled.
func (k Kind) IsAccount() bool { return k == Expired || k == Banned || k == Disabled }

// MessageFor is the ready message for the provider about a refusal of
// kind k: about the account for an expired, banned or disabled one, and
// otherwise the request to end the last connected session.
func MessageFor(k Kind, c ContactInfo) string {
	if !k.IsAccount() {
		return ContactMessage(c)
	}
	return AccountMessage(k, c)
}

// AccountMessage is a ready message asking the provider about an account
// that is expired, banned or disabled. Like ContactMessage it never
// carries a password.
func AccountMessage(k Kind, c ContactInfo) string {
	user := orUnknown(truncate(playlist.OneLine(c.Username), 80))
	host := orUnknown(hostOf(c.ProviderHost))
	var b strings.Builder
	if to := playlist.MaskURL(playlist.OneLine(c.ProviderContact)); to != "" {
		fmt.Fprintf(&b, "To: %s\n", to)
	}
	state := map[Kind]string{Expired: "expired", Banned: "banned", Disabled: "disabled"}[k]
	fmt.Fprintf(&b, "Subject: Account %s shown as %s\n\n", user, state)
	b.WriteString("Hello,\n\n")
	fmt.Fprintf(&b, "My account %s on %s is shown as %s and refuses to play%s.", user, host, state, refusedWith(c.Status))
	if k == Expired {
		b.WriteString(" Could you please tell me how to renew it, or check the expiry date if I renewed already?\n\n")
	} else {
		b.WriteString(" Could you please tell me why, and what I need to do to use it again?\n\n")
	}
	b.WriteString("What I saw:\n")
	facts := contactFacts(c, user, host)
	if !c.ExpiresAt.IsZero() {
		facts = append(facts, "expiry date: "+day(c.ExpiresAt))
	}
	for _, l := range facts {
		fmt.Fprintf(&b, "- %s\n", l)
	}
	b.WriteString("\nThank you.\n")
	return b.String()
}
