//go:build unix

package record

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/tuner-iptv/tuner/internal/testutil"
)

// heldFFmpeg is an ffmpeg that opens its input, says so on the FIFO
// ready, waits until the test writes to the FIFO goOn, then copies the
// input to its output.
func heldFFmpeg(t *testing.T) (path, ready, goOn string) {
	t.Helper()
	sh := testutil.RequireTool(t, "sh")
	bin := t.TempDir()
	ready, goOn = filepath.Join(bin, "ready"), filepath.Join(bin, "go")
	for _, f := range []string{ready, goOn} {
		if err := syscall.Mkfifo(f, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	script := "#!" + sh + "\nwhile [ $# -gt 1 ]; do\n\tif [ \"$1\" = -i ]; then in=${2#file:}; fi\n\tshift\ndone\n" +
		"exec 3< \"$in\"\necho open > '" + ready + "'\nread go < '" + goOn + "'\ncat <&3 > \"${1#file:}\"\n"
	path = filepath.Join(bin, "ffmpeg")
	if err := os.WriteFile(path, []byte(script), 0o700); err != nil {
		t.Fatal(err)
	}
	return path, ready, goOn
}

// fifoLine reads a line from the FIFO at path, or writes one to it.
func fifoLine(t *testing.T, path string, write bool) {
	t.Helper()
	flag := os.O_RDONLY
	if write {
		flag = os.O_WRONLY
	}
	f, err := os.OpenFile(path, flag, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if write {
		_, err = f.WriteString("go\n")
	} else {
		_, err = f.Read(make([]byte, 16))
	}
	if err != nil {
		t.Fatal(err)
	}
}

func TestARecordingDeletedDuringItsRemuxStaysDeleted(t *testing.T) {
	ff, ready, goOn := heldFFmpeg(t)
	c := &conns{plan: []func(context.Context) (io.ReadCloser, error){whole([]byte("some ts"))}}
	opts, _ := testOptions(t, c)
	opts.Remux, opts.FFmpeg = "mkv", ff
	r, err := Start(t.Context(), opts)
	if err != nil {
		t.Fatal(err)
	}
	fifoLine(t, ready, false)
	// What the catalogue's delete does: the file, then its info.
	os.Remove(r.Path())
	os.Remove(r.InfoPath())
	fifoLine(t, goOn, true)
	select {
	case <-r.Done():
	case <-time.After(testutil.WaitLimit):
		t.Fatal("the remux did not end")
	}
	if ents, _ := os.ReadDir(opts.Dir); len(ents) != 0 {
		t.Errorf("%d files came back after the delete: %v", len(ents), ents)
	}
}
