package source

import (
	"bufio"
	"compress/gzip"
	"errors"
	"io"
	"os"

	"github.com/tuner-iptv/tuner/playlist"
	"github.com/tuner-iptv/tuner/playlist/m3u"
)

// Playlists are published gzip-compressed too (tv.m3u.gz); a file or a pipe is
// recognised by its magic bytes, whatever its name says, as the HTTP loader
// does for bodies.
const maxGzipPlaylist = 2 << 30 // decompressed; a small file must not expand without end

func isGzip(magic []byte) bool { return len(magic) >= 2 && magic[0] == 0x1f && magic[1] == 0x8b }

// fileIsGzip reports whether the file at path starts with gzip's magic bytes.
// A file it cannot read is not: ParseFile then phrases that error.
func fileIsGzip(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	var magic [2]byte
	n, _ := io.ReadFull(f, magic[:])
	return isGzip(magic[:n])
}

// parseGzipFile reads a gzip-compressed playlist file. Progress counts the
// compressed bytes against the file's size.
func parseGzipFile(path, name string, progress playlist.Progress, lim m3u.Limits) (*playlist.Playlist, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, &playlist.Error{Source: path, Problem: playlist.NotFound, Detail: "not found", Err: err}
	}
	defer f.Close()
	var r io.Reader = f
	if fi, err := f.Stat(); err == nil && progress != nil {
		r = &progressReader{r: f, total: fi.Size(), progress: progress}
	}
	return parseGzip(bufio.NewReaderSize(r, 256<<10), name, lim)
}

// parseGzip reads the playlist compressed in r. What it expands to has no
// size known up front, so it is read with the caps of a stream.
func parseGzip(r io.Reader, name string, lim m3u.Limits) (*playlist.Playlist, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, gzipError(name, err)
	}
	gr := &gzipReader{r: io.LimitReader(zr, maxGzipPlaylist+1), name: name}
	p, err := m3u.ParseWith(gr, name, nil, lim)
	var pe *playlist.Error
	if errors.As(err, &pe) && pe.Problem == playlist.NotPlaylist && !gr.failed {
		cp := *pe
		cp.Detail = "gzip-compressed: " + pe.Detail
		return nil, &cp
	}
	return p, err
}

func gzipError(name string, err error) error {
	return &playlist.Error{Source: playlist.MaskURL(name), Problem: playlist.NotPlaylist,
		Detail: "gzip-compressed, but the data is damaged: " + err.Error(), Err: err}
}

// gzipReader phrases decompression failures and stops at the size cap.
type gzipReader struct {
	r      io.Reader
	n      int64
	name   string
	failed bool
}

func (g *gzipReader) Read(p []byte) (int, error) {
	n, err := g.r.Read(p)
	g.n += int64(n)
	if g.n > maxGzipPlaylist {
		return n, &playlist.Error{Source: playlist.MaskURL(g.name), Problem: playlist.TooLarge,
			Detail: "gzip file expands beyond 2 GiB"}
	}
	if err != nil && err != io.EOF {
		g.failed = true
		err = gzipError(g.name, err)
	}
	return n, err
}

type progressReader struct {
	r        io.Reader
	done     int64
	total    int64
	progress playlist.Progress
}

func (p *progressReader) Read(b []byte) (int, error) {
	n, err := p.r.Read(b)
	if n > 0 {
		p.done += int64(n)
		p.progress(p.done, p.total)
	}
	return n, err
}
