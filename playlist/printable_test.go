package playlist

import (
	"encoding/json"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestPrintable(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"plain", "BBC One HD", "BBC One HD"},
		{"accents and emoji", "Télé 🇫🇷 ⚽", "Télé 🇫🇷 ⚽"},
		{"zero-width joiner kept", "👩\u200d👩", "👩\u200d👩"},
		{"tab and newline", "a\tb\nc\r", "a b c "},
		{"clipboard write", "News\x1b]52;c;aGVsbG8=\a!", "News" + strings.Repeat(" ", 16) + "!"},
		{"link", "\x1b]8;;http://x.example/\x1b\\Click\x1b]8;;\x1b\\", strings.Repeat(" ", 24) + "Click" + strings.Repeat(" ", 7)},
		{"window title", "\x1b]0;pwned\x07Sport", strings.Repeat(" ", 10) + "Sport"},
		{"clear screen", "\x1b[2J\x1b[HFilm", strings.Repeat(" ", 7) + "Film"},
		{"colour", "\x1b[1;31mRed\x1b[0m", strings.Repeat(" ", 7) + "Red" + strings.Repeat(" ", 4)},
		{"C1 CSI", "a\u009b2Jb", "a   b"},
		{"C1 OSC to ST", "a\u009d0;t\u009cb", "a     b"},
		{"bidi override", "abc\u202edcba", "abc dcba"},
		{"bidi isolate and marks", "\u2066x\u2069\u200e\u200f\u061c", " x    "},
		{"line separator", "a\u2028b\u2029c", "a b c"},
		{"two-byte escape", "\x1bcReset", "  Reset"},
		{"lone escape at end", "abc\x1b", "abc "},
		{"escape before a letter that ends it", "\x1b[é", "  é"},
		{"DEL and NUL", "a\x7fb\x00c", "a b c"},
		{"invalid UTF-8", "a\xffb", "a\uFFFDb"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Printable(tt.in)
			if got != tt.want {
				t.Errorf("Printable(%q) = %q, want %q", tt.in, got, tt.want)
			}
			if utf8.ValidString(tt.in) && utf8.RuneCountInString(got) != utf8.RuneCountInString(tt.in) {
				t.Errorf("Printable(%q) has %d runes, want %d (one for one)", tt.in, utf8.RuneCountInString(got), utf8.RuneCountInString(tt.in))
			}
			for _, r := range got {
				if unsafeRune(r) {
					t.Errorf("Printable(%q) kept %U", tt.in, r)
				}
			}
		})
	}
}

func TestEscapeJSON(t *testing.T) {
	in := map[string]string{"name": "a\u009b2Jb\u202e\u2066é\x1b"}
	raw, err := json.Marshal(in)
	if err != nil {
		t.Fatal(err)
	}
	got := string(EscapeJSON(raw))
	want := `{"name":"a\u009b2Jb\u202e\u2066é\u001b"}`
	if got != want {
		t.Errorf("EscapeJSON(%s) = %s, want %s", raw, got, want)
	}
	var back map[string]string
	if err := json.Unmarshal([]byte(got), &back); err != nil || back["name"] != in["name"] {
		t.Errorf("escaped JSON reads back as %q (%v), want %q", back["name"], err, in["name"])
	}
	if ascii := []byte(`{"a":"b"}`); &EscapeJSON(ascii)[0] != &ascii[0] {
		t.Error("plain ASCII JSON was copied")
	}
}

func BenchmarkPrintable(b *testing.B) {
	names := []string{"BBC One HD", "Télé 🇫🇷 ⚽", "News\x1b]52;c;aGVsbG8=\a!"}
	for b.Loop() {
		for _, n := range names {
			Printable(n)
		}
	}
}
