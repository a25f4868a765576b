package testutil

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
)

// CorpusDir is where the real-world inputs live, relative to the module root:
// data written outside the project, which the repository never copies.
const CorpusDir = "../shared/corpus"

// Corpus returns the path of a file or folder in the corpus, given by its
// slash-separated name inside it ("free-tv-playlist.m3u8",
// "realworld/m3u/free-tv"). Without the corpus folder the test is skipped,
// or failed under CI; a corpus without the named entry fails the test.
func Corpus(tb testing.TB, name string) string {
	tb.Helper()
	dir, err := corpusDir()
	if err != nil {
		tb.Fatal(err)
	}
	if _, err := os.Stat(dir); err != nil {
		missing(tb, "the corpus folder %s is not beside the repository (%s): %v", CorpusDir, dir, err)
	}
	path := filepath.Join(dir, filepath.FromSlash(name))
	if _, err := os.Stat(path); err != nil {
		tb.Fatalf("%s/%s: %v", CorpusDir, name, err)
	}
	return path
}

// CorpusPath is where the named corpus entry would be, whether or not it is
// there: for input a test can do without, such as a fuzz seed.
func CorpusPath(name string) (string, error) {
	dir, err := corpusDir()
	return filepath.Join(dir, filepath.FromSlash(name)), err
}

func corpusDir() (string, error) {
	root, err := moduleRoot()
	return filepath.Join(root, filepath.FromSlash(CorpusDir)), err
}

// moduleRoot is the nearest folder at or above the working directory that
// holds a go.mod: a test runs in its package's folder, wherever that is in
// the module.
func moduleRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		_, err := os.Stat(filepath.Join(dir, "go.mod"))
		if err == nil {
			return dir, nil
		}
		if !errors.Is(err, fs.ErrNotExist) {
			return "", err
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", fmt.Errorf("no go.mod at or above the working directory")
		}
		dir = parent
	}
}
