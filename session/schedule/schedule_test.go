package schedule

import (
	"errors"
	"os"
	"strings"
	"sync"
	"testing"
	"time"
)

var day = time.Date(2026, 12, 2, 0, 0, 0, 0, time.Local)

func at(hhmm string) time.Time {
	t, err := time.ParseInLocation("15:04", hhmm, time.Local)
	if err != nil {
		panic(err)
	}
	return day.Add(time.Duration(t.Hour())*time.Hour + time.Duration(t.Minute())*time.Minute)
}

func entry(title, from, to string) Entry {
	return Entry{Source: "prov", Account: "alice@prov:8080", Limit: 1, Channel: "UK: BBC One", Title: title,
		Start: at(from), Stop: at(to), Before: Of(2 * time.Minute), After: Of(5 * time.Minute)}
}

func TestAddKeepsEntriesAndNoPassword(t *testing.T) {
	s := Open(t.TempDir())
	e := entry("The Match", "21:00", "22:00")
	e.URL = "http://prov:8080/live/alice/Secr3t-pw/12.ts"
	got, err := s.Add(e)
	if err != nil {
		t.Fatal(err)
	}
	if got.ID == "" || got.State != Scheduled || got.Created.IsZero() {
		t.Errorf("added %+v", got)
	}
	b, err := os.ReadFile(s.Path())
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(b), "Secr3t-pw") {
		t.Fatalf("the schedule holds the password:\n%s", b)
	}
	st, _ := os.Stat(s.Path())
	if st.Mode().Perm() != 0o600 {
		t.Errorf("mode %v, want 0600", st.Mode())
	}
	all, err := Open(s.dir).List()
	if err != nil || len(all) != 1 || all[0].ID != got.ID || !all[0].From().Equal(at("20:58")) || !all[0].To().Equal(at("22:05")) {
		t.Fatalf("listed %+v, %v", all, err)
	}
}

func TestOverlapOnOneSlotIsRefusedNamingTheOther(t *testing.T) {
	s := Open(t.TempDir())
	if _, err := s.Add(entry("The Match", "21:00", "22:00")); err != nil {
		t.Fatal(err)
	}
	_, err := s.Add(entry("The Film", "22:03", "23:30")) // its padding starts 22:01, before 22:05
	var oe *OverlapError
	if !errors.As(err, &oe) {
		t.Fatalf("err %v, want an overlap", err)
	}
	oe.Now = day.Add(12 * time.Hour)
	if want := "overlaps The Match 20:58–22:05"; oe.Error() != want {
		t.Errorf("message %q, want %q", oe.Error(), want)
	}
	// Back to back with the padding is fine, and so is another account.
	if _, err := s.Add(entry("Late News", "22:07", "22:30")); err != nil {
		t.Errorf("back to back: %v", err)
	}
	other := entry("The Film", "21:30", "23:00")
	other.Account = "bob@prov:8080"
	if _, err := s.Add(other); err != nil {
		t.Errorf("another account: %v", err)
	}
	all, _ := s.List()
	if len(all) != 3 {
		t.Errorf("%d entries, want 3", len(all))
	}
}

func TestOverlapUpToTheLimit(t *testing.T) {
	s := Open(t.TempDir())
	two := func(title, from, to string) Entry { e := entry(title, from, to); e.Limit = 2; return e }
	for _, e := range []Entry{two("A", "20:00", "22:00"), two("B", "21:00", "23:00")} {
		if _, err := s.Add(e); err != nil {
			t.Fatalf("%s: %v", e.Title, err)
		}
	}
	// A third at 21:30 would make three at once.
	if _, err := s.Add(two("C", "21:30", "21:45")); err == nil {
		t.Fatal("a third at once was scheduled on a two-slot account")
	}
	// At 22:30 only B records: a second fits.
	if _, err := s.Add(two("D", "22:30", "23:30")); err != nil {
		t.Errorf("D: %v", err)
	}
	// A cancelled entry takes no slot.
	all, _ := s.List()
	if _, err := s.Cancel(all[0].ID); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Add(two("C", "21:30", "21:45")); err != nil {
		t.Errorf("C after A was cancelled: %v", err)
	}
}

func TestAddRefusesABadWindow(t *testing.T) {
	s := Open(t.TempDir())
	if _, err := s.Add(entry("X", "22:00", "21:00")); err == nil {
		t.Error("a stop before the start was scheduled")
	}
}

// Two processes adding at once both keep theirs: each add reads, merges
// and writes under the lock.
func TestConcurrentAddsAreAllKept(t *testing.T) {
	dir := t.TempDir()
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			e := entry("T", "10:00", "10:30")
			e.Start, e.Stop = e.Start.Add(time.Duration(i)*time.Hour), e.Stop.Add(time.Duration(i)*time.Hour)
			if _, err := Open(dir).Add(e); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	all, err := Open(dir).List()
	if err != nil || len(all) != 8 {
		t.Fatalf("%d entries, %v; want 8", len(all), err)
	}
}

func TestAnUnreadableScheduleIsNotReplaced(t *testing.T) {
	s := Open(t.TempDir())
	if err := os.WriteFile(s.Path(), []byte("{not json"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Add(entry("X", "21:00", "22:00")); err == nil || !strings.Contains(err.Error(), "unreadable") {
		t.Errorf("err %v, want unreadable", err)
	}
	if b, _ := os.ReadFile(s.Path()); string(b) != "{not json" {
		t.Errorf("the file was replaced: %s", b)
	}
}

func TestRecorderLock(t *testing.T) {
	dir := t.TempDir()
	if _, ok := RecorderRunning(dir); ok {
		t.Fatal("a recorder runs before any was started")
	}
	l, err := LockRecorder(dir)
	if err != nil {
		t.Fatal(err)
	}
	if pid, ok := RecorderRunning(dir); !ok || pid != os.Getpid() {
		t.Errorf("running %v pid %d, want this process %d", ok, pid, os.Getpid())
	}
	_, err = LockRecorder(dir)
	var re *RunningError
	if !errors.As(err, &re) || re.PID != os.Getpid() {
		t.Errorf("second lock: %v", err)
	}
	if err := l.Unlock(); err != nil {
		t.Fatal(err)
	}
	if _, ok := RecorderRunning(dir); ok {
		t.Error("a recorder runs after the lock was given back")
	}
}
