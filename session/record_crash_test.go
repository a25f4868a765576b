package session

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/tuner-iptv/tuner/internal/sim"
	"github.com/tuner-iptv/tuner/internal/testutil"
	"github.com/tuner-iptv/tuner/playlist"
	"github.com/tuner-iptv/tuner/session/lease"
	"github.com/tuner-iptv/tuner/session/record"
)

// With recorderEnv set to "STORE|URL|DIR", the test binary is a tuner that
// records URL into DIR, prints the file's path and runs until signalled.
const recorderEnv = "TUNER_SESSION_RECORDER_HELPER"

func init() {
	// Before TestMain: the helper process never runs the tests.
	if spec := os.Getenv(recorderEnv); spec != "" {
		os.Exit(recorderMain(spec))
	}
}

func recorderMain(spec string) int {
	parts := strings.Split(spec, "|")
	store, err := lease.Open(parts[0])
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	m, err := New(Options{RecordOnly: true, Store: store})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	done := make(chan struct{})
	stop := OnSignals(m, 5*time.Second, func(os.Signal) { close(done) })
	defer stop()
	r, err := m.Record(context.Background(), playlist.Channel{Name: "Helper", URL: parts[1]}, RecordRequest{Dir: parts[2]})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	fmt.Println(r.Path())
	<-done
	return 0
}

// startRecorder runs a recording tuner and waits until its file has bytes.
func startRecorder(t *testing.T, store *lease.Store, url, dir string) (*exec.Cmd, string) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), recorderEnv+"="+store.Dir()+"|"+url+"|"+dir)
	cmd.Stderr = os.Stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	line, err := bufio.NewReader(out).ReadString('\n')
	if err != nil {
		t.Fatalf("the recorder did not start: %v", err)
	}
	path := strings.TrimSuffix(line, "\n")
	testutil.Eventually(t, "bytes in the recording", func() bool {
		st, err := os.Stat(path)
		return err == nil && st.Size() > 0
	})
	return cmd, path
}

func TestSIGTERMEndsARecordingCleanly(t *testing.T) {
	s := startSim(t, sim.Config{})
	store, dir := tempStore(t), t.TempDir()
	cmd, path := startRecorder(t, store, s.StreamURL(3, "ts"), dir)
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	if err := cmd.Wait(); err != nil {
		t.Fatalf("the recorder ended with %v after SIGTERM, want exit 0", err)
	}
	in, err := record.ReadInfo(record.InfoPath(path))
	if err != nil {
		t.Fatal(err)
	}
	st, _ := os.Stat(path)
	if in.State != record.Done || in.Bytes != st.Size() {
		t.Errorf("info %+v, file %d bytes: want done, every byte counted", in, st.Size())
	}
	rec, _ := store.Recent()
	if act, _ := store.Active(); len(act) != 0 || len(rec) != 1 || rec[0].How != lease.Clean || rec[0].Kind != "recording" {
		t.Errorf("leases after SIGTERM: active %+v, recent %+v; want the recording's released clean", act, rec)
	}
	simWait(t, s, 0)
	if ffprobe := testutil.RequireTool(t, "ffprobe"); probeDuration(t, ffprobe, path) <= 0 {
		t.Errorf("ffprobe reads no duration in %s", path)
	}
}

func TestAKilledRecorderLeavesAPartialFileTheNextStartMarks(t *testing.T) {
	s := startSim(t, sim.Config{})
	store, dir := tempStore(t), t.TempDir()
	cmd, path := startRecorder(t, store, s.StreamURL(3, "ts"), dir)
	cmd.Process.Kill()
	cmd.Wait()
	if in, _ := record.ReadInfo(record.InfoPath(path)); in.State != record.Recording {
		t.Fatalf("info after the kill: %+v, want it still saying recording", in)
	}
	marked, err := record.Recover(dir)
	if err != nil || len(marked) != 1 {
		t.Fatalf("Recover marked %d, %v; want the killed one", len(marked), err)
	}
	in, _ := record.ReadInfo(record.InfoPath(path))
	st, _ := os.Stat(path)
	if in.State != record.Partial || in.Bytes != st.Size() {
		t.Errorf("info %+v, file %d bytes: want partial with the file's size", in, st.Size())
	}
	got, err := Recover(context.Background(), store)
	if err != nil || len(got.Recovered) != 1 || got.Recovered[0].Kind != "recording" {
		t.Errorf("lease recovery = %+v, %v; want the recording's lease recovered", got, err)
	}
	if msgs := got.Messages(); len(msgs) != 1 || !strings.Contains(msgs[0], "recording Helper") {
		t.Errorf("recovery says %q, want it to name the recording", msgs)
	}
}

func TestTunerStopEndsARecorderInAnotherProcess(t *testing.T) {
	s := startSim(t, sim.Config{})
	store, dir := tempStore(t), t.TempDir()
	cmd, path := startRecorder(t, store, s.StreamURL(3, "ts"), dir)
	stopped, err := StopAll(context.Background(), store)
	if err != nil || len(stopped) != 1 {
		t.Fatalf("StopAll = %d stopped, %v; want the recording", len(stopped), err)
	}
	if err := cmd.Wait(); err != nil {
		t.Fatalf("the recorder ended with %v, want exit 0 after its clean stop", err)
	}
	rec, _ := store.Recent()
	if len(rec) != 1 || rec[0].How != lease.Clean {
		t.Errorf("recent leases %+v: want the recorder's own clean release", rec)
	}
	if in, _ := record.ReadInfo(record.InfoPath(path)); in.State != record.Done {
		t.Errorf("info %+v, want done", in)
	}
}
