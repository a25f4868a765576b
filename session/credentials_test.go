package session

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tuner-iptv/tuner/internal/sim"
	"github.com/tuner-iptv/tuner/playlist"
)

const credsPass = "kept-Out-7"

// keptChannel is a simulator channel as an account keeps it: the
// placeholder where the password goes.
func keptChannel(t *testing.T, s *sim.Server, id int) playlist.Channel {
	t.Helper()
	ch := simChannel(s, id, "ts")
	kept := strings.Replace(ch.URL, "/"+credsPass+"/", "/"+playlist.Placeholder+"/", 1)
	if kept == ch.URL {
		t.Fatalf("test premise: %s has the password in its path", ch.URL)
	}
	ch.URL = kept
	return ch
}

func simCredentials(s *sim.Server) playlist.Credentials {
	return playlist.Credentials{Host: strings.TrimPrefix(s.URL(), "http://"), Username: s.Username(), Password: s.Password()}
}

func TestGateSendsTheAccountsPasswordUpstream(t *testing.T) {
	s := startSim(t, sim.Config{Password: credsPass})
	m := newManager(t, Options{Player: fakePlayer(t)})
	m.SetCredentials("sim", simCredentials(s))
	if err := m.Play(context.Background(), keptChannel(t, s, 3)); err != nil {
		t.Fatalf("Play = %v: the provider must accept the gate's request", err)
	}
	simWait(t, s, 1)
	err := filepath.WalkDir(m.Store().Dir(), func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err == nil && strings.Contains(string(b), credsPass) {
			t.Errorf("%s holds the password", filepath.Base(p))
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}

// In direct mode the player is handed the request URL, so a player that
// would show it in its arguments is refused before anything starts.
func TestDirectModeHandsThePlayerTheRequestURL(t *testing.T) {
	s := startSim(t, sim.Config{Password: credsPass})
	m := newManager(t, Options{Player: fakePlayer(t), Direct: true})
	m.SetCredentials("sim", simCredentials(s))
	err := m.Play(context.Background(), keptChannel(t, s, 3))
	if err == nil || !strings.Contains(err.Error(), "would show its password") {
		t.Fatalf("Play = %v, want the refusal to put the password in the arguments", err)
	}
	if strings.Contains(err.Error(), credsPass) {
		t.Errorf("error shows the password: %v", err)
	}
}

func TestDirectModeConfirmsWithTheRequestURL(t *testing.T) {
	s := startSim(t, sim.Config{Password: credsPass})
	m := newManager(t, Options{Player: fakePlayer(t)})
	ch := keptChannel(t, s, 3)
	acct := Account{Credentials: simCredentials(s)}
	// The player failed but the provider accepts the account's request: the
	// player's own error stands, not a refusal of the placeholder.
	playerErr := context.DeadlineExceeded
	if err := m.confirm(context.Background(), ch, acct, playerErr); err != playerErr {
		t.Errorf("confirm = %v, want the player's error", err)
	}
}
