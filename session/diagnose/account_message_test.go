package diagnose

import (
	"strings"
	"testing"
	"time"
)

// The message about an expired, banned or disabled account names the
// account, its state and its expiry date, asks about the account rather
// than a stuck session, and never carries a password.
func TestAccountMessage(t *testing.T) {
	c := ContactInfo{Username: "alice", ProviderHost: "http://alice:s3cret@provider.test:8080/x",
		When: time.Date(2026, 3, 1, 20, 0, 0, 0, time.UTC), ExpiresAt: time.Date(2026, 2, 26, 0, 0, 0, 0, time.UTC)}
	for _, k := range []Kind{Expired, Banned, Disabled} {
		msg := MessageFor(k, c)
		for _, want := range []string{"alice", "provider.test:8080", "shown as " + k.String(), "expiry date: 2026-02-26"} {
			if !strings.Contains(msg, want) {
				t.Errorf("%s: message lacks %q:\n%s", k, want, msg)
			}
		}
		if strings.Contains(msg, "s3cret") || strings.Contains(msg, "kick") {
			t.Errorf("%s: message shows a password or asks to end a session:\n%s", k, msg)
		}
	}
	if msg := MessageFor(SlotOther, c); !strings.Contains(msg, "kick") {
		t.Errorf("the occupied slot's message changed:\n%s", msg)
	}
}
