package session

import (
	"context"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/tuner-iptv/tuner/internal/sim"
	"github.com/tuner-iptv/tuner/internal/testutil"
	"github.com/tuner-iptv/tuner/session/record"
)

func TestADropMidRecordingContinuesTheFileAfterAGap(t *testing.T) {
	s := startSim(t, sim.Config{Password: credsPass, Faults: sim.Faults{DropAfterBytes: 64 << 10}})
	m := recordingManager(t, s, Options{ReconnectWait: 100 * time.Millisecond})
	r, err := m.Record(context.Background(), keptChannel(t, s, 3), RecordRequest{Dir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	testutil.Eventually(t, "a gap after the drop and bytes after it", func() bool {
		in := r.Info()
		return len(in.Gaps) > 0 && in.Bytes > 96<<10
	})
	if err := r.Stop(context.Background()); err != nil {
		t.Fatal(err)
	}
	in := r.Info()
	st, _ := os.Stat(r.Path())
	if in.State != record.Done || st.Size() != in.Bytes || in.Gaps[0].Length() <= 0 {
		t.Errorf("info %+v, file %d bytes: want one file going on after the drop, the gap timed", in, st.Size())
	}
	if !strings.Contains(in.Gaps[0].Reason, "provider") {
		t.Errorf("gap reason %q, want the cut in words", in.Gaps[0].Reason)
	}
	if s.Peak() != 1 {
		t.Errorf("simulator peak = %d, want 1: the reconnect opened only after the cut closed", s.Peak())
	}
}

func TestARefusalMidRecordingIsDiagnosedAndRetried(t *testing.T) {
	s := startSim(t, sim.Config{Password: credsPass})
	m := recordingManager(t, s, Options{ReconnectWait: 100 * time.Millisecond,
		Explain: func(ref *Refusal) string { return "diagnosis: the panel refused with " + http401(ref) }})
	r, err := m.Record(context.Background(), keptChannel(t, s, 3), RecordRequest{Dir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	simWait(t, s, 1)
	s.SetFaults(sim.Faults{IPLock: 401})
	s.Kick(s.Connections()[0].ID)
	testutil.Eventually(t, "the diagnosis in the info file", func() bool {
		in, err := record.ReadInfo(r.Info().Path)
		return err == nil && in.LastError == "diagnosis: the panel refused with 401"
	})
	before := r.Info().Bytes
	s.SetFaults(sim.Faults{})
	testutil.Eventually(t, "bytes after the refusal ended", func() bool { return r.Info().Bytes > before })
	r.Stop(context.Background())
	if in := r.Info(); len(in.Gaps) != 1 || in.State != record.Done {
		t.Errorf("info %+v: want one gap, done", in)
	}
	if rej := len(s.Rejections()); rej > 4 {
		t.Errorf("%d refused attempts in about a second: not polite", rej)
	}
	if s.Peak() != 1 {
		t.Errorf("simulator peak = %d, want 1", s.Peak())
	}
}

func http401(ref *Refusal) string {
	if ref.Status == 401 {
		return "401"
	}
	return "something else"
}
