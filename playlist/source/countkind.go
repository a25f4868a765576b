package source

import (
	"context"

	"github.com/tuner-iptv/tuner/playlist"
	"github.com/tuner-iptv/tuner/playlist/m3u"
)

// CountKinds is how many live channels, movies and episodes the file holds,
// each entry's kind read from its URL, counted as Count counts them.
func (f *File) CountKinds(ctx context.Context) (m3u.Counts, error) {
	if err := ctx.Err(); err != nil {
		return m3u.Counts{}, err
	}
	if !fileIsGzip(f.Path) {
		n, err := m3u.CountFile(f.Path, f.Name(), f.limits)
		if err != nil {
			return m3u.Counts{}, renameSource(err, f.Path)
		}
		return n, nil
	}
	p, err := f.Load(ctx, nil)
	if err != nil {
		return m3u.Counts{}, err
	}
	var n m3u.Counts
	for i := range p.Channels.Len() {
		switch p.Channels.At(i).Kind() {
		case playlist.KindMovie:
			n.Movies++
		case playlist.KindEpisode:
			n.Episodes++
		default:
			n.Live++
		}
	}
	return n, nil
}
