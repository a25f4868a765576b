package doctor

import (
	"context"
	"testing"
	"time"

	"github.com/tuner-iptv/tuner/playlist"
	"github.com/tuner-iptv/tuner/session"
	"github.com/tuner-iptv/tuner/session/diagnose"
	"github.com/tuner-iptv/tuner/session/lease"
)

// A zap refused by a panel that counts a closed TS connection late is
// tuner's own earlier session when tuner's last stream was served and closed
// seconds ago, and not when the last lease was only a refused attempt.
func TestHistoryKeepsATSStreamClosedMomentsAgo(t *testing.T) {
	tests := []struct {
		name   string
		served bool // the provider served the earlier stream: gate and player recorded
		want   diagnose.Kind
	}{
		{"own stream closed seconds ago", true, diagnose.SlotOwnEarlier},
		{"an earlier refused attempt", false, diagnose.SlotOther},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			store := openStore(t)
			earlier, err := store.Acquire(lease.Lease{Provider: "provider.test", Username: "alice", Channel: "Sport",
				URL: "http://provider.test/live/alice/***/9.ts"})
			if err != nil {
				t.Fatal(err)
			}
			if tt.served {
				if _, err := store.Update(earlier.ID, func(l *lease.Lease) { l.Gate = "127.0.0.1:41000" }); err != nil {
					t.Fatal(err)
				}
			}
			if _, err := store.Release(earlier.ID, lease.Clean); err != nil {
				t.Fatal(err)
			}
			ch := playlist.Channel{Name: "News", Source: "m3u", URL: "http://provider.test/live/alice/s3cret/7.ts"}
			d := New(Options{Store: store, Now: func() time.Time { return time.Now().Add(4 * time.Second) }})
			rep := d.Diagnose(context.Background(), ch, &session.Refusal{Status: 401, URL: playlist.MaskURL(ch.URL), At: time.Now()})
			if rep.Kind != tt.want {
				t.Fatalf("kind %v, want %v: %s", rep.Kind, tt.want, rep.Summary)
			}
		})
	}
}
