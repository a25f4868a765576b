package player

import (
	"errors"
	"os/exec"
	"testing"
)

func TestClosedOutside(t *testing.T) {
	for _, tc := range []struct {
		name       string
		script     string // run by sh; "" is no error at all
		quitStatus int
		want       bool
	}{
		{"terminated", "kill -TERM $$", 4, true},
		{"killed", "kill -KILL $$", 4, true},
		{"hung up", "kill -HUP $$", 0, true},
		{"interrupted", "kill -INT $$", 0, true},
		{"crashed", "kill -SEGV $$", 4, false},
		{"quit status after a signal it handled", "exit 4", 4, true},
		{"that status from a player without one", "exit 4", 0, false},
		{"failed", "exit 2", 4, false},
		{"ended cleanly", "", 4, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var err error
			if tc.script != "" {
				err = exec.Command("sh", "-c", tc.script).Run()
			}
			if got := closedOutside(err, tc.quitStatus); got != tc.want {
				t.Fatalf("closedOutside(%v) = %v, want %v", err, got, tc.want)
			}
		})
	}
	if closedOutside(errors.New("mpv closed its IPC connection"), 4) {
		t.Fatal("an error that is not an exit counts as closed")
	}
}

func TestMPVExitError(t *testing.T) {
	for _, tc := range []struct {
		name, script, want string
	}{
		{"closed from outside", "kill -TERM $$", ErrClosed.Error()},
		{"failed", "echo 'Failed to open http://h/live/u/p4ss/1.ts'; exit 2", "mpv exited: Failed to open http://h/live/u/***/1.ts"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, err := startProcess("sh", []string{"-c", tc.script}, nil, nil)
			if err != nil {
				t.Fatal(err)
			}
			<-p.exited
			if got := exitErr(p); got == nil || got.Error() != tc.want {
				t.Fatalf("exitErr = %v, want %q", got, tc.want)
			}
		})
	}
}
