package atomicfile

import (
	"errors"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

// hostile makes path something tuner never writes: a link to a regular
// file, a link to an endless device, or a pipe nobody writes to.
var hostile = map[string]func(path string) error{
	"link to a file": func(path string) error {
		target := filepath.Join(filepath.Dir(path), "target")
		os.WriteFile(target, []byte("someone else's file\n"), 0o600)
		return os.Symlink(target, path)
	},
	"link to /dev/zero": func(path string) error { return os.Symlink("/dev/zero", path) },
	"pipe":              func(path string) error { return syscall.Mkfifo(path, 0o600) },
}

func promptly(t *testing.T, fn func() error) error {
	t.Helper()
	done := make(chan error, 1)
	go func() { done <- fn() }()
	select {
	case err := <-done:
		return err
	case <-time.After(10 * time.Second):
		t.Fatal("hangs on a file that is not a regular file")
		return nil
	}
}

func TestStateFilesAreReadOnlyWhenRegular(t *testing.T) {
	for name, create := range hostile {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "state.json")
			if err := create(path); err != nil {
				t.Skip(err)
			}
			err := promptly(t, func() error { _, err := ReadRegular(path, 1<<20); return err })
			if !errors.Is(err, ErrNotRegular) {
				t.Errorf("ReadRegular = %v, want ErrNotRegular", err)
			}
			err = promptly(t, func() error {
				f, err := OpenAppend(path, 0o600)
				if err == nil {
					f.WriteString("a log line\n")
					f.Close()
				}
				return err
			})
			if !errors.Is(err, ErrNotRegular) {
				t.Errorf("OpenAppend = %v, want ErrNotRegular", err)
			}
			if b, _ := os.ReadFile(filepath.Join(filepath.Dir(path), "target")); len(b) > 0 && string(b) != "someone else's file\n" {
				t.Errorf("the link's target was written: %q", b)
			}
		})
	}
}

func TestReadRegularCapsTheSize(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.json")
	os.WriteFile(path, make([]byte, 2000), 0o600)
	if _, err := ReadRegular(path, 1000); !errors.Is(err, ErrTooLarge) {
		t.Errorf("ReadRegular over the cap = %v, want ErrTooLarge", err)
	}
	if b, err := ReadRegular(path, 2000); err != nil || len(b) != 2000 {
		t.Errorf("ReadRegular at the cap = %d bytes, %v", len(b), err)
	}
}
