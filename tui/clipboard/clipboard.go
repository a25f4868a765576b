// Package clipboard puts text on the person's clipboard through the
// terminal (OSC 52). The escape codes are the terminal's business, so they
// live here beside the screens; what text to copy is decided elsewhere.
package clipboard

import (
	"encoding/base64"
	"os"
	"strings"

	tea "charm.land/bubbletea/v2"
)

// Copy returns the command that writes text's clipboard sequence to the
// terminal; see Sequence for getenv.
func Copy(text string, getenv func(string) string) tea.Cmd {
	return tea.Raw(Sequence(text, getenv))
}

// OSC52 returns the escape sequence that asks the terminal to put text on
// the system clipboard. It travels in the terminal's output, so it works over
// SSH; terminals that do not support it (or have it turned off) ignore it.
func OSC52(text string) string {
	return "\x1b]52;c;" + base64.StdEncoding.EncodeToString([]byte(text)) + "\a"
}

// screenLimit is the longest string GNU screen passes through in one piece.
const screenLimit = 768

// Sequence returns the clipboard sequence for the terminal tuner runs in,
// told apart by the environment (getenv, os.Getenv when nil):
//
//   - inside tmux (TMUX set): the plain sequence, which tmux itself handles
//     when its set-clipboard option is on, followed by the same sequence in
//     tmux's passthrough wrapper (DCS tmux; ... ST, each ESC doubled), which
//     reaches the outer terminal when allow-passthrough is on (tmux 3.3+).
//     With both options on, the clipboard is simply set twice.
//   - inside GNU screen (STY set): the sequence wrapped in DCS ... ST, in
//     pieces of at most 768 bytes, the most screen passes at once.
//   - otherwise: OSC52(text).
func Sequence(text string, getenv func(string) string) string {
	if getenv == nil {
		getenv = os.Getenv
	}
	seq := OSC52(text)
	switch {
	case getenv("TMUX") != "":
		return seq + tmuxPassthrough(seq)
	case getenv("STY") != "":
		return screenPassthrough(seq)
	}
	return seq
}

func tmuxPassthrough(seq string) string {
	return "\x1bPtmux;" + strings.ReplaceAll(seq, "\x1b", "\x1b\x1b") + "\x1b\\"
}

func screenPassthrough(seq string) string {
	var b strings.Builder
	for i := 0; i < len(seq); i += screenLimit {
		b.WriteString("\x1bP")
		b.WriteString(seq[i:min(i+screenLimit, len(seq))])
		b.WriteString("\x1b\\")
	}
	return b.String()
}
