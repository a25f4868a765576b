package player

import "strings"

// outputFailures are what mpv logs when it could not open an audio or video
// output (mpv 0.35's and later wordings).
var outputFailures = []string{
	"could not open/initialize audio device",
	"audio output initialization failed",
	"error opening/initializing the selected video_out",
	"video output initialization failed",
}

// brokenOutput reports a log line of mpv saying an output failed to open.
func brokenOutput(line string) bool {
	low := strings.ToLower(line)
	for _, f := range outputFailures {
		if strings.Contains(low, f) {
			return true
		}
	}
	return false
}

// takeBroken reports whether mpv's outputs broke, and forgets it: the
// caller replaces this mpv by a fresh one.
func (m *mpv) takeBroken() bool {
	m.mu.Lock()
	defer m.mu.Unlock()
	b := m.broken
	m.broken = false
	return b
}
