package diagnose

import (
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/tuner-iptv/tuner/playlist"
)

// ContactInfo is what the message to the provider says. It has no password
// field on purpose: the message is copied, saved and sent to a third party.
type ContactInfo struct {
	Username      string
	ProviderHost  string    // host[:port]; a URL is reduced to its host
	When          time.Time // when the stream was refused
	Status        int       // HTTP status tuner saw, 0 if none
	InUse         int       // connections the provider counts; with Allowed 0, unknown
	Allowed       int
	LastCleanStop time.Time // tuner's last clean stop on this account, zero if none
	ExpiresAt     time.Time // when the account expires or expired, zero if unknown
	// ProviderContact is the provider's address for support (an e-mail, a
	// web page) from the source's settings, if set.
	ProviderContact string
}

// NewContactInfo fills a ContactInfo from the evidence of an occupied slot.
// The username comes from the account info or else from the masked stream URL.
func NewContactInfo(e Evidence) ContactInfo {
	c := ContactInfo{When: e.Now, LastCleanStop: latestClean(e.Own)}
	if r := e.Refusal; r != nil {
		c.Status = r.Status
		if !r.At.IsZero() {
			c.When = r.At
		}
		c.ProviderHost = hostOf(r.URL)
		c.Username = userOf(r.URL)
	}
	if a := e.Account; a != nil {
		if a.Username != "" {
			c.Username = a.Username
		}
		if h := hostOf(a.Server); h != "" {
			c.ProviderHost = h
		}
		c.InUse, c.Allowed = a.ActiveConnections, a.MaxConnections
		c.ExpiresAt = a.ExpiresAt
	}
	return c
}

// ContactMessage is a ready message asking the provider to end the last
// connected session on the account. It never carries a password: none is
// given to it, and any host or contact text is reduced or masked.
func ContactMessage(c ContactInfo) string {
	user := orUnknown(truncate(playlist.OneLine(c.Username), 80))
	host := orUnknown(hostOf(c.ProviderHost))
	var b strings.Builder
	if to := playlist.MaskURL(playlist.OneLine(c.ProviderContact)); to != "" {
		fmt.Fprintf(&b, "To: %s\n", to)
	}
	fmt.Fprintf(&b, "Subject: Please end the last connected session on account %s\n\n", user)
	b.WriteString("Hello,\n\n")
	fmt.Fprintf(&b, "My account %s on %s is refused new streams%s, ", user, host, refusedWith(c.Status))
	b.WriteString("although none of my devices is playing. A session that dropped without stopping " +
		"seems to still hold the connection.\n\n")
	b.WriteString("Could you please end (kick) the last connected session on this account so I can connect again?\n\n")
	b.WriteString("What I saw:\n")
	for _, l := range contactFacts(c, user, host) {
		fmt.Fprintf(&b, "- %s\n", l)
	}
	b.WriteString("\nThank you.\n")
	return b.String()
}

func contactFacts(c ContactInfo, user, host string) []string {
	out := []string{"account: " + user, "server: " + host}
	if !c.When.IsZero() {
		out = append(out, "time: "+stamp(c.When))
	}
	if c.Status != 0 {
		out = append(out, "answer: "+statusText(c.Status))
	}
	if c.Allowed > 0 {
		out = append(out, fmt.Sprintf("connections in use: %d of %d allowed", c.InUse, c.Allowed))
	}
	if !c.LastCleanStop.IsZero() {
		out = append(out, "my player's last clean stop: "+stamp(c.LastCleanStop))
	}
	return out
}

func refusedWith(status int) string {
	if status == 0 {
		return ""
	}
	return fmt.Sprintf(" (HTTP %d)", status)
}

func stamp(t time.Time) string { return t.UTC().Format("2006-01-02 15:04:05 UTC") }

// hostOf reduces a URL or host text to host[:port], dropping any userinfo,
// path and query where a password could hide.
func hostOf(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return ""
	}
	if !strings.Contains(s, "://") {
		s = "http://" + s
	}
	u, err := url.Parse(s)
	if err != nil {
		return ""
	}
	return playlist.OneLine(u.Host)
}

// userOf finds the username in an Xtream stream URL (/live/USER/PASS/ID) or
// a username= query parameter.
func userOf(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return ""
	}
	if v := u.Query().Get("username"); v != "" {
		return v
	}
	parts := strings.Split(strings.Trim(u.Path, "/"), "/")
	if len(parts) >= 4 {
		switch parts[0] {
		case "live", "movie", "series":
			return parts[1]
		}
	}
	return ""
}
