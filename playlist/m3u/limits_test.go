package m3u

import (
	"errors"
	"io"
	"os"
	"runtime"
	"strings"
	"testing"

	"github.com/tuner-iptv/tuner/playlist"
)

// pattern repeats pat for n bytes (n < 0: for ever), counting what was read.
type pattern struct {
	pat  []byte
	n    int64
	read int64
}

func (p *pattern) Read(b []byte) (int, error) {
	if p.n >= 0 && p.read >= p.n {
		return 0, io.EOF
	}
	if p.n >= 0 && int64(len(b)) > p.n-p.read {
		b = b[:p.n-p.read]
	}
	for i := range b {
		b[i] = p.pat[(p.read+int64(i))%int64(len(p.pat))]
	}
	p.read += int64(len(b))
	return len(b), nil
}

// allocated is how many bytes f allocates.
func allocated(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

func wantTooLarge(t *testing.T, err error, detail string) {
	t.Helper()
	var pe *playlist.Error
	if !errors.As(err, &pe) || pe.Problem != playlist.TooLarge {
		t.Fatalf("error %v, want a TooLarge *playlist.Error", err)
	}
	if !strings.Contains(err.Error(), detail) || strings.Contains(err.Error(), "\n") {
		t.Errorf("error %q, want one line with %q", err, detail)
	}
}

func TestALineOverTheCapEndsTheParseWithoutHoldingIt(t *testing.T) {
	const maxLine = 256 << 10
	tests := []struct {
		name string
		in   *pattern
	}{
		{"zeros", &pattern{pat: []byte{0}, n: 64 << 20}},
		{"a header line with no end", &pattern{pat: []byte("#EXTM3U url-tvg=\"http://g/e.xml\" "), n: 64 << 20}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var err error
			n := allocated(func() {
				_, err = ParseWith(tt.in, "zeros.m3u", nil, Limits{MaxLine: maxLine})
			})
			wantTooLarge(t, err, "zeros.m3u: line 1 is longer than 256 KB")
			if tt.in.read > 2*maxLine {
				t.Errorf("read %d bytes of a line capped at %d", tt.in.read, maxLine)
			}
			if n > 8*maxLine {
				t.Errorf("allocated %d bytes for a line capped at %d", n, maxLine)
			}
		})
	}
}

func TestALineUnderTheCapIsKept(t *testing.T) {
	name := strings.Repeat("n", 200<<10)
	in := "#EXTM3U\n#EXTINF:-1," + name + "\nhttp://h/1.ts\n"
	p, err := ParseWith(strings.NewReader(in), "x", nil, Limits{MaxLine: 256 << 10})
	if err != nil || p.Channels.Len() != 1 || p.Channels.At(0).Name != name {
		t.Fatalf("got %v, %v", p, err)
	}
}

func TestEndlessInputOfUnknownSizeStopsAtTheStreamCap(t *testing.T) {
	const capBytes = 1 << 20
	in := &pattern{pat: []byte("x\n"), n: -1}
	// io.MultiReader hides the size, as a pipe or a fifo would.
	_, err := ParseWith(io.MultiReader(in), "stdin", nil, Limits{MaxStream: capBytes})
	wantTooLarge(t, err, "stdin: too large (over 1 MB)")
	if in.read > capBytes+512<<10 {
		t.Errorf("read %d bytes past a %d-byte cap", in.read, capBytes)
	}
}

func TestInputExactlyAtTheStreamCapIsRead(t *testing.T) {
	in := "#EXTM3U\n#EXTINF:-1,One\nhttp://h/1.ts\n"
	p, err := ParseWith(io.MultiReader(strings.NewReader(in)), "stdin", nil, Limits{MaxStream: int64(len(in))})
	if err != nil || p.Channels.Len() != 1 {
		t.Fatalf("got %v, %v", p, err)
	}
}

func TestARegularFileWithNoNewlineEndsAtTheLineCap(t *testing.T) {
	path := t.TempDir() + "/one-line.m3u"
	if err := os.WriteFile(path, []byte(strings.Repeat("#EXTM3U ", 512<<10)), 0o600); err != nil {
		t.Fatal(err)
	}
	var err error
	n := allocated(func() { _, err = ParseFileWith(path, "one-line.m3u", nil, Limits{MaxLine: 256 << 10}) })
	wantTooLarge(t, err, "one-line.m3u: line 1 is longer than 256 KB")
	if n > 2<<20 {
		t.Errorf("allocated %d KB for a line capped at 256 KB", n>>10)
	}
}
