package tui

import (
	"fmt"
	"strings"
	"time"

	"github.com/charmbracelet/x/ansi"

	"github.com/tuner-iptv/tuner/session"
)

// nowPlaying is the status bar's left part while a channel plays, in pieces
// so it can shrink to leave room for the slot state.
type nowPlaying struct {
	name                        string
	stall                       string // kept whole: the picture froze and this says why
	elapsed, size, rate, buffer string
}

func newNowPlaying(name string, st session.Stats) nowPlaying {
	p := nowPlaying{name: name}
	if st.Stalled > 0 {
		p.stall = fmt.Sprintf("no data from the provider for %d s", int(st.Stalled/time.Second))
	}
	switch {
	case st.Length > 0:
		// A movie or an episode: where it stands, as a player says it.
		p.elapsed = hms(st.Position) + " / " + hms(st.Length)
	case st.Position > 0:
		p.elapsed = hms(st.Position)
	case st.Elapsed > 0:
		p.elapsed = hms(st.Elapsed)
	}
	if st.Width > 0 && st.Height > 0 {
		p.size = fmt.Sprintf("%d×%d", st.Width, st.Height)
	}
	if st.BitrateKbps > 0 {
		p.rate = fmt.Sprintf("%.1f Mb/s", float64(st.BitrateKbps)/1000)
	}
	if st.CacheSeconds > 0 {
		p.buffer = fmt.Sprintf("buffer %.0f s", st.CacheSeconds)
	}
	return p
}

func hms(d time.Duration) string {
	s := int(d / time.Second)
	return fmt.Sprintf("%d:%02d:%02d", s/3600, s/60%60, s%60)
}

// String is "▶ NAME · numbers", the known numbers only.
func (p nowPlaying) String() string {
	parts := []string{"▶ " + p.name}
	for _, s := range []string{p.stall, p.elapsed, p.size, p.rate, p.buffer} {
		if s != "" {
			parts = append(parts, s)
		}
	}
	return strings.Join(parts, " · ")
}

// fitPlaying shortens the now-playing text and the parts on the right (the
// slot state last among them) until both fit in w cells with the slot state
// whole: who holds the provider's slot matters more than any number. The
// buffer and bitrate go first, then the source's name, the resolution, the
// other parts on the right, and last the channel name is cut. ok is false
// when even the slot state and the elapsed time do not leave room for a
// few letters of the name.
func fitPlaying(cells ansi.Method, w int, p nowPlaying, right []string) (string, []string, bool) {
	width := func(left string, right []string) int {
		// " LEFT ", the gap, then "RIGHT " as statusLine draws them.
		return cells.StringWidth(left) + 2 + statusGap + cells.StringWidth(strings.Join(right, " · ")) + 1
	}
	slot := right[len(right)-1:]
	extras := right[:len(right)-1]
	steps := []func(){
		func() { p.buffer = "" },
		func() { p.rate = "" },
		func() { extras = dropFirst(extras) }, // the source's name
		func() { p.size = "" },
	}
	for range extras {
		steps = append(steps, func() { extras = dropFirst(extras) })
	}
	fits := func() bool { return width(p.String(), append(extras[:len(extras):len(extras)], slot...)) <= w }
	for _, step := range steps {
		if fits() {
			return p.String(), append(extras, slot...), true
		}
		step()
	}
	if fits() {
		return p.String(), slot, true
	}
	full := p.name
	p.name = ""
	room := w - width(p.String(), slot)
	const minName = 4
	if room < minName {
		return "", nil, false
	}
	p.name = cells.Truncate(full, room, "…")
	return p.String(), slot, true
}

func dropFirst(s []string) []string {
	if len(s) == 0 {
		return s
	}
	return s[1:]
}
