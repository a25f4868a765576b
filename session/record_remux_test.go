//go:build unix

package session

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/tuner-iptv/tuner/internal/sim"
	"github.com/tuner-iptv/tuner/internal/testutil"
	"github.com/tuner-iptv/tuner/session/record"
)

func TestARecordingRemuxedToMKVIsNamedSo(t *testing.T) {
	testutil.RequireTool(t, "ffmpeg")
	ffprobe := testutil.RequireTool(t, "ffprobe")
	s := startSim(t, sim.Config{Password: credsPass})
	m := recordingManager(t, s, Options{})
	dir := t.TempDir()
	r, err := m.Record(context.Background(), keptChannel(t, s, 3), RecordRequest{Until: time.Now().Add(2 * time.Second), Dir: dir, Remux: "mkv"})
	if err != nil {
		t.Fatal(err)
	}
	ts := r.Path()
	waitDone(t, r, time.Minute)
	if filepath.Ext(r.Path()) != ".mkv" || r.Info().File != filepath.Base(r.Path()) || !r.Info().Remuxed {
		t.Fatalf("path %s, info %+v after Done: want the MKV", r.Path(), r.Info())
	}
	if d := probeDuration(t, ffprobe, r.Path()); d < time.Second {
		t.Errorf("ffprobe reads %s of the MKV, want about 2 s", d)
	}
	if _, err := os.Stat(ts); !os.IsNotExist(err) {
		t.Errorf("the TS is still there beside its MKV (%v)", err)
	}
	all, err := record.List(dir)
	if err != nil || len(all) != 1 || all[0].MediaPath() != r.Path() {
		t.Errorf("List = %+v, %v; want the one recording, naming the MKV", all, err)
	}
}

// slowFFmpeg puts first in PATH an ffmpeg that waits until the test writes
// to the FIFO it returns, then copies its input to its output.
func slowFFmpeg(t *testing.T) string {
	t.Helper()
	sh := testutil.RequireTool(t, "sh")
	bin := t.TempDir()
	fifo := filepath.Join(bin, "go")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	script := "#!" + sh + "\nwhile [ $# -gt 1 ]; do\n\tif [ \"$1\" = -i ]; then in=${2#file:}; fi\n\tshift\ndone\n" +
		"read go < '" + fifo + "'\ncp \"$in\" \"${1#file:}\"\n"
	if err := os.WriteFile(filepath.Join(bin, "ffmpeg"), []byte(script), 0o700); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", bin+string(os.PathListSeparator)+os.Getenv("PATH"))
	return fifo
}

func TestARemuxHoldsNoSlotAndStopDoesNotWaitForIt(t *testing.T) {
	fifo := slowFFmpeg(t)
	s := startSim(t, sim.Config{Password: credsPass})
	m := recordingManager(t, s, Options{})
	r, err := m.Record(context.Background(), keptChannel(t, s, 3), RecordRequest{Dir: t.TempDir(), Remux: "mkv"})
	if err != nil {
		t.Fatal(err)
	}
	testutil.Eventually(t, "the first bytes recorded", func() bool { return r.Info().Bytes > 0 })
	ts := r.Path()
	ctx, cancel := context.WithTimeout(context.Background(), testutil.WaitLimit)
	defer cancel()
	if err := r.Stop(ctx); err != nil {
		t.Fatalf("Stop while ffmpeg waits: %v; want it back once the slot is free", err)
	}
	select {
	case <-r.Done():
		t.Fatal("Done before ffmpeg finished")
	default:
	}
	if act, _ := m.Store().Active(); len(act) != 0 || len(m.Recordings()) != 0 || r.Path() != ts {
		t.Errorf("while ffmpeg runs: leases %+v, recordings %d, path %s; want the slot free and the TS named", act, len(m.Recordings()), r.Path())
	}
	w, err := os.OpenFile(fifo, os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	w.WriteString("go\n")
	w.Close()
	waitDone(t, r, 10*time.Second)
	if r.Path() != strings.TrimSuffix(ts, ".ts")+".mkv" || !r.Info().Remuxed {
		t.Errorf("after Done: path %s, info %+v; want the MKV", r.Path(), r.Info())
	}
}
