package session

import (
	"errors"
	"log/slog"
	"testing"

	"github.com/tuner-iptv/tuner/playlist"
	"github.com/tuner-iptv/tuner/session/player"
)

func TestEventsOfAPlayerClosedFromOutside(t *testing.T) {
	ch := playlist.Channel{Name: "UK: BBC One HD"}
	crash := errors.New("mpv exited: segmentation fault")
	for _, tc := range []struct {
		name    string
		in      Event
		state   State
		message string
	}{
		{"closed by another tuner is a stop", Event{State: Failed, Channel: ch, Err: player.ErrClosed, Message: player.ErrClosed.Error()},
			Stopped, "stopped: the player was closed by another tuner or `tuner stop`"},
		{"a crash stays a failure", Event{State: Failed, Channel: ch, Err: crash, Message: crash.Error()},
			Failed, crash.Error()},
		{"the person's stop is untouched", Event{State: Stopped, Channel: ch, Message: "stopped"},
			Stopped, "stopped"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m := &Manager{events: newOutbox(1), log: slog.New(slog.DiscardHandler)}
			m.emit(tc.in)
			got := <-m.Events()
			if got.State != tc.state || got.Message != tc.message || got.Channel.Name != ch.Name {
				t.Fatalf("event %v %q, want %v %q", got.State, got.Message, tc.state, tc.message)
			}
			if tc.in.Err != nil && !errors.Is(got.Err, tc.in.Err) {
				t.Fatalf("the event lost its error: %v", got.Err)
			}
		})
	}
}
