// Process-level benchmark for the target: `tuner list --count` on a
// generated 300,000-entry playlist, as a fresh process, against a program that
// only reads the file and counts its lines. It reports wall time per run, the
// ratio to that floor, and peak RSS against the file size.
//
//	go test -run '^$' -bench ListCount -benchtime 10x ./cmd/
package cmd

import (
	"bytes"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/tuner-iptv/tuner/internal/m3ugen"
	"github.com/tuner-iptv/tuner/playlist"
	"github.com/tuner-iptv/tuner/playlist/m3u"
)

func BenchmarkListCount300k(b *testing.B) {
	dir := b.TempDir()
	list := filepath.Join(dir, "big.m3u")
	f, err := os.Create(list)
	if err != nil {
		b.Fatal(err)
	}
	if err := m3ugen.Generate(f, 300000, 1); err != nil {
		b.Fatal(err)
	}
	f.Close()
	st, _ := os.Stat(list)
	tuner := goBuild(b, dir, "tuner", "github.com/tuner-iptv/tuner")
	counter := goBuild(b, dir, "m3ucount", "github.com/tuner-iptv/tuner/internal/m3ugen/cmd/m3ucount")

	floor, _ := runTimed(b, counter, "-lines", list)
	b.ResetTimer()
	var total time.Duration
	var peak int64
	for b.Loop() {
		d, rss := runTimed(b, tuner, "list", list, "--count")
		total += d
		peak = max(peak, rss)
	}
	b.StopTimer()
	per := total / time.Duration(b.N)
	b.ReportMetric(float64(per.Milliseconds()), "ms/run")
	b.ReportMetric(float64(floor.Milliseconds()), "floor-ms")
	b.ReportMetric(float64(per)/float64(floor), "x-floor")
	b.ReportMetric(float64(peak)/float64(st.Size()), "rss/file")
	b.ReportMetric(float64(peak)/(1<<20), "peak-MB")
}

func goBuild(b *testing.B, dir, name, pkg string) string {
	out := filepath.Join(dir, name)
	if msg, err := exec.Command("go", "build", "-o", out, pkg).CombinedOutput(); err != nil {
		b.Fatalf("go build %s: %v\n%s", pkg, err, msg)
	}
	return out
}

// runTimed runs a program and returns its wall time and peak RSS in bytes.
func runTimed(b *testing.B, prog string, args ...string) (time.Duration, int64) {
	c := exec.Command(prog, args...)
	start := time.Now()
	if out, err := c.CombinedOutput(); err != nil {
		b.Fatalf("%s: %v\n%s", prog, err, out)
	}
	d := time.Since(start)
	ru := c.ProcessState.SysUsage().(*syscall.Rusage)
	return d, ru.Maxrss * 1024
}

// BenchmarkWriteChannels300k is tuner list's output on 300,000 channels,
// names made Printable, as text and as JSON.
//
//	go test -run '^$' -bench WriteChannels -benchtime 5x ./cmd/
func BenchmarkWriteChannels300k(b *testing.B) {
	var buf bytes.Buffer
	if err := m3ugen.Generate(&buf, 300000, 1); err != nil {
		b.Fatal(err)
	}
	p, err := m3u.Parse(&buf, "big.m3u", nil)
	if err != nil {
		b.Fatal(err)
	}
	for _, asJSON := range []bool{false, true} {
		b.Run(map[bool]string{false: "text", true: "json"}[asJSON], func(b *testing.B) {
			for b.Loop() {
				if err := writeChannels(io.Discard, p.Channels.Slice(), asJSON, playlist.MaskURL); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
