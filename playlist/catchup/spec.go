package catchup

import (
	"strconv"
	"strings"
	"time"

	"github.com/tuner-iptv/tuner/playlist"
)

// Mode is how a channel's replay URL is made, as Kodi's IPTV Simple client
// names the modes most playlists are written for.
type Mode string

// The modes. ModeShift also stands for the older timeshift="N" and
// tvg-rec="N" attributes.
const (
	ModeNone      Mode = ""
	ModeDefault   Mode = "default"   // catchup-source is the whole replay URL
	ModeAppend    Mode = "append"    // catchup-source is added to the channel URL
	ModeShift     Mode = "shift"     // ?utc={utc}&lutc={lutc} is added to the channel URL
	ModeFlussonic Mode = "flussonic" // the URL is rewritten to Flussonic's archive form
	ModeXC        Mode = "xc"        // the URL is rewritten to Xtream's /timeshift/ form
	ModeVOD       Mode = "vod"       // catchup-source plays the programme like a file
)

// Spec is what a channel says about its archive, its own attributes first
// and then its playlist's header's.
type Spec struct {
	Mode   Mode
	Source string        // catchup-source: a template, or what append adds
	Days   int           // how far back the archive reaches
	Shift  time.Duration // catchup-correction: the provider's clock is off by this
}

// SpecOf is the archive ch offers; header is its playlist's #EXTM3U
// attributes, which apply to every entry that does not say otherwise.
func SpecOf(ch playlist.Channel, header playlist.Attributes) Spec {
	var x playlist.Extra
	if ch.Extra != nil {
		x = *ch.Extra
	}
	mode := first(x.Catchup, header.Catchup)
	s := Spec{
		Mode:   normalMode(mode),
		Source: first(x.CatchupSource, header.CatchupSource),
		Days:   days(first(x.CatchupDays, header.CatchupDays)),
		Shift:  Hours(first(x.CatchupShift, header.CatchupShift)),
	}
	if s.Mode == ModeNone && mode == "" && s.Days > 0 && s.Source != "" {
		s.Mode = ModeDefault // a template and a window say enough
	}
	if s.Mode == ModeDefault && s.Source == "" {
		s.Mode = ModeAppend // as Kodi does: default without a source appends
	}
	return s
}

// normalMode reads a catchup attribute; the Flussonic spellings are one mode.
func normalMode(s string) Mode {
	switch m := strings.ToLower(strings.TrimSpace(s)); m {
	case "default", "append", "shift", "xc", "vod":
		return Mode(m)
	case "timeshift":
		return ModeShift
	case "flussonic", "flussonic-hls", "flussonic-ts", "fs":
		return ModeFlussonic
	}
	return ModeNone
}

func days(s string) int {
	n, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil || n < 0 {
		return 0
	}
	return n
}

// Hours reads a catchup-correction or a tvg-shift: hours, maybe with a
// fraction and a sign ("-2.5", "+1").
func Hours(s string) time.Duration {
	f, err := strconv.ParseFloat(strings.TrimPrefix(strings.TrimSpace(s), "+"), 64)
	if err != nil || f < -24 || f > 24 {
		return 0
	}
	return time.Duration(f * float64(time.Hour))
}

func first(a, b string) string {
	if strings.TrimSpace(a) != "" {
		return a
	}
	return b
}

// Window is how far back the archive reaches; 0 when it keeps none. A
// channel that does not say how many days gets no window, so nothing is
// offered that the provider would refuse.
func (s Spec) Window() time.Duration {
	if s.Mode == ModeNone || s.Days <= 0 {
		return 0
	}
	return time.Duration(s.Days) * 24 * time.Hour
}
