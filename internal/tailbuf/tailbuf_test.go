package tailbuf

import (
	"fmt"
	"strings"
	"testing"
)

func TestBufferKeepsTheEnd(t *testing.T) {
	b := New(16)
	for i := range 10 {
		fmt.Fprintf(b, "line %d\n", i)
	}
	if s := b.String(); len(s) != 16 || !strings.HasSuffix(s, "line 8\nline 9\n") {
		t.Errorf("kept %q, want the last 16 bytes", s)
	}
	if got := b.LastLine(); got != "line 9" {
		t.Errorf("LastLine = %q, want line 9", got)
	}
}

func TestLastLine(t *testing.T) {
	for said, want := range map[string]string{
		"":                           "",
		"one":                        "one",
		"first\nError opening x\n\n": "Error opening x",
		"a\n  indented \r\n":         "indented",
		"\n\n":                       "",
	} {
		b := New(1 << 10)
		b.Write([]byte(said))
		if got := b.LastLine(); got != want {
			t.Errorf("LastLine after %q = %q, want %q", said, got, want)
		}
	}
}
