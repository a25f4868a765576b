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

func TestSize(t *testing.T) {
	for n, want := range map[int64]string{0: "0 B", 999: "999 B", 12_400: "12 kB", 350_000_000: "350 MB", 1_400_000_000: "1.4 GB"} {
		if got := Size(n); got != want {
			t.Errorf("Size(%d) = %q, want %q", n, got, want)
		}
	}
}
