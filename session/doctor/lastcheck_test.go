package doctor

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/tuner-iptv/tuner/playlist"
)

// The doctor remembers what its last account check answered, per source,
// for the wait screen.
func TestLastCheckRemembersTheAnswer(t *testing.T) {
	at := time.Date(2026, 3, 1, 20, 0, 12, 0, time.UTC)
	answers := []error{nil, errors.New("timeout")}
	ai := AccountFunc(func(context.Context) (*playlist.Account, error) {
		err := answers[0]
		answers = answers[1:]
		if err != nil {
			return nil, err
		}
		return &playlist.Account{Auth: true, ActiveConnections: 1, MaxConnections: 1}, nil
	})
	d := New(Options{Accounts: map[string]AccountInfo{"home": ai}, Now: func() time.Time { return at }})
	if _, ok := d.LastCheck("home"); ok {
		t.Fatal("a last check before any")
	}
	d.ask(context.Background(), "home", ai)
	if r, ok := d.LastCheck("home"); !ok || r.InUse != 1 || r.Allowed != 1 || !r.At.Equal(at) || r.Err != nil {
		t.Fatalf("after an answer: %+v, %v", r, ok)
	}
	d.ask(context.Background(), "home", ai)
	if r, _ := d.LastCheck("home"); r.Err == nil {
		t.Fatalf("after a failed check: %+v", r)
	}
}
