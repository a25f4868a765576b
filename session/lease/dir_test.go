package lease

import (
	"os"
	"testing"
)

// A state folder removed while tuner runs (a cleaner, a person tidying
// ~/.local/state) is made again at the next write, private as before.
func TestStateFolderRemovedWhileRunningIsMadeAgain(t *testing.T) {
	s := openTemp(t)
	if err := os.RemoveAll(s.Dir()); err != nil {
		t.Fatal(err)
	}
	l, err := s.Acquire(Lease{Provider: "provider.example:8080", Username: "alice", Channel: "BBC One"})
	if err != nil {
		t.Fatalf("acquire after the folder was removed: %v", err)
	}
	if act, err := s.Active(); err != nil || len(act) != 1 || act[0].ID != l.ID {
		t.Fatalf("active = %+v, %v; want the new lease", act, err)
	}
	fi, err := os.Stat(s.Dir())
	if err != nil {
		t.Fatal(err)
	}
	if perm := fi.Mode().Perm(); perm != 0o700 {
		t.Fatalf("folder made again with mode %o, want 700", perm)
	}
}
