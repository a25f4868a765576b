package session

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tuner-iptv/tuner/internal/sim"
)

// TestAFailedReleaseIsReported: when the lease cannot be written as given
// back, the log says so and the next event carries a *ReleaseError for the
// screen, whatever ended the playback.
func TestAFailedReleaseIsReported(t *testing.T) {
	tests := []struct {
		name string
		end  func(t *testing.T, m *Manager, s *sim.Server)
	}{
		{"Stop", func(t *testing.T, m *Manager, _ *sim.Server) {
			if err := m.Stop(context.Background()); err == nil {
				t.Error("Stop returned no error for the lease it could not release")
			}
		}},
		{"the provider cuts the stream", func(t *testing.T, _ *Manager, s *sim.Server) {
			if !s.Kick(s.Connections()[0].ID) {
				t.Fatal("no connection to cut")
			}
		}},
		{"a zap", func(t *testing.T, m *Manager, s *sim.Server) {
			m.Play(context.Background(), simChannel(s, 2, "ts"))
		}},
		{"Close", func(t *testing.T, m *Manager, _ *sim.Server) {
			m.Close(context.Background())
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := startSim(t, sim.Config{MaxConnections: 1})
			var log syncBuffer
			m := newManager(t, Options{Player: fakePlayer(t), Logger: slog.New(slog.NewTextHandler(&log, nil))})
			play(t, m, simChannel(s, 1, "ts"))
			simWait(t, s, 1)
			breakStore(t, m)
			tt.end(t, m, s)
			var re *ReleaseError
			if e := waitWarning(m); !errors.As(e, &re) || re.Channel != simChannel(s, 1, "ts").Name {
				t.Fatalf("no event carried the release failure: %v", e)
			}
			if !strings.Contains(re.Error(), "may not have been recorded as given back") {
				t.Errorf("warning text %q", re.Error())
			}
			if !strings.Contains(log.String(), "lease release failed") {
				t.Errorf("the log does not mention the failed release:\n%s", log.String())
			}
		})
	}
}

// breakStore makes the lease file unreadable, so every later write fails.
func breakStore(t *testing.T, m *Manager) {
	t.Helper()
	if err := os.WriteFile(filepath.Join(m.Store().Dir(), "leases.json"), []byte("not json"), 0o600); err != nil {
		t.Fatal(err)
	}
}

// waitWarning returns the first Warning an event carries, or nil once no
// event came for a while or Events closed.
func waitWarning(m *Manager) error {
	for {
		select {
		case e, ok := <-m.Events():
			if !ok {
				return nil
			}
			if e.Warning != nil {
				return e.Warning
			}
		case <-time.After(5 * time.Second):
			return nil
		}
	}
}

// syncBuffer is a log destination the watcher and the test share.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.String()
}
