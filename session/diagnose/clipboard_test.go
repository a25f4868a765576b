package diagnose

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestSaveMessage(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "state", "tuner")
	path, err := SaveMessage(dir, "first")
	if err != nil {
		t.Fatal(err)
	}
	if path != filepath.Join(dir, MessageFile) {
		t.Errorf("path = %q", path)
	}
	if _, err := SaveMessage(dir, "second"); err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(path)
	if err != nil || string(got) != "second" {
		t.Errorf("content %q, %v; want the second message", got, err)
	}
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if perm := fi.Mode().Perm(); perm != 0o600 {
		t.Errorf("mode %v, want 0600: the message names the account", perm)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("left behind: %v", entries)
	}
}

func TestSaveMessageError(t *testing.T) {
	file := filepath.Join(t.TempDir(), "not-a-dir")
	if err := os.WriteFile(file, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	_, err := SaveMessage(filepath.Join(file, "sub"), "x")
	if err == nil || !strings.HasPrefix(err.Error(), "saving the message for the provider: ") {
		t.Errorf("err = %v", err)
	}
}
