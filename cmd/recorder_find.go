package cmd

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/tuner-iptv/tuner/playlist"
	"github.com/tuner-iptv/tuner/session"
	"github.com/tuner-iptv/tuner/session/schedule"
)

// reloadAfter is how old the recorder's copy of the channels may grow
// before a channel it cannot find makes it load them again.
const reloadAfter = time.Minute

// channelFinder finds a scheduled entry's channel in the sources, loaded
// once and again when a channel is missing from an old copy: lineups
// change, and a provider asked too often takes it for an attack.
type channelFinder struct {
	g   *globals
	mgr *session.Manager

	mu     sync.Mutex
	chans  []playlist.Channel
	loaded time.Time
}

func (f *channelFinder) load(ctx context.Context) error {
	chans, _, err := f.g.liveChannels(ctx, f.mgr)
	if err != nil {
		return err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	f.chans, f.loaded = chans, time.Now()
	return nil
}

func (f *channelFinder) find(ctx context.Context, e schedule.Entry) (playlist.Channel, error) {
	if ch, ok := f.lookup(e); ok {
		return ch, nil
	}
	f.mu.Lock()
	stale := time.Since(f.loaded) > reloadAfter
	f.mu.Unlock()
	if stale {
		if err := f.load(ctx); err != nil {
			return playlist.Channel{}, err
		}
		if ch, ok := f.lookup(e); ok {
			return ch, nil
		}
	}
	return playlist.Channel{}, fmt.Errorf("%s is no longer in %s", playlist.Printable(e.Channel), playlist.Printable(e.Source))
}

// lookup matches the source and the stream id, else the name.
func (f *channelFinder) lookup(e schedule.Entry) (playlist.Channel, bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	var byName *playlist.Channel
	for i, c := range f.chans {
		if c.Source != e.Source {
			continue
		}
		if e.StreamID != "" && c.Extra != nil && c.Extra.StreamID == e.StreamID {
			return c, true
		}
		if c.Name == e.Channel && byName == nil {
			byName = &f.chans[i]
		}
	}
	if byName != nil {
		return *byName, true
	}
	return playlist.Channel{}, false
}
