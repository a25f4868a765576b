// Command xmltvgen writes a large deterministic XMLTV guide for benchmarks,
// or, with -parse, parses a guide and prints what it took, so peak memory can
// be measured on a process that does nothing else:
//
//	go build -o xmltvgen ./playlist/epg/cmd/xmltvgen
//	./xmltvgen -o guide.xml                 # about 100 MB, 2,000 channels, 7 days
//	/usr/bin/time -v ./xmltvgen -parse guide.xml
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"syscall"
	"time"

	"github.com/tuner-iptv/tuner/playlist/epg"
	"github.com/tuner-iptv/tuner/playlist/epg/internal/xmltvgen"
)

func main() {
	out := flag.String("o", "", "write a generated guide to this file")
	channels := flag.Int("channels", 2000, "channels to generate")
	days := flag.Int("days", 7, "days to generate")
	parse := flag.String("parse", "", "parse this guide and report time and memory")
	flag.Parse()
	var err error
	switch {
	case *parse != "":
		err = runParse(*parse)
	case *out != "":
		err = generate(*out, xmltvgen.Config{Channels: *channels, Days: *days})
	default:
		flag.Usage()
		os.Exit(2)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "xmltvgen:", err)
		os.Exit(1)
	}
}

func generate(path string, c xmltvgen.Config) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".xmltvgen-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	n, err := xmltvgen.Write(tmp, c)
	if err == nil {
		err = tmp.Close()
	}
	if err != nil {
		tmp.Close()
		return err
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return err
	}
	fmt.Printf("%s: %d bytes\n", path, n)
	return nil
}

func runParse(path string) error {
	st, err := os.Stat(path)
	if err != nil {
		return err
	}
	start := time.Now()
	g, err := epg.ParseFile(path)
	if err != nil {
		return err
	}
	took := time.Since(start)
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	mb := float64(st.Size()) / 1e6
	fmt.Printf("%s: %.1f MB in %v (%.0f MB/s)\n", path, mb, took.Round(time.Millisecond), mb/took.Seconds())
	fmt.Printf("channels %d, programmes %d, skipped %d, duplicates %d\n",
		g.Stats.Channels, g.Stats.Programmes, g.Stats.Skipped, g.Stats.Duplicates)
	fmt.Printf("guide footprint %.1f MB, heap in use %.1f MB, peak RSS %.1f MB\n",
		float64(g.Footprint())/1e6, float64(ms.HeapInuse)/1e6, float64(ru.Maxrss)/1024)
	runtime.KeepAlive(g)
	return nil
}
