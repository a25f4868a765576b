package tui

import (
	"encoding/base64"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/tuner-iptv/tuner/playlist"
	"github.com/tuner-iptv/tuner/session"
	"github.com/tuner-iptv/tuner/tui/browser"
)

// clipboardOf is what the clipboard sequence cmd sends puts there.
func clipboardOf(t *testing.T, cmd tea.Cmd) string {
	t.Helper()
	if cmd == nil {
		t.Fatal("nothing was copied")
	}
	raw, ok := cmd().(tea.RawMsg)
	if !ok {
		t.Fatalf("sent %T, want the clipboard sequence", cmd())
	}
	b64 := strings.TrimSuffix(strings.TrimPrefix(raw.Msg.(string), "\x1b]52;c;"), "\a")
	got, err := base64.StdEncoding.DecodeString(b64)
	if err != nil {
		t.Fatal(err)
	}
	return string(got)
}

// In remote mode y copies the gate's URL the person's own player opens,
// never the provider's, which would take a second connection.
func TestCopyInRemoteModeCopiesTheGateURL(t *testing.T) {
	m := browsing(t, Options{Controller: remoteFake{gatedController: gatedController{newFakeController()}}, Getenv: env(nil)})
	m.Update(tea.WindowSizeMsg{Width: 120, Height: 24})
	_, cmd := m.Update(keyPress("y"))
	if cmd != nil {
		t.Errorf("y copied %q with nothing playing", clipboardOf(t, cmd))
	}
	if s := statusOf(m); !strings.Contains(s, "then y copies the gate URL") {
		t.Errorf("status with nothing playing: %q", s)
	}
	m.Update(browser.PlayMsg{Channel: *m.browser.SelectedChannel()})
	m.Update(playResultMsg{seq: m.play.seq, slots: session.SlotStatus{Held: 1, Limit: 1}})
	_, cmd = m.Update(keyPress("y"))
	gate := "http://127.0.0.1:41234/live/0123abcd/live.ts" // the stable URL that follows every zap
	if got := clipboardOf(t, cmd); got != gate {
		t.Fatalf("copied %q, want the gate URL", got)
	}
	if s := statusOf(m); !strings.Contains(s, "copied the gate URL for the remote player: "+gate) {
		t.Errorf("status after copying: %q", s)
	}
}

// With Reveal (--show-secrets) y copies the URL a request sends, and says so.
func TestCopyWithRevealCopiesThePassword(t *testing.T) {
	reveal := func(ch playlist.Channel) string { return strings.Replace(ch.URL, "***", "s3cret", 1) }
	m := browsing(t, Options{Getenv: env(nil), Reveal: reveal})
	m.Update(tea.WindowSizeMsg{Width: 120, Height: 24})
	m.Update(keyPress("j"))
	_, cmd := m.Update(keyPress("y"))
	if got := clipboardOf(t, cmd); got != "http://provider.test/live/alice/s3cret/2.ts" {
		t.Fatalf("copied %q", got)
	}
	if s := statusOf(m); !strings.Contains(s, "with its password (--show-secrets)") || strings.Contains(s, "s3cret") {
		t.Errorf("status after copying: %q", s)
	}
}
