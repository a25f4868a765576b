package session

import (
	"context"
	"testing"
	"time"

	"github.com/tuner-iptv/tuner/internal/sim"
	"github.com/tuner-iptv/tuner/internal/testutil"
	"github.com/tuner-iptv/tuner/session/player"
)

// TestWatchRecordingPausesWithMPV records a channel, watches it in real mpv
// as it records, pauses it through mpv's IPC, goes on and rewinds: the panel sees one
// connection throughout, and the recording runs on after the watching stops.
func TestWatchRecordingPausesWithMPV(t *testing.T) {
	testutil.RequireTool(t, "mpv")
	s := startSim(t, sim.Config{MaxConnections: 1, Password: credsPass})
	m := newManager(t, Options{Player: "mpv --no-config --vo=null --ao=null"})
	m.SetCredentials("sim", simCredentials(s))
	ctx := context.Background()
	r, err := m.Record(ctx, keptChannel(t, s, 3), RecordRequest{Dir: t.TempDir(), Until: time.Now().Add(time.Hour)})
	if err != nil {
		t.Fatal(err)
	}
	if err := m.WatchRecording(ctx, r); err != nil {
		t.Fatal(err)
	}
	mpv := m.player.(player.Pauser)
	status := m.player.Status
	eventually(t, "mpv to play the recording", func() bool { return status().Playing && status().Position > time.Second })
	if err := mpv.SetPause(ctx, true); err != nil {
		t.Fatal(err)
	}
	eventually(t, "mpv to pause", func() bool { return status().Paused })
	at, size := status().Position, fileSize(r.Path())
	// The pause itself is what is tested, as long as the issue measures it:
	// the file grows, mpv stays put.
	const pause = 10 * time.Second
	time.Sleep(pause)
	if d := status().Position - at; d > 200*time.Millisecond || d < -200*time.Millisecond {
		t.Errorf("paused for %s, mpv moved by %s", pause, d)
	}
	if grown := fileSize(r.Path()) - size; grown <= 0 {
		t.Errorf("the recording grew by %d bytes during the pause, want more", grown)
	}
	if err := mpv.SetPause(ctx, false); err != nil {
		t.Fatal(err)
	}
	eventually(t, "mpv to go on from where it paused", func() bool { return !status().Paused && status().Position > at+time.Second })
	// Rewind: the file is local, so going back costs the panel nothing.
	back := status().Position
	if err := m.Seek(ctx, -2*time.Second); err != nil {
		t.Fatal(err)
	}
	eventually(t, "mpv to go back", func() bool { p := status().Position; return p > 0 && p < back })
	if err := m.Stop(ctx); err != nil {
		t.Fatal(err)
	}
	size = fileSize(r.Path())
	eventually(t, "the recording to go on after the watching stopped", func() bool { return fileSize(r.Path()) > size })
	if len(m.Recordings()) != 1 || s.Active() != 1 {
		t.Errorf("after the watching stopped: %d recordings, %d connections; want the recording's one", len(m.Recordings()), s.Active())
	}
	t.Logf("watched and paused %s: peak %d connection(s), %d refused, file %d bytes", pause, s.Peak(), len(s.Rejections()), fileSize(r.Path()))
	if in := r.Info(); len(in.Gaps) != 0 || in.LastError != "" {
		t.Errorf("the recording was disturbed by the watching: %+v", in)
	}
	if s.Peak() != 1 || len(s.Rejections()) != 0 {
		t.Errorf("peak %d, %d refused; want one connection throughout", s.Peak(), len(s.Rejections()))
	}
}
