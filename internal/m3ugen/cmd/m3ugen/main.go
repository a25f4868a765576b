// Command m3ugen writes a large, realistic extended M3U playlist for benchmarks:
//
//	go run ./internal/m3ugen/cmd/m3ugen -n 300000 -o /tmp/big.m3u
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/tuner-iptv/tuner/internal/m3ugen"
)

func main() {
	n := flag.Int("n", 300000, "number of entries")
	seed := flag.Int64("seed", 1, "random seed; the same seed writes the same file")
	out := flag.String("o", "", "output file (default: standard output)")
	flag.Parse()
	if err := run(*n, *seed, *out); err != nil {
		fmt.Fprintln(os.Stderr, "m3ugen:", err)
		os.Exit(1)
	}
}

func run(n int, seed int64, out string) error {
	if out == "" {
		return m3ugen.Generate(os.Stdout, n, seed)
	}
	// Written beside the target and renamed, so a reader never sees half a file.
	f, err := os.CreateTemp(filepath.Dir(out), ".m3ugen-*")
	if err != nil {
		return err
	}
	defer os.Remove(f.Name())
	if err := m3ugen.Generate(f, n, seed); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	return os.Rename(f.Name(), out)
}
