package clipboard

import (
	"encoding/base64"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
)

func TestOSC52(t *testing.T) {
	text := "Hello, provider: ünïcode and\nnew lines"
	seq := OSC52(text)
	const prefix, suffix = "\x1b]52;c;", "\a"
	if !strings.HasPrefix(seq, prefix) || !strings.HasSuffix(seq, suffix) {
		t.Fatalf("sequence %q lacks OSC 52 framing", seq)
	}
	payload := strings.TrimSuffix(strings.TrimPrefix(seq, prefix), suffix)
	got, err := base64.StdEncoding.DecodeString(payload)
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != text {
		t.Errorf("decoded %q, want %q", got, text)
	}
}

func env(vars map[string]string) func(string) string {
	return func(k string) string { return vars[k] }
}

func TestSequencePlainTerminal(t *testing.T) {
	if got := Sequence("x", env(nil)); got != OSC52("x") {
		t.Errorf("got %q, want the plain sequence", got)
	}
}

func TestSequenceTmux(t *testing.T) {
	plain := OSC52("message")
	got := Sequence("message", env(map[string]string{"TMUX": "tmux-socket,1234,0"}))
	wrapped := "\x1bPtmux;\x1b\x1b]52;c;" + base64.StdEncoding.EncodeToString([]byte("message")) + "\a\x1b\\"
	if got != plain+wrapped {
		t.Errorf("got %q, want %q", got, plain+wrapped)
	}
}

func TestSequenceScreenChunks(t *testing.T) {
	text := strings.Repeat("long message ", 200) // well over one screen string
	plain := OSC52(text)
	got := Sequence(text, env(map[string]string{"STY": "1234.pts-0.host"}))
	var joined strings.Builder
	pieces := strings.Split(got, "\x1b\\")
	if pieces[len(pieces)-1] != "" {
		t.Fatalf("sequence does not end with ST: %q", got[len(got)-10:])
	}
	for _, p := range pieces[:len(pieces)-1] {
		body, ok := strings.CutPrefix(p, "\x1bP")
		if !ok {
			t.Fatalf("piece %q does not start with DCS", p[:min(10, len(p))])
		}
		if len(body) > screenLimit {
			t.Errorf("piece of %d bytes, screen passes at most %d", len(body), screenLimit)
		}
		joined.WriteString(body)
	}
	if joined.String() != plain {
		t.Error("pieces do not add up to the plain sequence")
	}
	if len(pieces) < 3 {
		t.Errorf("%d pieces for %d bytes", len(pieces)-1, len(plain))
	}
}

func TestCopyWritesTheSequence(t *testing.T) {
	raw, ok := Copy("x", env(nil))().(tea.RawMsg)
	if !ok || raw.Msg != OSC52("x") {
		t.Errorf("Copy sent %#v, want the raw sequence", raw)
	}
}
