package cache

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/tuner-iptv/tuner/playlist"
)

// Keyed is a Source that can be cached; see source.Keyed. An empty key means
// the source is not cached.
type Keyed interface {
	CacheKey() string
}

// Result is one step of a load.
type Result struct {
	Playlist *playlist.Playlist // the copy to show; nil when there is none
	Cached   bool               // Playlist came from the cache
	Age      time.Duration      // how old the cached copy is
	// Err is why the refresh failed. Playlist is then the cached copy, if
	// there was one, which stays in the cache untouched.
	Err error
	// SaveErr is why a fresh copy could not be written to the cache; the
	// fresh copy is still good to show.
	SaveErr error
}

// Loader shows the last good copy of a source at once and replaces it only
// with a complete fresh one.
type Loader struct {
	Cache *Cache // nil disables caching
}

func (l *Loader) key(src playlist.Source) string {
	if l == nil || l.Cache == nil {
		return ""
	}
	if k, ok := src.(Keyed); ok {
		return k.CacheKey()
	}
	return ""
}

// Cached returns the cached copy of src, if there is a usable one.
func (l *Loader) Cached(src playlist.Source) (Result, bool) {
	key := l.key(src)
	if key == "" {
		return Result{}, false
	}
	p, age, err := l.Cache.Load(key)
	if err != nil {
		return Result{}, false
	}
	return Result{Playlist: p, Cached: true, Age: age}, true
}

// Refresh loads src afresh. On success the copy is saved for next time. On
// failure the cached copy, if any, comes back with the reason in Err, so a
// caller that already shows it keeps doing so. A fresh copy with no channels
// does not replace a cached one that has some: a provider answering with an
// empty list is far more often failing than truly empty.
func (l *Loader) Refresh(ctx context.Context, src playlist.Source, progress playlist.Progress) Result {
	p, err := src.Load(ctx, progress)
	if err == nil && p.Channels.Len() == 0 {
		if old, ok := l.Cached(src); ok && old.Playlist.Channels.Len() > 0 {
			old.Err = &playlist.Error{Source: src.Name(), Problem: playlist.NotPlaylist,
				Detail: fmt.Sprintf("the source sent no channels; keeping the copy from %s ago", roundAge(old.Age))}
			return old
		}
	}
	if err != nil {
		res, _ := l.Cached(src)
		res.Err = err
		return res
	}
	res := Result{Playlist: p}
	if key := l.key(src); key != "" {
		res.SaveErr = l.Cache.Save(key, p)
	}
	return res
}

// Load reports the cached copy (when there is one) and then the outcome of
// a refresh, in that order, through emit.
func (l *Loader) Load(ctx context.Context, src playlist.Source, progress playlist.Progress, emit func(Result)) {
	if res, ok := l.Cached(src); ok {
		emit(res)
	}
	emit(l.Refresh(ctx, src, progress))
}

// Stream runs Load in its own goroutine and delivers the results on a
// channel that is closed after the last one, which suits a UI that waits for
// one message at a time. The channel has room for both results, so the
// goroutine never waits on a reader that has gone away.
func (l *Loader) Stream(ctx context.Context, src playlist.Source, progress playlist.Progress) <-chan Result {
	ch := make(chan Result, 2)
	go func() {
		defer close(ch)
		l.Load(ctx, src, progress, func(r Result) { ch <- r })
	}()
	return ch
}

// roundAge keeps an age readable: "3m", "2h", "4d".
func roundAge(d time.Duration) string {
	switch {
	case d < time.Minute:
		return "less than a minute"
	case d < time.Hour:
		return fmt.Sprintf("%dm", int(d/time.Minute))
	case d < 48*time.Hour:
		return fmt.Sprintf("%dh", int(d/time.Hour))
	}
	return fmt.Sprintf("%dd", int(d/(24*time.Hour)))
}

// IsMiss reports whether err means there was no usable cached copy.
func IsMiss(err error) bool { return errors.Is(err, ErrMiss) }
