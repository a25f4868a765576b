package player

import (
	"strings"

	"github.com/tuner-iptv/tuner/playlist"
)

// complaints mark the line of a player's output that says what went wrong,
// rather than a progress line printed after it.
var complaints = []string{"error", "fail", "cannot", "can't", "couldn't", "could not", "no such", "unable", "not found", "denied"}

// lastWords is the line of a player's output that best says why it
// stopped: the last one that complains, else the last one; masked, since a
// player may quote a URL. Progress lines end in \r, so both end a line.
func lastWords(out string) string {
	lines := strings.FieldsFunc(out, func(r rune) bool { return r == '\n' || r == '\r' })
	last := ""
	for i := len(lines) - 1; i >= 0; i-- {
		line := strings.TrimSpace(lines[i])
		if line == "" {
			continue
		}
		if last == "" {
			last = line
		}
		low := strings.ToLower(line)
		for _, c := range complaints {
			if strings.Contains(low, c) {
				return playlist.MaskURL(line)
			}
		}
	}
	return playlist.MaskURL(last)
}
