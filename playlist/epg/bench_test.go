package epg

// Benchmarks of the guide engine on a generated guide of about 100 MB
// (2,000 channels, 7 days; see internal/xmltvgen), written once per run to a
// temporary directory:
//
//	go test -run '^$' -bench 'Parse100MB' -benchtime 3x -count 1 ./playlist/epg/
//	go test -run '^$' -bench . -benchtime 3x -count 1 ./playlist/epg/
//
// Parse100MB reports MB/s, ns/op, the process's peak RSS (maxrss-MB, which
// includes the benchmark harness and earlier iterations' garbage) and the
// heap the finished guide keeps (live-MB). For the peak RSS of one parse in a
// process of its own, use cmd/xmltvgen -parse under /usr/bin/time -v.
//
// BaselineEncodingXML only tokenises the same file with encoding/xml: it is
// the floor for a parser built on it, and the reason this package scans
// elements itself.

import (
	"encoding/xml"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/tuner-iptv/tuner/playlist"
	"github.com/tuner-iptv/tuner/playlist/epg/internal/xmltvgen"
)

var (
	bigOnce sync.Once
	bigDir  string
	bigPath string
	bigErr  error
)

func TestMain(m *testing.M) {
	code := m.Run()
	if bigDir != "" {
		os.RemoveAll(bigDir)
	}
	os.Exit(code)
}

// bigGuide generates the 100 MB guide once per test binary run.
func bigGuide(b *testing.B) (string, int64) {
	b.Helper()
	bigOnce.Do(func() {
		if bigDir, bigErr = os.MkdirTemp("", "epg-bench-"); bigErr != nil {
			return
		}
		bigPath = filepath.Join(bigDir, "guide.xml")
		f, err := os.Create(bigPath)
		if err != nil {
			bigErr = err
			return
		}
		_, bigErr = xmltvgen.Write(f, xmltvgen.Config{})
		if err := f.Close(); bigErr == nil {
			bigErr = err
		}
	})
	if bigErr != nil {
		b.Fatal(bigErr)
	}
	st, err := os.Stat(bigPath)
	if err != nil {
		b.Fatal(err)
	}
	return bigPath, st.Size()
}

func maxRSSMB() float64 {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return float64(ru.Maxrss) / 1024 // kilobytes on Linux
}

func BenchmarkParse100MB(b *testing.B) {
	path, size := bigGuide(b)
	b.SetBytes(size)
	runtime.GC()
	b.ResetTimer()
	var g *Guide
	for b.Loop() {
		g = nil
		var err error
		if g, err = ParseFile(path); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	b.ReportMetric(maxRSSMB(), "maxrss-MB")
	b.ReportMetric(float64(ms.HeapAlloc)/1e6, "live-MB")
	b.ReportMetric(float64(g.Stats.Programmes), "programmes")
	runtime.KeepAlive(g)
}

func BenchmarkBaselineEncodingXML(b *testing.B) {
	path, size := bigGuide(b)
	b.SetBytes(size)
	for b.Loop() {
		f, err := os.Open(path)
		if err != nil {
			b.Fatal(err)
		}
		d := xml.NewDecoder(f)
		for {
			if _, err := d.RawToken(); err == io.EOF {
				break
			} else if err != nil {
				b.Fatal(err)
			}
		}
		f.Close()
	}
}

func BenchmarkCacheLoad100MB(b *testing.B) {
	path, _ := bigGuide(b)
	g, err := ParseFile(path)
	if err != nil {
		b.Fatal(err)
	}
	c := &Cache{Dir: b.TempDir()}
	if err := c.Save("big", g); err != nil {
		b.Fatal(err)
	}
	st, _ := os.Stat(c.path("big"))
	b.SetBytes(st.Size())
	b.ResetTimer()
	for b.Loop() {
		if _, err := c.Load("big"); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(st.Size())/1e6, "file-MB")
}

func BenchmarkMatchAndNowNext(b *testing.B) {
	path, _ := bigGuide(b)
	g, err := ParseFile(path)
	if err != nil {
		b.Fatal(err)
	}
	// A playlist naming the guide's channels the way providers do: a third
	// by tvg-id, the rest by dressed-up names only.
	var chs []playlist.Channel
	for i, c := range xmltvgen.Channels(xmltvgen.Config{}) {
		ch := playlist.Channel{Name: "UK: " + c.Name + " FHD"}
		if i%3 == 0 {
			ch.TvgID = c.ID
		}
		chs = append(chs, ch)
	}
	now := time.Date(2026, 11, 25, 20, 0, 0, 0, time.UTC)
	b.ResetTimer()
	var m *Matches
	for b.Loop() {
		m = match(playlist.List(chs), g, "")
		for i := range chs {
			g.NowNext(m.Key(i), now)
		}
	}
	b.ReportMetric(float64(m.Matched)/float64(len(chs))*100, "%matched")
}
