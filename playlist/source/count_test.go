package source

import (
	"context"
	"os"
	"path/filepath"
	"testing"
)

func TestFileCountIsWhatLoadFinds(t *testing.T) {
	data, err := os.ReadFile(small)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for name, body := range map[string][]byte{"plain.m3u": data, "packed.m3u": gzipped(t, data)} {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, body, 0o600); err != nil {
			t.Fatal(err)
		}
		f, err := newFile(path, Options{})
		if err != nil {
			t.Fatal(err)
		}
		p, err := f.Load(context.Background(), nil)
		if err != nil {
			t.Fatal(err)
		}
		n, err := f.Count(context.Background())
		if err != nil || n != p.Channels.Len() || n == 0 {
			t.Errorf("%s: Count = %d, %v; Load found %d", name, n, err, p.Channels.Len())
		}
	}
}

func TestFileCountNamesThePathInItsError(t *testing.T) {
	path := filepath.Join(t.TempDir(), "page.html")
	if err := os.WriteFile(path, []byte("<html>\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	f, err := newFile(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	_, cerr := f.Count(context.Background())
	_, lerr := f.Load(context.Background(), nil)
	if cerr == nil || lerr == nil || cerr.Error() != lerr.Error() {
		t.Fatalf("Count said %v, Load %v", cerr, lerr)
	}
}
