package cache_test

import (
	"errors"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/tuner-iptv/tuner/playlist/cache"
)

func TestCopyThatIsNotARegularFileIsAMiss(t *testing.T) {
	for name, create := range map[string]func(path string) error{
		"link to /dev/zero": func(path string) error { return os.Symlink("/dev/zero", path) },
		"link to a copy": func(path string) error {
			target := filepath.Join(filepath.Dir(path), "elsewhere")
			os.Rename(path, target)
			return os.Symlink(target, path)
		},
		"pipe": func(path string) error { os.Remove(path); return syscall.Mkfifo(path, 0o600) },
	} {
		t.Run(name, func(t *testing.T) {
			c := cache.New(filepath.Join(t.TempDir(), "cache"))
			if err := c.Save("k", sample()); err != nil {
				t.Fatal(err)
			}
			if err := create(c.Path("k")); err != nil {
				t.Skip(err)
			}
			done := make(chan error, 1)
			go func() { _, _, err := c.Load("k"); done <- err }()
			select {
			case err := <-done:
				if !errors.Is(err, cache.ErrMiss) {
					t.Errorf("Load = %v, want a miss", err)
				}
			case <-time.After(10 * time.Second):
				t.Fatal("loading a cached copy hangs")
			}
		})
	}
}
