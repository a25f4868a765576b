package check

import (
	"context"
	"io"
	"net/http"
	"net/url"

	"github.com/grafov/m3u8"

	"github.com/tuner-iptv/tuner/session"
)

// maxHLSPlaylist caps an HLS playlist read during a probe.
const maxHLSPlaylist = 1 << 20

// readHLS lists the variants of an HLS master playlist, then follows the
// first variant to its media playlist and reads its first segment, which
// proves media actually flows. resp is the answer to the stream URL.
func (c *Checker) readHLS(ctx context.Context, stop context.CancelCauseFunc, hc *http.Client, t target, resp *http.Response, pr *Probe, extra *int) (Probe, *session.Refusal) {
	pl, kind, err := m3u8.DecodeFrom(io.LimitReader(resp.Body, maxHLSPlaylist), false)
	if err != nil {
		pr.Error = "the provider's answer is not an HLS playlist"
		return *pr, nil
	}
	base := resp.Request.URL
	media, _ := pl.(*m3u8.MediaPlaylist)
	if kind == m3u8.MASTER {
		master := pl.(*m3u8.MasterPlaylist)
		next := ""
		for _, v := range master.Variants {
			if v == nil {
				continue
			}
			pr.Variants = append(pr.Variants, Variant{Resolution: v.Resolution, Bandwidth: int(v.Bandwidth), Codecs: v.Codecs})
			if next == "" {
				next = v.URI
			}
		}
		if next == "" {
			pr.Error = "the HLS master playlist lists no variants"
			return *pr, nil
		}
		if media, base, pr.Error = c.fetchMedia(ctx, hc, t, base, next, pr, extra); pr.Error != "" {
			return *pr, nil
		}
	}
	var seg string
	var segDur float64
	if media != nil {
		for _, s := range media.Segments {
			if s != nil {
				seg, segDur = s.URI, s.Duration
				break
			}
		}
	}
	if seg == "" {
		pr.Error = "the HLS media playlist lists no segments"
		return *pr, nil
	}
	*extra++
	sr, ref := c.open(ctx, hc, t, resolve(base, seg), pr)
	if ref != nil {
		return *pr, ref
	}
	defer sr.Body.Close()
	c.readStream(ctx, stop, sr.Body, pr, false)
	if pr.OK && segDur > 0 {
		// A segment downloads faster than it plays; its size over its
		// length is the stream's data rate, comparable with a TS probe's.
		pr.MediaSeconds = segDur
		pr.BytesPerSecond = int64(float64(pr.Bytes) / segDur)
	}
	return *pr, nil
}

// fetchMedia reads a variant's media playlist; a failure comes back as the
// probe's error text.
func (c *Checker) fetchMedia(ctx context.Context, hc *http.Client, t target, base *url.URL, uri string, pr *Probe, extra *int) (*m3u8.MediaPlaylist, *url.URL, string) {
	*extra++
	var scratch Probe
	resp, ref := c.open(ctx, hc, t, resolve(base, uri), &scratch)
	if ref != nil {
		return nil, base, "the variant playlist " + scratch.Error
	}
	defer resp.Body.Close()
	pl, kind, err := m3u8.DecodeFrom(io.LimitReader(resp.Body, maxHLSPlaylist), false)
	if err != nil || kind != m3u8.MEDIA {
		return nil, base, "the variant playlist is not an HLS media playlist"
	}
	return pl.(*m3u8.MediaPlaylist), resp.Request.URL, ""
}

func resolve(base *url.URL, ref string) string {
	u, err := url.Parse(ref)
	if err != nil {
		return ref
	}
	return base.ResolveReference(u).String()
}
