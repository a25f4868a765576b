package cmd

import (
	"os"
	"path/filepath"
	"testing"
)

func TestDebugLogDoesNotFollowALink(t *testing.T) {
	state := t.TempDir()
	t.Setenv("XDG_STATE_HOME", state)
	os.MkdirAll(filepath.Join(state, "tuner"), 0o700)
	target := filepath.Join(t.TempDir(), "someone-elses-file")
	os.WriteFile(target, []byte("kept\n"), 0o600)
	if err := os.Symlink(target, filepath.Join(state, "tuner", "tuner.log")); err != nil {
		t.Fatal(err)
	}
	log, done := (&globals{debug: true, env: env{getenv: os.Getenv}}).logger()
	log.Info("a debug line")
	done()
	if b, _ := os.ReadFile(target); string(b) != "kept\n" {
		t.Errorf("the debug log appended to the link's target: %q", b)
	}
}
