package record

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/grafov/m3u8"
)

// maxPlaylist bounds an HLS playlist read into memory.
const maxPlaylist = 4 << 20

// ErrEnded is what a stream that came to its own end reads as: an HLS
// playlist the provider closed (#EXT-X-ENDLIST). A recording then ends as
// done, where a TS stream's end is a cut to reconnect after.
var ErrEnded = errors.New("the stream came to its end")

// StatusError is an HTTP answer other than 200 to a request for media.
type StatusError struct{ Status int }

func (e *StatusError) Error() string { return fmt.Sprintf("HTTP %d", e.Status) }

// MediaTimed is a reader that ends by itself once it has delivered the
// media asked for (an HLS stream given an end): the recorder then lets it
// run past the end by the wall clock, since live HLS lags it by a segment.
type MediaTimed interface {
	MediaTimed() bool
}

// Media reads the stream at u (a gate URL) as one TS: a media stream as it
// comes, an HLS playlist as its segments joined in order, fetched one at a
// time as the playlist names them. The reader ends when ctx ends; a live
// HLS stream given until ends (ErrEnded) once its segments cover the time
// from now to until, so that a recording of it lasts what was asked.
func Media(ctx context.Context, client *http.Client, u string, until time.Time) (io.ReadCloser, error) {
	resp, err := get(ctx, client, u)
	if err != nil {
		return nil, err
	}
	if !isPlaylist(resp) {
		return resp.Body, nil
	}
	body, err := readAll(resp)
	if err != nil {
		return nil, err
	}
	media, pl, err := mediaPlaylist(ctx, client, u, body)
	if err != nil {
		return nil, err
	}
	pr, pw := io.Pipe()
	ctx, cancel := context.WithCancel(ctx)
	j := &joiner{client: client, url: media, w: pw}
	if !until.IsZero() && !pl.Closed {
		j.budget = time.Until(until).Seconds()
	}
	go func() {
		pw.CloseWithError(j.run(ctx, pl))
	}()
	return &pipeReader{PipeReader: pr, cancel: cancel, timed: j.budget > 0}, nil
}

type pipeReader struct {
	*io.PipeReader
	cancel context.CancelFunc
	timed  bool
}

func (p *pipeReader) MediaTimed() bool { return p.timed }

func (p *pipeReader) Close() error {
	p.cancel()
	return p.PipeReader.Close()
}

func get(ctx context.Context, client *http.Client, u string) (*http.Response, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return nil, err
	}
	resp, err := client.Do(req)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode != http.StatusOK && resp.StatusCode != http.StatusPartialContent {
		resp.Body.Close()
		return nil, &StatusError{Status: resp.StatusCode}
	}
	return resp, nil
}

func readAll(resp *http.Response) ([]byte, error) {
	defer resp.Body.Close()
	return io.ReadAll(io.LimitReader(resp.Body, maxPlaylist))
}

func isPlaylist(resp *http.Response) bool {
	ct := strings.ToLower(resp.Header.Get("Content-Type"))
	return strings.Contains(ct, "mpegurl") || strings.HasSuffix(strings.ToLower(resp.Request.URL.Path), ".m3u8")
}

// mediaPlaylist follows a master playlist to its best variant (the highest
// bandwidth: a recording is kept, not watched on a slow link) and returns
// the media playlist's URL and its first load.
func mediaPlaylist(ctx context.Context, client *http.Client, u string, body []byte) (string, *m3u8.MediaPlaylist, error) {
	for range 3 { // a master names media playlists, not more masters; bound it anyway
		pl, typ, err := m3u8.DecodeFrom(bytes.NewReader(body), false)
		if err != nil {
			return "", nil, fmt.Errorf("unreadable HLS playlist: %w", err)
		}
		if typ == m3u8.MEDIA {
			return u, pl.(*m3u8.MediaPlaylist), nil
		}
		v := bestVariant(pl.(*m3u8.MasterPlaylist))
		if v == nil {
			return "", nil, errors.New("HLS master playlist names no variant")
		}
		if u, err = resolve(u, v.URI); err != nil {
			return "", nil, err
		}
		resp, err := get(ctx, client, u)
		if err != nil {
			return "", nil, err
		}
		if body, err = readAll(resp); err != nil {
			return "", nil, err
		}
	}
	return "", nil, errors.New("HLS master playlists nest too deep")
}

func bestVariant(m *m3u8.MasterPlaylist) *m3u8.Variant {
	var best *m3u8.Variant
	for _, v := range m.Variants {
		if v != nil && v.URI != "" && (best == nil || v.Bandwidth > best.Bandwidth) {
			best = v
		}
	}
	return best
}

func resolve(base, ref string) (string, error) {
	b, err := url.Parse(base)
	if err != nil {
		return "", err
	}
	r, err := url.Parse(strings.TrimSpace(ref))
	if err != nil {
		return "", err
	}
	return b.ResolveReference(r).String(), nil
}

// joiner writes an HLS stream's segments to w, each once, in order,
// reloading a live playlist about every half target duration.
type joiner struct {
	client  *http.Client
	url     string
	w       io.Writer
	next    uint64 // the media sequence number of the next segment to write
	started bool
	initURI string // the init section written last (fMP4 streams)
	// budget is how many seconds of media to write before ending, 0 for
	// no end; written is how many were.
	budget, written float64
}

func (j *joiner) run(ctx context.Context, pl *m3u8.MediaPlaylist) error {
	for {
		if err := j.writeNew(ctx, pl); err != nil {
			return err
		}
		if pl.Closed {
			return ErrEnded
		}
		wait := time.Duration(pl.TargetDuration * float64(time.Second) / 2)
		if wait < 500*time.Millisecond {
			wait = 500 * time.Millisecond
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(wait):
		}
		resp, err := get(ctx, j.client, j.url)
		if err != nil {
			return err
		}
		body, err := readAll(resp)
		if err != nil {
			return err
		}
		p, typ, err := m3u8.DecodeFrom(bytes.NewReader(body), false)
		if err != nil || typ != m3u8.MEDIA {
			return fmt.Errorf("unreadable HLS playlist on reload: %v", err)
		}
		pl = p.(*m3u8.MediaPlaylist)
	}
}

// writeNew writes the segments not written yet. A live stream begins with
// the first segment to appear after the first load: a segment is listed once
// it is complete, so that one began at most a segment before now, while the
// newest one listed already may have ended seconds ago. A finished playlist
// (a replay) is written whole.
func (j *joiner) writeNew(ctx context.Context, pl *m3u8.MediaPlaylist) error {
	segs := pl.GetAllSegments()
	if !j.started {
		j.started = true
		j.next = pl.SeqNo
		if !pl.Closed {
			j.next = pl.SeqNo + uint64(len(segs))
		}
	}
	for i, seg := range segs {
		seq := pl.SeqNo + uint64(i)
		if seg == nil || seq < j.next {
			continue
		}
		if err := j.writeSegment(ctx, pl, seg); err != nil {
			return err
		}
		j.next = seq + 1
		j.written += seg.Duration
		if j.budget > 0 && j.written >= j.budget-seg.Duration/2 {
			return ErrEnded // the nearest whole segment to what was asked
		}
	}
	return nil
}

func (j *joiner) writeSegment(ctx context.Context, pl *m3u8.MediaPlaylist, seg *m3u8.MediaSegment) error {
	if m := seg.Map; m == nil && pl.Map != nil {
		seg.Map = pl.Map
	}
	if seg.Map != nil && seg.Map.URI != j.initURI {
		if err := j.copy(ctx, seg.Map.URI); err != nil {
			return err
		}
		j.initURI = seg.Map.URI
	}
	return j.copy(ctx, seg.URI)
}

func (j *joiner) copy(ctx context.Context, ref string) error {
	u, err := resolve(j.url, ref)
	if err != nil {
		return err
	}
	resp, err := get(ctx, j.client, u)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	_, err = io.Copy(j.w, resp.Body)
	return err
}
