// Benchmarks for the parser's speed target: a 300,000-entry provider playlist
// (about 79 MB, written once by internal/m3ugen into the temp directory and
// reused) parsed against programs that only read the file and count its lines.
//
//	go test -run '^$' -bench 'Parse300k|Write300k|ReadCountLines|ScanLines' -benchmem -count 3 ./playlist/m3u/
//
// Peak memory of a whole process is measured with the m3ucount driver:
//
//	go run ./internal/m3ugen/cmd/m3ugen -n 300000 -o /tmp/big.m3u
//	go build -o /tmp/m3ucount ./internal/m3ugen/cmd/m3ucount && /tmp/m3ucount /tmp/big.m3u
package m3u

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/tuner-iptv/tuner/internal/m3ugen"
)

const (
	benchEntries = 300000
	benchSeed    = 1
)

var benchFile = sync.OnceValues(func() (string, error) {
	path := filepath.Join(os.TempDir(), fmt.Sprintf("tuner-m3u-bench-%d-%d.m3u", benchEntries, benchSeed))
	if upToDate(path) {
		return path, nil
	}
	f, err := os.CreateTemp(os.TempDir(), "tuner-m3u-bench-*")
	if err != nil {
		return "", err
	}
	defer os.Remove(f.Name())
	if err := m3ugen.Generate(f, benchEntries, benchSeed); err != nil {
		f.Close()
		return "", err
	}
	if err := f.Close(); err != nil {
		return "", err
	}
	return path, os.Rename(f.Name(), path)
})

// upToDate reports whether a file left by an earlier run starts as the
// generator writes it now.
func upToDate(path string) bool {
	var want bytes.Buffer
	if err := m3ugen.Generate(&want, 100, benchSeed); err != nil {
		return false
	}
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	got := make([]byte, want.Len())
	_, err = io.ReadFull(f, got)
	return err == nil && bytes.Equal(got, want.Bytes())
}

func benchPath(b *testing.B) (string, int64) {
	b.Helper()
	path, err := benchFile()
	if err != nil {
		b.Fatal(err)
	}
	fi, err := os.Stat(path)
	if err != nil {
		b.Fatal(err)
	}
	return path, fi.Size()
}

func BenchmarkParse300k(b *testing.B) {
	path, size := benchPath(b)
	b.SetBytes(size)
	b.ReportAllocs()
	var last int
	for b.Loop() {
		pl, err := ParseFile(path, "bench", nil)
		if err != nil {
			b.Fatal(err)
		}
		last = pl.Channels.Len()
	}
	if last != benchEntries {
		b.Fatalf("%d channels, want %d", last, benchEntries)
	}
	b.StopTimer()
	pl, err := ParseFile(path, "bench", nil)
	if err != nil {
		b.Fatal(err)
	}
	if wrong := checkGenerated(pl, benchEntries, benchSeed, b.Errorf); wrong != 0 {
		b.Fatalf("%d wrong channels", wrong)
	}
}

// BenchmarkReadCountLines is the floor: read the file and count line feeds.
func BenchmarkReadCountLines(b *testing.B) {
	path, size := benchPath(b)
	b.SetBytes(size)
	buf := make([]byte, 1<<20)
	for b.Loop() {
		f, err := os.Open(path)
		if err != nil {
			b.Fatal(err)
		}
		n := 0
		for {
			k, err := f.Read(buf)
			n += bytes.Count(buf[:k], []byte{'\n'})
			if err == io.EOF {
				break
			}
			if err != nil {
				b.Fatal(err)
			}
		}
		f.Close()
		if n < benchEntries {
			b.Fatalf("%d lines", n)
		}
	}
}

// BenchmarkScanLines is the line-by-line reading most Go programs do.
func BenchmarkScanLines(b *testing.B) {
	path, size := benchPath(b)
	b.SetBytes(size)
	for b.Loop() {
		f, err := os.Open(path)
		if err != nil {
			b.Fatal(err)
		}
		sc := bufio.NewScanner(f)
		sc.Buffer(make([]byte, 64<<10), 1<<20)
		n := 0
		for sc.Scan() {
			n++
		}
		f.Close()
		if sc.Err() != nil || n < benchEntries {
			b.Fatalf("%d lines, %v", n, sc.Err())
		}
	}
}

func BenchmarkWrite300k(b *testing.B) {
	path, size := benchPath(b)
	pl, err := ParseFile(path, "bench", nil)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(size)
	b.ReportAllocs()
	for b.Loop() {
		if err := Write(io.Discard, pl); err != nil {
			b.Fatal(err)
		}
	}
}
