package schedule

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"golang.org/x/sys/unix"
)

// PIDFile is the recorder's lock inside the state folder: the running
// recorder holds a flock on it and has written its pid in it. The flock,
// not the pid, says whether one runs, so a crash never leaves a stale lock.
const PIDFile = "recorder.pid"

// RecorderLock is the lock a running recorder holds.
type RecorderLock struct{ f *os.File }

// RunningError says another recorder holds the lock.
type RunningError struct{ PID int }

func (e *RunningError) Error() string {
	if e.PID > 0 {
		return fmt.Sprintf("a recorder already runs (pid %d)", e.PID)
	}
	return "a recorder already runs"
}

// LockRecorder takes the recorder's lock in dir, or returns a
// *RunningError when another recorder holds it.
func LockRecorder(dir string) (*RecorderLock, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, err
	}
	f, err := os.OpenFile(filepath.Join(dir, PIDFile), os.O_RDWR|os.O_CREATE|unix.O_NOFOLLOW, 0o600)
	if err != nil {
		return nil, err
	}
	if err := flock(f, unix.LOCK_EX|unix.LOCK_NB); err != nil {
		f.Close()
		if errors.Is(err, unix.EWOULDBLOCK) {
			return nil, &RunningError{PID: readPID(dir)}
		}
		return nil, fmt.Errorf("recorder lock: %w", err)
	}
	err = f.Truncate(0)
	if err == nil {
		_, err = f.WriteAt([]byte(strconv.Itoa(os.Getpid())+"\n"), 0)
	}
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("recorder lock: %w", err)
	}
	return &RecorderLock{f: f}, nil
}

// Unlock gives the lock back; the file stays, empty of meaning.
func (l *RecorderLock) Unlock() error {
	_ = l.f.Truncate(0)
	return l.f.Close()
}

// RecorderRunning reports the pid of the recorder that holds the lock in
// dir, and whether one does.
func RecorderRunning(dir string) (int, bool) {
	f, err := os.OpenFile(filepath.Join(dir, PIDFile), os.O_RDONLY|unix.O_NOFOLLOW, 0)
	if err != nil {
		return 0, false
	}
	defer f.Close()
	// A shared lock is refused only while the recorder holds its own.
	if err := flock(f, unix.LOCK_SH|unix.LOCK_NB); err != nil {
		return readPID(dir), errors.Is(err, unix.EWOULDBLOCK)
	}
	_ = unix.Flock(int(f.Fd()), unix.LOCK_UN)
	return 0, false
}

func readPID(dir string) int {
	b, err := os.ReadFile(filepath.Join(dir, PIDFile))
	if err != nil {
		return 0
	}
	n, _ := strconv.Atoi(strings.TrimSpace(string(b)))
	return n
}
