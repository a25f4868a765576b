package diagnose

import (
	"strings"
	"testing"
	"time"

	"github.com/tuner-iptv/tuner/session"
)

func TestContactMessage(t *testing.T) {
	msg := ContactMessage(ContactInfo{
		Username:        "alice",
		ProviderHost:    "provider.example:8080",
		When:            time.Date(2026, 11, 23, 12, 4, 5, 0, time.UTC),
		Status:          401,
		InUse:           1,
		Allowed:         1,
		LastCleanStop:   time.Date(2026, 11, 23, 11, 58, 10, 0, time.UTC),
		ProviderContact: "support@provider.example",
	})
	for _, want := range []string{
		"To: support@provider.example\n",
		"Subject: Please end the last connected session on account alice\n",
		"My account alice on provider.example:8080 is refused new streams (HTTP 401)",
		"end (kick) the last connected session",
		"- account: alice\n",
		"- server: provider.example:8080\n",
		"- time: 2026-11-23 12:04:05 UTC\n",
		"- answer: HTTP 401 Unauthorized\n",
		"- connections in use: 1 of 1 allowed\n",
		"- my player's last clean stop: 2026-11-23 11:58:10 UTC\n",
	} {
		if !strings.Contains(msg, want) {
			t.Errorf("message lacks %q:\n%s", want, msg)
		}
	}
}

func TestContactMessageLeavesOutWhatIsUnknown(t *testing.T) {
	msg := ContactMessage(ContactInfo{Username: "bob", ProviderHost: "tv.example"})
	for _, unwanted := range []string{"To:", "- time:", "- answer:", "connections in use", "last clean stop", "(HTTP"} {
		if strings.Contains(msg, unwanted) {
			t.Errorf("message has %q though it is unknown:\n%s", unwanted, msg)
		}
	}
}

// The password must not reach the message by any road: not through the
// stream URL (masked or, by mistake, not), the account's server URL, the
// host field or the provider's contact.
func TestContactMessageNeverContainsPassword(t *testing.T) {
	const pw = "Tr0ub4dor-pw"
	e := Evidence{
		Refusal: &session.Refusal{
			Status: 401,
			URL:    "http://alice:" + pw + "@provider.example:8080/live/alice/" + pw + "/1001.ts?password=" + pw,
			At:     testNow,
		},
		Own: []LeaseFact{{ReleasedAt: ago(5 * time.Minute), How: Clean}},
		Now: testNow,
	}
	info := NewContactInfo(e)
	if info.Username != "alice" || info.ProviderHost != "provider.example:8080" {
		t.Errorf("from the URL: user %q host %q, want alice and provider.example:8080", info.Username, info.ProviderHost)
	}
	info.ProviderContact = "https://alice:" + pw + "@provider.example/support?password=" + pw
	check := func(name string, info ContactInfo) {
		t.Helper()
		msg := ContactMessage(info)
		if strings.Contains(msg, pw) {
			t.Errorf("%s: password in message:\n%s", name, msg)
		}
		if !strings.Contains(msg, "alice") {
			t.Errorf("%s: username missing:\n%s", name, msg)
		}
	}
	check("from a stream URL", info)

	e.Account = loadAccount(t, "full-1of1")
	e.Account.Server = "http://alice:" + pw + "@provider.example:8080/player_api.php?password=" + pw
	check("from account info", NewContactInfo(e))

	info.ProviderHost = "http://alice:" + pw + "@provider.example:8080/get.php?username=alice&password=" + pw
	check("from a careless host field", info)
}

func TestNewContactInfoPrefersAccountInfo(t *testing.T) {
	e := Evidence{
		Refusal: loadResponse(t, "401-empty"),
		Account: loadAccount(t, "full-2of2"),
		Own: []LeaseFact{
			{ReleasedAt: ago(3 * time.Hour), How: Clean},
			{ReleasedAt: ago(time.Hour), How: Clean},
			{ReleasedAt: ago(time.Minute), How: Recovered},
		},
		Now: testNow,
	}
	got := NewContactInfo(e)
	want := ContactInfo{
		Username: "alice", ProviderHost: "provider.example:8080", When: testNow.Add(-2 * time.Second),
		Status: 401, InUse: 2, Allowed: 2, LastCleanStop: ago(time.Hour), ExpiresAt: e.Account.ExpiresAt,
	}
	if got != want {
		t.Errorf("got  %+v\nwant %+v", got, want)
	}
}
