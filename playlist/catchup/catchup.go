// Package catchup turns a channel with a provider archive and a programme
// that already aired into the URL that replays it: Xtream's timeshift forms
// and the M3U catch-up modes of Kodi's IPTV Simple client, which most
// playlists are written for.
package catchup

import (
	"errors"
	"time"

	"github.com/tuner-iptv/tuner/playlist"
)

// Window is how far back the channel's own archive reaches; 0 when it keeps
// none. SpecOf adds what the playlist's header says.
func Window(ch playlist.Channel) time.Duration { return SpecOf(ch, playlist.Attributes{}).Window() }

// Offered reports whether a programme that aired from start to stop can be
// replayed at now: it has begun and its start is inside the archive window.
func Offered(ch playlist.Channel, start, stop, now time.Time) bool {
	return SpecOf(ch, playlist.Attributes{}).Offered(start, stop, now)
}

// Offered reports whether the archive holds a programme from start to stop
// at now.
func (s Spec) Offered(start, stop, now time.Time) bool {
	w := s.Window()
	return w > 0 && !start.After(now) && now.Sub(start) < w && stop.After(start)
}

// ErrNoArchive is returned for a channel or a programme the archive does
// not hold.
var ErrNoArchive = errors.New("not in the channel's archive")

// Replay is the channel that plays the programme that aired from start to
// stop, as spec says to make its URL: a KindReplay channel whose URL is the
// provider's replay URL (its credentials still masked, as every channel URL
// is) and whose Item says when it aired. zone is the provider's time zone,
// which Xtream replay URLs are written in; nil means UTC.
func Replay(ch playlist.Channel, spec Spec, start, stop, now time.Time, zone *time.Location) (playlist.Channel, error) {
	if !spec.Offered(start, stop, now) {
		return playlist.Channel{}, ErrNoArchive
	}
	u, err := replayURL(ch.URL, spec, window{start: start, stop: stop, now: now, zone: zone})
	if err != nil {
		return playlist.Channel{}, err
	}
	out := ch
	x := playlist.Extra{}
	if ch.Extra != nil {
		x = *ch.Extra
	}
	x.Kind = playlist.KindReplay
	x.Item = &playlist.Item{Title: ch.Name, Aired: start, Until: stop, Seconds: int32(stop.Sub(start) / time.Second)}
	out.URL, out.Extra = u, &x
	return out, nil
}

// Zone is the provider's time zone as its account says (an Xtream panel's
// server_info.timezone), for Replay; nil when it says none tuner knows, and
// replay URLs are then written in UTC.
func Zone(acct *playlist.Account) *time.Location {
	if acct == nil || acct.Timezone == "" {
		return nil
	}
	loc, err := time.LoadLocation(acct.Timezone)
	if err != nil {
		return nil
	}
	return loc
}
