package cache

import (
	"context"

	"github.com/tuner-iptv/tuner/playlist"
)

// Source wraps src so that every successful Load is saved as the last good
// copy, for screens that load sources themselves and only show results.
func (l *Loader) Source(src playlist.Source) playlist.Source {
	return &cachingSource{src: src, l: l}
}

type cachingSource struct {
	src playlist.Source
	l   *Loader
}

func (s *cachingSource) Name() string { return s.src.Name() }

// CacheKey passes the wrapped source's key through, so the wrapper can be
// looked up in the cache like the source itself.
func (s *cachingSource) CacheKey() string { return s.l.key(s.src) }

// Load refreshes the source. On failure it returns the error even when a
// cached copy exists: the caller is already showing that copy and needs to
// say why it is not fresh.
func (s *cachingSource) Load(ctx context.Context, progress playlist.Progress) (*playlist.Playlist, error) {
	res := s.l.Refresh(ctx, s.src, progress)
	if res.Err != nil {
		return nil, res.Err
	}
	return res.Playlist, nil
}
