package cmd

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/tuner-iptv/tuner/session"
	"github.com/tuner-iptv/tuner/session/lease"
)

// The recovery notes after a crash are wrapped to the terminal at spaces:
// no line is wider than the terminal and the account's address is whole on
// one line.
func TestRecoveryNotesKeepToTheTerminalWidth(t *testing.T) {
	rec := session.Recovery{
		Orphans:   []lease.Lease{{Username: "alice", Provider: "provider.example.com:8080", Channel: "UK: BBC One HD", Player: lease.Proc{PID: 4242}}},
		Recovered: []lease.Lease{{Username: "alice", Provider: "provider.example.com:8080", Channel: "ITV", StartedAt: time.Now()}},
	}
	const width = 50
	var buf bytes.Buffer
	printNotes(&buf, width, rec.Messages())
	out := buf.String()
	if !strings.Contains(out, "alice@provider.example.com:8080") {
		t.Errorf("the address was broken:\n%s", out)
	}
	for _, line := range strings.Split(strings.TrimSuffix(out, "\n"), "\n") {
		if len(line) > width {
			t.Errorf("line of %d columns at a terminal of %d:\n%q", len(line), width, line)
		}
		if !strings.HasPrefix(line, "tuner: ") && !strings.HasPrefix(line, "       ") {
			t.Errorf("a wrapped line is not under the note's text: %q", line)
		}
	}
	if n := strings.Count(out, "tuner: "); n != 2 {
		t.Errorf("%d notes, want 2:\n%s", n, out)
	}
}
