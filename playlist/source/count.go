package source

import (
	"context"

	"github.com/tuner-iptv/tuner/playlist/m3u"
)

// Count is how many entries the file holds, live, movies and episodes
// alike, read without building them. A gzip-compressed file is loaded: it
// is read through once either way.
func (f *File) Count(ctx context.Context) (int, error) {
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	if fileIsGzip(f.Path) {
		p, err := f.Load(ctx, nil)
		if err != nil {
			return 0, err
		}
		return p.Channels.Len(), nil
	}
	n, err := m3u.CountFile(f.Path, f.Name(), f.limits)
	if err != nil {
		return 0, renameSource(err, f.Path)
	}
	return n.Total(), nil
}
