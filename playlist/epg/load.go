package epg

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"strings"
	"time"

	"github.com/tuner-iptv/tuner/playlist"
	"golang.org/x/text/encoding/charmap"
)

// MaxGuideBytes caps the decompressed size of one guide, so a small gzip
// file cannot expand without end.
const MaxGuideBytes = 2 << 30

// Parse reads one XMLTV guide, plain or gzip-compressed (recognised by its
// magic bytes, whatever the name says). Broken entries are skipped and
// counted in Stats. source names the guide in errors and problems; it must
// not hold a secret.
func Parse(r io.Reader, source string) (*Guide, error) {
	b := newBuilder()
	if err := b.read(context.Background(), r, source); err != nil {
		return nil, err
	}
	g := b.guide()
	g.FetchedAt = time.Now()
	g.Sources = []string{source}
	return g, nil
}

// ParseFile reads the guide in a file.
func ParseFile(path string) (*Guide, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, &playlist.Error{Source: path, Problem: playlist.NotFound, Detail: "cannot open the guide", Err: err}
	}
	defer f.Close()
	return Parse(f, path)
}

// Fetcher opens a guide URL. playlist/remote provides one; tests use files.
// LoadURLs calls it from several goroutines at once.
type Fetcher func(ctx context.Context, url string) (io.ReadCloser, error)

// LoadURLs reads every guide in urls (for example the url-tvg list of a
// playlist header) and merges them into one Guide: a channel listed by
// several guides gets the names and programmes of all. Guides that fail are
// left out and reported in the error (a *LoadError when more than one
// failed); a guide cut off midway keeps what was read of it. The Guide is nil
// only when none could be read. Several URLs are fetched ahead while the
// guides are parsed, in order, so the result does not depend on timing.
func LoadURLs(ctx context.Context, urls []string, fetch Fetcher) (*Guide, error) {
	var list, names []string
	seen := make(map[string]bool)
	for _, u := range urls {
		u = strings.TrimSpace(u)
		if u == "" || seen[u] {
			continue
		}
		seen[u] = true
		list = append(list, u)
		names = append(names, playlist.MaskURL(u))
	}
	if len(list) == 0 {
		return nil, &playlist.Error{Source: "guide", Problem: playlist.Invalid, Detail: "no guide URL given"}
	}
	b := newBuilder()
	var sources []string
	lerr := &LoadError{Tried: len(list)}
	bodies, done := prefetch(ctx, list, names, fetch)
	for i, ch := range bodies {
		f := <-ch
		err := f.err
		if err == nil {
			err = b.read(ctx, f.r, names[i])
			f.Close()
		}
		done()
		if err != nil {
			lerr.Errs = append(lerr.Errs, err)
			continue
		}
		sources = append(sources, names[i])
	}
	if len(sources) == 0 {
		return nil, lerr.simplify()
	}
	g := b.guide()
	g.FetchedAt = time.Now()
	g.Sources = sources
	if len(lerr.Errs) > 0 {
		return g, lerr.simplify()
	}
	return g, nil
}

// asSourceError keeps a fetcher's *playlist.Error and wraps anything else
// without its text, which may carry the unmasked URL.
func asSourceError(err error, name string) error {
	var pe *playlist.Error
	if errors.As(err, &pe) {
		return err
	}
	detail := "cannot fetch the guide"
	var ue *url.Error
	if errors.As(err, &ue) {
		detail += ": " + ue.Err.Error()
	}
	return &playlist.Error{Source: name, Problem: playlist.Unreachable, Detail: detail, Err: err}
}

// LoadError reports the guides of a LoadURLs call that could not be read.
type LoadError struct {
	Tried int
	Errs  []error
}

func (e *LoadError) Error() string {
	if len(e.Errs) == 1 {
		return e.Errs[0].Error()
	}
	return fmt.Sprintf("%d of %d guides failed, first %s", len(e.Errs), e.Tried, e.Errs[0])
}

func (e *LoadError) Unwrap() []error { return e.Errs }

// simplify returns the only error itself when there is one.
func (e *LoadError) simplify() error {
	if len(e.Errs) == 1 {
		return e.Errs[0]
	}
	return e
}

// read parses one guide into the builder.
func (b *builder) read(ctx context.Context, r io.Reader, source string) error {
	b.source = source
	br := bufio.NewReaderSize(r, 64<<10)
	var in io.Reader = br
	if head, _ := br.Peek(2); len(head) == 2 && head[0] == 0x1f && head[1] == 0x8b {
		zr, err := gzip.NewReader(br)
		if err != nil {
			return &playlist.Error{Source: source, Problem: playlist.NotPlaylist, Detail: "broken gzip data", Err: err}
		}
		defer zr.Close()
		br = bufio.NewReaderSize(zr, 64<<10)
		in = br
	}
	if latin1Declared(br) {
		in = charmap.Windows1252.NewDecoder().Reader(br)
	}
	lr := &limitReader{ctx: ctx, r: in, left: MaxGuideBytes}
	p := &parser{s: scanner{r: lr}, b: b}
	before := b.n + len(b.chans)
	p.run()
	switch {
	case p.s.err != nil:
		return readError(source, p.s.err)
	case b.full:
		return &playlist.Error{Source: source, Problem: playlist.TooLarge, Detail: "guide text larger than 4 GB"}
	case !p.sawTV && b.n+len(b.chans) == before:
		return &playlist.Error{Source: source, Problem: playlist.NotPlaylist, Detail: "not an XMLTV guide"}
	}
	return nil
}

var errTooLarge = errors.New("guide larger than the limit")

func readError(source string, err error) error {
	var pe *playlist.Error
	switch {
	case errors.As(err, &pe):
		return err
	case errors.Is(err, errTooLarge):
		return &playlist.Error{Source: source, Problem: playlist.TooLarge, Detail: "guide larger than 2 GB", Err: err}
	case errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		return &playlist.Error{Source: source, Problem: playlist.TimedOut, Detail: "stopped: " + err.Error(), Err: err}
	case errors.Is(err, gzip.ErrChecksum), errors.Is(err, gzip.ErrHeader), errors.Is(err, io.ErrUnexpectedEOF):
		return &playlist.Error{Source: source, Problem: playlist.NotPlaylist, Detail: "broken or cut-off gzip data", Err: err}
	}
	return &playlist.Error{Source: source, Problem: playlist.Unreachable, Detail: "reading failed", Err: err}
}

// latin1Declared reports whether the XML declaration names a Latin-1
// family encoding. Windows-1252 decodes ISO-8859-1 text the same way except
// for control characters no guide uses.
func latin1Declared(br *bufio.Reader) bool {
	head, _ := br.Peek(256)
	end := bytes.Index(head, []byte("?>"))
	if !bytes.Contains(head, []byte("<?xml")) || end < 0 {
		return false
	}
	decl := bytes.ToLower(head[:end])
	i := bytes.Index(decl, []byte("encoding="))
	if i < 0 {
		return false
	}
	v := strings.Trim(string(decl[i+len("encoding="):]), "\"' ")
	if j := strings.IndexAny(v, "\"' "); j >= 0 {
		v = v[:j]
	}
	switch v {
	case "iso-8859-1", "iso8859-1", "latin1", "latin-1", "windows-1252", "cp1252", "iso-8859-15":
		return true
	}
	return false
}

// limitReader stops a read that runs past the size cap or is cancelled.
type limitReader struct {
	ctx  context.Context
	r    io.Reader
	left int64
}

func (l *limitReader) Read(p []byte) (int, error) {
	if err := l.ctx.Err(); err != nil {
		return 0, err
	}
	if l.left <= 0 {
		return 0, errTooLarge
	}
	if int64(len(p)) > l.left {
		p = p[:l.left]
	}
	n, err := l.r.Read(p)
	l.left -= int64(n)
	return n, err
}
