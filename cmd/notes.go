package cmd

import (
	"fmt"
	"io"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"github.com/tuner-iptv/tuner/playlist"
)

// notePrefix starts each note tuner prints on the plain terminal before the
// screen opens; the lines a note wraps onto are indented under its text.
const notePrefix = "tuner: "

// printNotes writes each message as a note wrapped at spaces to width
// columns (0 is unknown: no wrapping), so the terminal never breaks one in
// the middle of an address. A word longer than the line stays whole.
func printNotes(w io.Writer, width int, msgs []string) {
	indent := strings.Repeat(" ", len(notePrefix))
	for _, m := range msgs {
		m = playlist.Printable(m) // a lease names its channel
		if width > len(notePrefix)+10 {
			m = ansi.Wordwrap(m, width-len(notePrefix), "")
		}
		fmt.Fprintln(w, notePrefix+strings.ReplaceAll(m, "\n", "\n"+indent))
	}
}
