// Package m3u reads and writes extended M3U playlists as IPTV providers serve them.
package m3u

import (
	"io"

	"github.com/tuner-iptv/tuner/playlist"
)

// Parse reads an extended M3U playlist. source names the Source for errors and
// is stored in every Channel. progress may be nil.
func Parse(r io.Reader, source string, progress playlist.Progress) (*playlist.Playlist, error) {
	panic("not implemented")
}
