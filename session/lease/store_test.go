package lease

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/tuner-iptv/tuner/internal/atomicfile"
)

func openTemp(t *testing.T) *Store {
	t.Helper()
	s, err := Open(filepath.Join(t.TempDir(), "tuner"))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestAcquireUpdateRelease(t *testing.T) {
	s := openTemp(t)
	l, err := s.Acquire(Lease{Provider: "provider.example:8080", Username: "alice", Channel: "BBC One", URL: "http://provider.example:8080/live/alice/***/1.ts"})
	if err != nil {
		t.Fatal(err)
	}
	if l.ID == "" || l.Tuner.PID != os.Getpid() || l.Hostname == "" || l.StartedAt.IsZero() {
		t.Fatalf("acquired lease lacks identity: %+v", l)
	}
	if _, err := s.Update(l.ID, func(l *Lease) { l.Player = Proc{PID: 42, Start: 7}; l.Gate = "127.0.0.1:1234" }); err != nil {
		t.Fatal(err)
	}
	act, _ := s.Active()
	if len(act) != 1 || act[0].Player.PID != 42 || act[0].Gate != "127.0.0.1:1234" {
		t.Fatalf("active after update = %+v", act)
	}
	rel, err := s.Release(l.ID, Clean)
	if err != nil {
		t.Fatal(err)
	}
	if rel.How != Clean || rel.ReleasedAt.IsZero() {
		t.Fatalf("released lease = %+v", rel)
	}
	act, _ = s.Active()
	rec, _ := s.Recent()
	if len(act) != 0 || len(rec) != 1 || rec[0].ID != l.ID || rec[0].Account() != "alice@provider.example:8080" {
		t.Fatalf("after release: active %+v recent %+v", act, rec)
	}
	if again, err := s.Release(l.ID, Forced); err != nil || again.How != Clean {
		t.Fatalf("second release = %+v, %v; want the first outcome kept", again, err)
	}
	if _, err := s.Update("nope", func(*Lease) {}); err != ErrNotFound {
		t.Fatalf("update of unknown lease: %v", err)
	}
}

func TestFilesArePrivate(t *testing.T) {
	s := openTemp(t)
	if _, err := s.Acquire(Lease{Provider: "p"}); err != nil {
		t.Fatal(err)
	}
	checkMode(t, s.Dir(), 0o700)
	checkMode(t, filepath.Join(s.Dir(), stateFile), 0o600)
	checkMode(t, filepath.Join(s.Dir(), lockFile), 0o600)
	left, _ := filepath.Glob(filepath.Join(s.Dir(), ".leases-*"))
	if len(left) != 0 {
		t.Fatalf("temp files left behind: %v", left)
	}
}

func checkMode(t *testing.T, path string, want os.FileMode) {
	t.Helper()
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if got := fi.Mode().Perm(); got&^want != 0 {
		t.Errorf("%s mode %v, want at most %v", filepath.Base(path), got, want)
	}
}

func TestDefaultDirFollowsXDG(t *testing.T) {
	t.Setenv("XDG_STATE_HOME", "/state")
	if d, _ := DefaultDir(); d != "/state/tuner" {
		t.Errorf("with XDG_STATE_HOME: %s", d)
	}
	t.Setenv("XDG_STATE_HOME", "")
	t.Setenv("HOME", "/home/u")
	if d, _ := DefaultDir(); d != "/home/u/.local/state/tuner" {
		t.Errorf("without XDG_STATE_HOME: %s", d)
	}
}

func TestRecentIsBounded(t *testing.T) {
	s := openTemp(t)
	for i := range KeepRecent + 10 {
		l, err := s.Acquire(Lease{Provider: "p", Channel: fmt.Sprint(i)})
		if err != nil {
			t.Fatal(err)
		}
		s.Release(l.ID, Clean)
	}
	rec, _ := s.Recent()
	if len(rec) != KeepRecent || rec[0].Channel != fmt.Sprint(KeepRecent+9) {
		t.Fatalf("recent has %d, newest %q", len(rec), rec[0].Channel)
	}
}

// Two stores on one directory share nothing but the files; without the file
// lock their read-modify-write cycles would lose each other's leases.
func TestTwoStoresInOneProcessSeeEachOther(t *testing.T) {
	a := openTemp(t)
	b, _ := Open(a.Dir())
	var wg sync.WaitGroup
	for _, s := range []*Store{a, b} {
		wg.Go(func() {
			for range 40 {
				if _, err := s.Acquire(Lease{Provider: "p"}); err != nil {
					t.Error(err)
				}
			}
		})
	}
	wg.Wait()
	if act, _ := b.Active(); len(act) != 80 {
		t.Fatalf("%d leases survived, want 80", len(act))
	}
}

const helperEnv = "TUNER_LEASE_TEST_ACQUIRE_DIR"

func TestMain(m *testing.M) {
	if dir := os.Getenv(helperEnv); dir != "" {
		s, err := Open(dir)
		if err == nil {
			for range 40 {
				if _, err = s.Acquire(Lease{Provider: "child"}); err != nil {
					break
				}
			}
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		os.Exit(0)
	}
	os.Exit(m.Run())
}

func TestLockHoldsAcrossProcesses(t *testing.T) {
	s := openTemp(t)
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), helperEnv+"="+s.Dir())
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	for range 40 {
		if _, err := s.Acquire(Lease{Provider: "parent"}); err != nil {
			t.Fatal(err)
		}
	}
	if err := cmd.Wait(); err != nil {
		t.Fatal(err)
	}
	if act, _ := s.Active(); len(act) != 80 {
		t.Fatalf("%d leases survived two processes, want 80", len(act))
	}
}

// Readers that take no lock (another program, a person with cat) must never
// see half a file.
func TestWritesAreAtomic(t *testing.T) {
	s := openTemp(t)
	done := make(chan struct{})
	go func() {
		defer close(done)
		for i := range 100 {
			s.Acquire(Lease{Provider: "p", Channel: fmt.Sprint(i)})
		}
	}()
	path := filepath.Join(s.Dir(), stateFile)
	for {
		select {
		case <-done:
			return
		default:
		}
		b, err := os.ReadFile(path)
		if err != nil {
			continue // not written yet
		}
		var st state
		if err := json.Unmarshal(b, &st); err != nil {
			t.Fatalf("read a torn file: %v", err)
		}
	}
}

func startSleeper(t *testing.T) *exec.Cmd {
	t.Helper()
	cmd := exec.Command("sleep", "60")
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	return cmd
}

// deadProc names a process that has exited and been reaped.
func deadProc(t *testing.T) Proc {
	t.Helper()
	cmd := startSleeper(t)
	p, err := ProcOf(cmd.Process.Pid)
	if err != nil {
		t.Fatal(err)
	}
	cmd.Process.Kill()
	cmd.Wait()
	return p
}

func TestProcIdentity(t *testing.T) {
	live, err := ProcOf(startSleeper(t).Process.Pid)
	if err != nil {
		t.Fatal(err)
	}
	reused := live
	reused.Start++ // same pid, another process
	otherBoot := live
	otherBoot.Boot = "another-boot"
	tests := []struct {
		name string
		p    Proc
		want bool
	}{
		{"running process", live, true},
		{"this process", Self(), true},
		{"pid reused by a later process", reused, false},
		{"recorded before a reboot", otherBoot, false},
		{"exited process", deadProc(t), false},
		{"no pid", Proc{}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.p.Alive(); got != tt.want {
				t.Errorf("Alive(%+v) = %v, want %v", tt.p, got, tt.want)
			}
		})
	}
}

func TestStartTimeWithOddCommandName(t *testing.T) {
	// A command name with spaces and ')' must not shift the fields.
	dir := t.TempDir()
	odd := filepath.Join(dir, "a) b c")
	if err := os.Symlink("/bin/sleep", odd); err != nil {
		t.Skip(err)
	}
	cmd := exec.Command(odd, "60")
	if err := cmd.Start(); err != nil {
		t.Skip(err)
	}
	defer func() { cmd.Process.Kill(); cmd.Wait() }()
	p, err := ProcOf(cmd.Process.Pid)
	if err != nil || p.Start == 0 || !p.Alive() {
		t.Fatalf("ProcOf odd name = %+v, %v", p, err)
	}
}

func TestRecover(t *testing.T) {
	s := openTemp(t)
	dead := deadProc(t)
	player, _ := ProcOf(startSleeper(t).Process.Pid)
	mine, _ := s.Acquire(Lease{Provider: "p", Channel: "mine", Player: player})
	orphan, _ := s.Acquire(Lease{Provider: "p", Channel: "player still runs", Tuner: dead, Player: player})
	gone, _ := s.Acquire(Lease{Provider: "p", Channel: "all gone", Tuner: dead, Player: dead})
	elsewhere, _ := s.Acquire(Lease{Provider: "p", Channel: "other host", Tuner: dead, Hostname: "elsewhere"})

	orphans, recovered, err := s.Recover()
	if err != nil {
		t.Fatal(err)
	}
	if len(orphans) != 1 || orphans[0].ID != orphan.ID {
		t.Errorf("orphans = %+v, want the lease whose player still runs", orphans)
	}
	if len(recovered) != 1 || recovered[0].ID != gone.ID || recovered[0].How != Recovered {
		t.Errorf("recovered = %+v, want the lease with nothing left running", recovered)
	}
	act, _ := s.Active()
	ids := map[string]bool{}
	for _, l := range act {
		ids[l.ID] = true
	}
	if !ids[mine.ID] || !ids[orphan.ID] || !ids[elsewhere.ID] || ids[gone.ID] {
		t.Errorf("active after recover = %+v", act)
	}
	rec, _ := s.Recent()
	if len(rec) != 1 || rec[0].ID != gone.ID {
		t.Errorf("recent after recover = %+v", rec)
	}
}

func TestOnlyAStartTimeIdentifiesAProcess(t *testing.T) {
	live, err := ProcOf(startSleeper(t).Process.Pid)
	if err != nil {
		t.Fatal(err)
	}
	bare := Proc{PID: live.PID}
	if !live.Identified() {
		t.Errorf("Identified(%+v) = false for the running process itself", live)
	}
	if bare.Identified() || !bare.PIDInUse() {
		t.Errorf("a bare pid: Identified %v, PIDInUse %v; want false, true", bare.Identified(), bare.PIDInUse())
	}
	s := openTemp(t)
	s.Acquire(Lease{Provider: "p", Channel: "pid only", Tuner: deadProc(t), Player: bare})
	orphans, recovered, _ := s.Recover()
	if len(orphans) != 0 || len(recovered) != 1 {
		t.Errorf("a lease naming a bare live pid: orphans %+v, recovered %+v; want it recovered, not offered to stop", orphans, recovered)
	}
}

func TestHostileStateFileIsRefusedNotRead(t *testing.T) {
	for name, create := range map[string]func(path string) error{
		"link to /dev/zero": func(path string) error { return os.Symlink("/dev/zero", path) },
		"link to a file": func(path string) error {
			target := path + ".elsewhere"
			os.WriteFile(target, []byte(`{"active":[],"recent":[]}`), 0o600)
			return os.Symlink(target, path)
		},
		"pipe": func(path string) error { return syscall.Mkfifo(path, 0o600) },
	} {
		t.Run(name, func(t *testing.T) {
			s := openTemp(t)
			if err := create(filepath.Join(s.Dir(), stateFile)); err != nil {
				t.Skip(err)
			}
			done := make(chan error, 1)
			go func() { _, err := s.Active(); done <- err }()
			select {
			case err := <-done:
				if !errors.Is(err, atomicfile.ErrNotRegular) {
					t.Errorf("Active = %v, want a refusal of a file that is not regular", err)
				}
			case <-time.After(10 * time.Second):
				t.Fatal("reading the leases hangs")
			}
		})
	}
}

func TestWhatNamesTheKindAndTitle(t *testing.T) {
	for _, tc := range []struct {
		l    Lease
		want string
	}{
		{Lease{Channel: "News HD"}, "News HD"},
		{Lease{Channel: "Film", Kind: "movie", Title: "Film (2020)"}, "movie Film (2020)"},
		{Lease{Channel: "Show S02E03 The Return", Kind: "episode", Title: "Show S02E03"}, "episode Show S02E03"},
		{Lease{Channel: "Film", Kind: "movie"}, "movie Film"},
		{Lease{Channel: "News", Kind: "recording", Title: "Late News", Until: time.Date(2026, 12, 2, 21, 5, 0, 0, time.Local)}, "recording News until 21:05"},
		{Lease{Channel: "News", Kind: "recording"}, "recording News"},
	} {
		if got := tc.l.What(); got != tc.want {
			t.Errorf("%+v: What() = %q, want %q", tc.l, got, tc.want)
		}
	}
}
