package playlist

import (
	"testing"
	"time"
)

func TestAgo(t *testing.T) {
	for d, want := range map[time.Duration]string{
		30 * time.Second: "just now",
		12 * time.Minute: "12 min ago",
		5 * time.Hour:    "5 h ago",
		47 * time.Hour:   "47 h ago",
		72 * time.Hour:   "3 days ago",
	} {
		if got := Ago(d); got != want {
			t.Errorf("Ago(%v) = %q, want %q", d, got, want)
		}
	}
}
