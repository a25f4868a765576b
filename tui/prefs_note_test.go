package tui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tuner-iptv/tuner/playlist/prefs"
)

// A damaged prefs.json was kept aside: the first screen says so, once.
func TestDamagedPrefsAreSaidAtStart(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, prefs.FileName), []byte("{not json"), 0o600); err != nil {
		t.Fatal(err)
	}
	pr, err := prefs.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	m := browsing(t, Options{Prefs: pr, Getenv: env(nil)})
	m.setSize(120, 24)
	if s := statusOf(m); !strings.Contains(s, prefs.DamagedSuffix) {
		t.Fatalf("status bar at start %q does not say the favourites file was kept aside", s)
	}
	m.Update(keyPress("j"))
	if s := statusOf(m); strings.Contains(s, prefs.DamagedSuffix) {
		t.Fatalf("the note stays after a key: %q", s)
	}
}
