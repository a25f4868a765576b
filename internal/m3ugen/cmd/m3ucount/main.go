// Command m3ucount parses a playlist file and prints its channel count, the
// time taken and the process's peak resident memory, the numbers the parser's
// speed and memory targets are stated in:
//
//	go build -o /tmp/m3ucount ./internal/m3ugen/cmd/m3ucount
//	/tmp/m3ucount /tmp/big.m3u          # parse
//	/tmp/m3ucount -lines /tmp/big.m3u   # baseline: only read and count lines
//	cat /tmp/big.m3u | /tmp/m3ucount -  # parse a stream of unknown size
//	/tmp/m3ucount -whole /tmp/big.m3u   # read the file whole, then parse
package main

import (
	"bufio"
	"bytes"
	"flag"
	"fmt"
	"io"
	"os"
	"syscall"
	"time"

	"github.com/tuner-iptv/tuner/playlist/m3u"
)

func main() {
	lines := flag.Bool("lines", false, "only read the file and count its lines")
	whole := flag.Bool("whole", false, "read the whole file into memory first, then parse it")
	flag.Parse()
	if flag.NArg() != 1 {
		fmt.Fprintln(os.Stderr, "usage: m3ucount [-lines] FILE")
		os.Exit(2)
	}
	start := time.Now()
	n, err := count(flag.Arg(0), *lines, *whole)
	if err != nil {
		fmt.Fprintln(os.Stderr, "m3ucount:", err)
		os.Exit(1)
	}
	elapsed := time.Since(start)
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	fmt.Printf("%d\t%v\tmaxrss %.1f MB\n", n, elapsed.Round(time.Millisecond), float64(ru.Maxrss)/1024)
}

func count(path string, lines, whole bool) (int, error) {
	if whole { // the alternative ParseFile does not take: it costs the file's size in memory
		b, err := os.ReadFile(path)
		if err != nil {
			return 0, err
		}
		p, err := m3u.Parse(bytes.NewReader(b), path, nil)
		if err != nil {
			return 0, err
		}
		return p.Channels.Len(), nil
	}
	if path == "-" { // a pipe: the parser cannot know the size in advance
		p, err := m3u.Parse(os.Stdin, "stdin", nil)
		if err != nil {
			return 0, err
		}
		return p.Channels.Len(), nil
	}
	if !lines {
		p, err := m3u.ParseFile(path, path, nil)
		if err != nil {
			return 0, err
		}
		return p.Channels.Len(), nil
	}
	f, err := os.Open(path)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	r := bufio.NewReaderSize(f, 1<<20)
	n := 0
	for {
		b, err := r.ReadSlice('\n')
		n += bytes.Count(b, []byte{'\n'})
		if err == io.EOF {
			return n, nil
		}
		if err != nil && err != bufio.ErrBufferFull {
			return n, err
		}
	}
}
