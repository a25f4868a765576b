package tui

import (
	"bytes"
	"context"
	"errors"
	"io"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/tuner-iptv/tuner/playlist"
)

// blockingReader is a terminal nobody types on.
type blockingReader struct{ done chan struct{} }

func (r blockingReader) Read([]byte) (int, error) {
	<-r.done
	return 0, io.EOF
}

func TestRunClosesControllerWhenCancelled(t *testing.T) {
	ctrl := newFakeController()
	ctx, cancel := context.WithCancel(context.Background())
	in := blockingReader{done: make(chan struct{})}
	defer close(in.done)
	var out bytes.Buffer
	errc := make(chan error, 1)
	go func() {
		errc <- Run(ctx, Options{
			Cached:     []*playlist.Playlist{sample()},
			Controller: ctrl,
			ProgramOptions: []tea.ProgramOption{
				tea.WithInput(in), tea.WithOutput(&out), tea.WithWindowSize(80, 24), tea.WithoutSignals(),
			},
		})
	}()
	cancel()
	err := <-errc
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("Run after cancel returned %v, want context.Canceled", err)
	}
	if _, closed := ctrl.snapshot(); closed != 1 {
		t.Fatalf("the controller was closed %d times, want 1", closed)
	}
}
