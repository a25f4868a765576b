package sim

import (
	"context"
	"os/exec"
	"syscall"
	"testing"
	"time"

	"github.com/tuner-iptv/tuner/internal/testutil"
)

// TestMPVHoldsOneSlotAndGivesItBack plays a channel with a real player and
// checks the books: one TS connection while it plays, closed by the client
// once the player is stopped, with the stream's bytes counted.
func TestMPVHoldsOneSlotAndGivesItBack(t *testing.T) {
	mpv := testutil.RequireTool(t, "mpv")
	for _, ext := range []string{"ts", "m3u8"} {
		t.Run(ext, func(t *testing.T) {
			// A grace longer than mpv's 2 s between HLS requests, short enough
			// that the session's end comes soon after mpv quits.
			s := New(Config{HLSGrace: 3 * time.Second})
			if err := s.Start("127.0.0.1:0"); err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			ctx, cancel := context.WithTimeout(t.Context(), 30*time.Second)
			defer cancel()

			cmd := exec.CommandContext(ctx, mpv, "--no-config", "--vo=null", "--ao=null", "--really-quiet", s.StreamURL(1, ext))
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			played := func() bool {
				cs := s.Connections()
				return len(cs) == 1 && cs[0].Active() && cs[0].Bytes > int64(2*s.clip.ByteRate())
			}
			if err := s.WaitFor(ctx, played); err != nil {
				t.Fatalf("mpv did not play: %v; connections %+v", err, s.Connections())
			}
			_ = cmd.Process.Signal(syscall.SIGTERM)
			_ = cmd.Wait()
			if err := s.WaitActive(ctx, 0); err != nil {
				t.Fatalf("slot still held after mpv quit: %+v", s.Connections())
			}
			cs := s.Connections()
			want := ClosedByClient
			if ext == "m3u8" {
				want = ClosedExpired
			}
			if len(cs) != 1 || cs[0].Reason != want || len(s.Rejections()) != 0 {
				t.Fatalf("connections %+v, rejections %+v", cs, s.Rejections())
			}
		})
	}
}
