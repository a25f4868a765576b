// Package source turns what a person types (a file, "-", a URL, a provider
// account) into a playlist.Source.
package source

import (
	"bufio"
	"context"
	"errors"
	"io"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/tuner-iptv/tuner/playlist"
	"github.com/tuner-iptv/tuner/playlist/m3u"
	"github.com/tuner-iptv/tuner/playlist/remote"
	"github.com/tuner-iptv/tuner/playlist/xtream"
)

// Options apply to every source made from a spec.
type Options struct {
	Stdin     io.Reader      // what "-" reads; os.Stdin when nil
	UserAgent string         // overrides HTTP.UserAgent when set
	HTTP      remote.Options // timeouts, size cap, credentials for plain URLs
	// Name labels the source on screens and in its channels, instead of the
	// name derived from its path, URL or account (a config's `name =`).
	Name string
}

// limits read standard input and other files of unknown size (a fifo,
// /dev/zero) with the same cap as a download.
func (o Options) limits() m3u.Limits {
	return m3u.Limits{MaxStream: o.HTTP.MaxBytes}
}

func (o Options) http() remote.Options {
	h := o.HTTP
	if o.UserAgent != "" {
		h.UserAgent = o.UserAgent
	}
	return h
}

// Keyed is a Source whose copies may be cached. CacheKey identifies the
// source, username included, and never contains a password; "" means the
// source is not worth caching (a local file, standard input).
type Keyed interface {
	CacheKey() string
}

// Parse turns a command-line spec into a Source: "-" is standard input, an
// http(s) URL is fetched (a get.php or player_api.php URL with credentials
// is read through the Xtream API), anything else is a file path. A missing
// file or a directory is reported here, before anything loads.
func Parse(spec string, opts Options) (playlist.Source, error) {
	switch {
	case spec == "-":
		r := opts.Stdin
		if r == nil {
			r = os.Stdin
		}
		return &Stdin{r: r, limits: opts.limits()}, nil
	case strings.TrimSpace(spec) == "":
		return nil, &playlist.Error{Source: "playlist", Problem: playlist.Invalid, Detail: "empty source"}
	case hasScheme(spec, "http://"), hasScheme(spec, "https://"):
		if base, user, pass, ok := xtream.ParseGetURL(spec); ok {
			x := NewXtream(base, user, pass, opts).(*Xtream)
			x.c.Output = outputOf(spec)
			x.fallback = &URL{url: spec, opt: opts.http()}
			return x, nil
		}
		return &URL{url: spec, opt: opts.http(), label: opts.Name}, nil
	case hasScheme(spec, "file://"):
		return newFile(strings.TrimPrefix(spec[len("file://"):], "localhost"), opts)
	case strings.Contains(spec, "://"):
		return nil, &playlist.Error{Source: playlist.MaskURL(spec), Problem: playlist.Invalid,
			Detail: "unsupported URL scheme (use http://, https://, a file path or -)"}
	}
	return newFile(spec, opts)
}

// outputOf keeps the container a get.php URL asked for (output=ts|m3u8|hls),
// so channels play the way they did from the M3U.
func outputOf(spec string) string {
	u, err := url.Parse(spec)
	if err != nil {
		return ""
	}
	switch strings.ToLower(u.Query().Get("output")) {
	case "m3u8", "hls":
		return "m3u8"
	case "ts", "mpegts":
		return "ts"
	}
	return ""
}

func hasScheme(s, scheme string) bool {
	return len(s) >= len(scheme) && strings.EqualFold(s[:len(scheme)], scheme)
}

// File is a playlist file on disk.
type File struct {
	Path   string
	label  string
	limits m3u.Limits
}

func newFile(path string, opts Options) (*File, error) {
	fi, err := os.Stat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil, &playlist.Error{Source: path, Problem: playlist.NotFound, Detail: "not found", Err: err}
	case err != nil:
		return nil, &playlist.Error{Source: path, Problem: playlist.Invalid, Detail: "cannot read: " + pathErr(err), Err: err}
	case fi.IsDir():
		return nil, &playlist.Error{Source: path, Problem: playlist.Invalid, Detail: "is a directory, not a playlist file"}
	}
	return &File{Path: path, label: opts.Name, limits: opts.limits()}, nil
}

func pathErr(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

// Name is the file's base name, unless the source was given a name.
func (f *File) Name() string {
	if f.label != "" {
		return f.label
	}
	return filepath.Base(f.Path)
}

// CacheKey is empty: the file itself is as quick to read as a cached copy.
func (f *File) CacheKey() string { return "" }

// Load parses the file, plain or gzip-compressed.
func (f *File) Load(ctx context.Context, progress playlist.Progress) (*playlist.Playlist, error) {
	var p *playlist.Playlist
	var err error
	if fileIsGzip(f.Path) {
		p, err = parseGzipFile(f.Path, f.Name(), progress, f.limits)
	} else {
		p, err = m3u.ParseFileWith(f.Path, f.Name(), progress, f.limits)
	}
	if err != nil {
		return nil, renameSource(err, f.Path)
	}
	return p, nil
}

// renameSource names errors by the path the person gave, which is more
// useful in an error than the base name a screen shows.
func renameSource(err error, name string) error {
	var pe *playlist.Error
	if errors.As(err, &pe) {
		cp := *pe
		cp.Source = playlist.MaskURL(name)
		if cp.Problem == playlist.NotFound {
			cp.Detail = "not found"
		}
		return &cp
	}
	return err
}

// Stdin is a playlist piped in. It can be read once, so the first result is
// kept and handed out again on a reload.
type Stdin struct {
	r      io.Reader
	limits m3u.Limits
	once   sync.Once
	p      *playlist.Playlist
	err    error
}

// Name is "stdin".
func (s *Stdin) Name() string { return "stdin" }

// CacheKey is empty: standard input differs from run to run.
func (s *Stdin) CacheKey() string { return "" }

// Load parses standard input, plain or gzip-compressed.
func (s *Stdin) Load(ctx context.Context, progress playlist.Progress) (*playlist.Playlist, error) {
	s.once.Do(func() {
		br := bufio.NewReaderSize(s.r, 64<<10)
		if magic, _ := br.Peek(2); isGzip(magic) {
			s.p, s.err = parseGzip(br, s.Name(), s.limits)
			return
		}
		s.p, s.err = m3u.ParseWith(br, s.Name(), progress, s.limits)
	})
	return s.p, s.err
}
