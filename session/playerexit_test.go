package session

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/tuner-iptv/tuner/internal/sim"
	"github.com/tuner-iptv/tuner/session/player"
)

// A player that ends at once, with an error or with status 0 as ffplay
// -nodisp does without a sound device, is a failure the screen names with
// the player's own last complaint and what to try.
func TestAPlayerThatEndsAtOnceSaysWhy(t *testing.T) {
	for _, status := range []string{"1", "0"} {
		t.Run("status "+status, func(t *testing.T) {
			s := startSim(t, sim.Config{MaxConnections: 1})
			m := newManager(t, Options{Player: fakePlayer(t)})
			t.Setenv(fakeQuitsEnv, status)
			err := m.Play(context.Background(), simChannel(s, 1, "ts"))
			if err == nil {
				e := waitFor(t, m, "the player's end", func(e Event) bool { return e.State != Playing && e.State != Starting })
				if e.State != Failed {
					t.Fatalf("after the player ended: %v %q", e.State, e.Message)
				}
				err = e.Err
			}
			var pe *PlayerError
			if !errors.As(err, &pe) {
				t.Fatalf("error %v (%T), want a *PlayerError", err, err)
			}
			msg := Words(err)
			for _, want := range []string{"fakeplayer stopped after", "ALSA: Couldn't open audio device", "--mode"} {
				if !strings.Contains(msg, want) {
					t.Errorf("message %q lacks %q", msg, want)
				}
			}
			simWait(t, s, 0)
			if act, _ := m.Store().Active(); len(act) != 0 {
				t.Errorf("leases still held: %+v", act)
			}
		})
	}
}

// server-display on a machine whose display :0 is not running is refused at
// the start instead of playing into nothing.
func TestAMissingServerDisplayIsSaidAtTheStart(t *testing.T) {
	_, err := New(Options{Player: fakePlayer(t), Store: tempStore(t), PlayerOptions: player.Options{Env: []string{"DISPLAY=:97"}}})
	if err == nil || !strings.Contains(err.Error(), "no display :97") {
		t.Fatalf("New with a display that is not there: %v", err)
	}
}
