package prefs

import (
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/tuner-iptv/tuner/playlist"
)

func TestFavoritesSurviveReopen(t *testing.T) {
	dir := t.TempDir()
	s, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	bbc := Ref{Name: "BBC One", TvgID: "bbc1.uk"}
	s.SetFavorite("home", bbc, true)
	s.SetFavorite("home", Ref{Name: "Arte"}, true)
	s.SetFavorite("home", Ref{Name: "Arte"}, false)
	s.SetFavorite("work", Ref{Name: "CNN"}, true)
	if err := s.Save(); err != nil {
		t.Fatal(err)
	}

	r, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	if got := r.Favorites("home"); len(got) != 1 || got[0] != bbc {
		t.Fatalf("home favorites after reopen = %v, want [%v]", got, bbc)
	}
	if !r.IsFavorite("work", Ref{Name: "CNN"}) {
		t.Fatal("favorites of a second source were lost")
	}
	if r.IsFavorite("home", Ref{Name: "CNN"}) {
		t.Fatal("a favorite leaked into another source")
	}
}

func TestRecentNewestFirstDedupedCapped(t *testing.T) {
	s := Memory()
	for i := range MaxRecent + 5 {
		s.AddRecent("src", Ref{Name: string(rune('A' + i%60))})
	}
	s.AddRecent("src", Ref{Name: "B"})
	got := s.Recent("src")
	if len(got) != MaxRecent {
		t.Fatalf("kept %d recents, want %d", len(got), MaxRecent)
	}
	if got[0].Name != "B" {
		t.Fatalf("newest = %q, want B", got[0].Name)
	}
	seen := map[Ref]bool{}
	for _, r := range got {
		if seen[r] {
			t.Fatalf("%v listed twice", r)
		}
		seen[r] = true
	}
}

func TestFileNeverHoldsURLs(t *testing.T) {
	dir := t.TempDir()
	s, _ := Open(dir)
	ch := playlist.Channel{Name: "News", TvgID: "n.1", URL: "http://h/live/alice/s3cret/1.ts"}
	s.SetFavorite("p", RefOf(&ch), true)
	s.AddRecent("p", RefOf(&ch))
	if err := s.Save(); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join(dir, FileName))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(b), "s3cret") || strings.Contains(string(b), "http") {
		t.Fatalf("preferences file holds a URL:\n%s", b)
	}
}

func TestDamagedFileIsKeptAsideAndFavouritesStillSave(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, FileName)
	os.WriteFile(path, []byte("{not json"), 0o600)
	s, err := Open(dir)
	if err != nil {
		t.Fatalf("Open of a damaged file: %v, want a fresh store", err)
	}
	if w := s.Warning(); !strings.Contains(w, FileName+DamagedSuffix) {
		t.Errorf("warning %q does not say where the damaged file went", w)
	}
	if b, _ := os.ReadFile(path + DamagedSuffix); string(b) != "{not json" {
		t.Errorf("kept aside: %q, want the damaged file as it was", b)
	}
	s.SetFavorite("home", Ref{Name: "BBC One"}, true)
	if err := s.Save(); err != nil {
		t.Fatal(err)
	}
	r, err := Open(dir)
	if err != nil || !r.IsFavorite("home", Ref{Name: "BBC One"}) || r.Warning() != "" {
		t.Fatalf("reopened: err %v, warning %q; the favourite added after the damage must be kept", err, r.Warning())
	}
}

func TestHostilePrefsFileIsNotFollowed(t *testing.T) {
	for name, create := range map[string]func(path string) error{
		"link to a file": func(path string) error {
			target := filepath.Join(filepath.Dir(path), "elsewhere.json")
			os.WriteFile(target, []byte(`{"sources":{}}`), 0o600)
			return os.Symlink(target, path)
		},
		"link to /dev/zero": func(path string) error { return os.Symlink("/dev/zero", path) },
		"pipe":              func(path string) error { return syscall.Mkfifo(path, 0o600) },
	} {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, FileName)
			if err := create(path); err != nil {
				t.Skip(err)
			}
			done := make(chan struct{})
			var s *Store
			var err error
			go func() { s, err = Open(dir); close(done) }()
			select {
			case <-done:
			case <-time.After(10 * time.Second):
				t.Fatal("Open hangs on a preferences file that is not a regular file")
			}
			if err != nil || s.Warning() == "" {
				t.Fatalf("Open = %v, warning %q; want a fresh store that says why", err, s.Warning())
			}
			if st, err := os.Lstat(path); err != nil || !st.Mode().IsRegular() {
				t.Errorf("%s after Open: %v, %v; want a fresh regular file", FileName, st, err)
			}
			if b, _ := os.ReadFile(filepath.Join(dir, "elsewhere.json")); len(b) > 0 && string(b) != `{"sources":{}}` {
				t.Errorf("the link's target changed: %q", b)
			}
		})
	}
}

func TestSaveLeavesNoTempFiles(t *testing.T) {
	dir := t.TempDir()
	s, _ := Open(dir)
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			s.AddRecent("p", Ref{Name: string(rune('a' + i))})
			if err := s.Save(); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	ents, _ := os.ReadDir(dir)
	if len(ents) != 1 || ents[0].Name() != FileName {
		var names []string
		for _, e := range ents {
			names = append(names, e.Name())
		}
		t.Fatalf("state dir holds %v, want only %s", names, FileName)
	}
	r, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	if n := len(r.Recent("p")); n != 8 {
		t.Fatalf("after concurrent saves the file has %d recents, want 8", n)
	}
}

func TestDefaultDirFollowsXDG(t *testing.T) {
	t.Setenv("XDG_STATE_HOME", "/xdg/state")
	if got := DefaultDir(); got != filepath.Join("/xdg/state", "tuner") {
		t.Fatalf("DefaultDir = %q", got)
	}
	t.Setenv("XDG_STATE_HOME", "relative")
	t.Setenv("HOME", "/home/someone")
	if got := DefaultDir(); got != filepath.Join("/home/someone", ".local", "state", "tuner") {
		t.Fatalf("DefaultDir with a relative XDG_STATE_HOME = %q", got)
	}
}
