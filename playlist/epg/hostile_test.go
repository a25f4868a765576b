package epg

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/tuner-iptv/tuner/playlist"
)

func TestCachedGuideThatIsNotARegularFileIsRefused(t *testing.T) {
	for name, create := range map[string]func(path string) error{
		"link to /dev/zero": func(path string) error { return os.Symlink("/dev/zero", path) },
		"link to a guide": func(path string) error {
			target := filepath.Join(filepath.Dir(path), "elsewhere")
			os.Rename(path, target)
			return os.Symlink(target, path)
		},
		"pipe": func(path string) error { os.Remove(path); return syscall.Mkfifo(path, 0o600) },
	} {
		t.Run(name, func(t *testing.T) {
			c := &Cache{Dir: t.TempDir()}
			if err := c.Save("k", sampleGuide(t)); err != nil {
				t.Fatal(err)
			}
			if err := create(c.path("k")); err != nil {
				t.Skip(err)
			}
			done := make(chan error, 1)
			go func() { _, err := c.Load("k"); done <- err }()
			select {
			case err := <-done:
				if playlist.ProblemOf(err) != playlist.Invalid {
					t.Errorf("Load = %v, want Invalid", err)
				}
			case <-time.After(10 * time.Second):
				t.Fatal("loading the cached guide hangs")
			}
		})
	}
}
