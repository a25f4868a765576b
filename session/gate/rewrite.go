package gate

import (
	"bytes"
	"fmt"
	"net/url"
	"strings"

	"github.com/grafov/m3u8"
)

// rewritePlaylist points every URI of an HLS master or media playlist
// (variants, renditions, segments, keys, init sections) at the gate, so the
// player fetches nothing from the provider itself. Relative URIs are resolved
// against base, the URL the playlist finally came from.
func rewritePlaylist(body []byte, base *url.URL, gateURL func(abs *url.URL, kind string) string) ([]byte, error) {
	pl, typ, err := m3u8.DecodeFrom(bytes.NewReader(body), false)
	if err != nil {
		return nil, fmt.Errorf("unreadable HLS playlist: %w", err)
	}
	resolve := func(uri, kind string) string {
		if uri == "" {
			return uri
		}
		ref, err := url.Parse(strings.TrimSpace(uri))
		if err != nil {
			return uri
		}
		abs := base.ResolveReference(ref)
		if abs.Scheme != "http" && abs.Scheme != "https" {
			return uri // data: URIs and DRM key schemes are not fetched over HTTP
		}
		return gateURL(abs, kind)
	}
	switch typ {
	case m3u8.MASTER:
		rewriteMaster(pl.(*m3u8.MasterPlaylist), resolve)
		return pl.(*m3u8.MasterPlaylist).Encode().Bytes(), nil
	case m3u8.MEDIA:
		mp := pl.(*m3u8.MediaPlaylist)
		rewriteMedia(mp, resolve)
		// The decoder keeps a live playlist's window at 8 segments; show all.
		mp.SetWinSize(0)
		mp.ResetCache()
		return mp.Encode().Bytes(), nil
	}
	return nil, fmt.Errorf("unreadable HLS playlist: neither master nor media")
}

func rewriteMaster(m *m3u8.MasterPlaylist, resolve func(uri, kind string) string) {
	// Renditions are shared between the variants of a group: rewrite each once.
	seen := map[*m3u8.Alternative]bool{}
	for _, v := range m.Variants {
		if v == nil {
			continue
		}
		v.URI = resolve(v.URI, "playlist")
		for _, a := range v.Alternatives {
			if a != nil && !seen[a] {
				seen[a] = true
				a.URI = resolve(a.URI, "playlist")
			}
		}
	}
}

func rewriteMedia(mp *m3u8.MediaPlaylist, resolve func(uri, kind string) string) {
	keys := map[*m3u8.Key]bool{}
	maps := map[*m3u8.Map]bool{}
	key := func(k *m3u8.Key) {
		if k != nil && !keys[k] && k.Method != "NONE" {
			keys[k] = true
			k.URI = resolve(k.URI, "key")
		}
	}
	initSection := func(m *m3u8.Map) {
		if m != nil && !maps[m] {
			maps[m] = true
			m.URI = resolve(m.URI, "segment")
		}
	}
	key(mp.Key)
	initSection(mp.Map)
	for _, seg := range mp.GetAllSegments() {
		if seg == nil {
			continue
		}
		seg.URI = resolve(seg.URI, "segment")
		key(seg.Key)
		initSection(seg.Map)
	}
}
