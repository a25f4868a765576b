package gate

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"
)

// followEvery is how often a growing file is looked at again once the
// player has read all of it: a recording writes every few milliseconds, and
// a player's cache covers far more than this.
const followEvery = 100 * time.Millisecond

// FileStream serves a local file to the player, from its start, following
// its end while it grows (a recording under way), so watching what records
// needs no provider connection of its own. The provider is not involved.
type FileStream struct {
	g     *Gate
	token string
	// file is opened once, so the file plays on when its name goes (a
	// recording remuxed to MKV removes its TS): every response reads it
	// at an offset of its own.
	file *os.File
	name string
	// ended is closed once nothing more will be written; the file is then
	// served to its end and no further.
	ended <-chan struct{}

	once    sync.Once
	stop    chan struct{}
	mu      sync.Mutex
	firstAt time.Time
	first   chan struct{}
}

// OpenFile serves the file at path until Stop. ended is closed once the
// file stops growing; a closed one serves a finished file.
func (g *Gate) OpenFile(path string, ended <-chan struct{}) (*FileStream, error) {
	file, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.closed {
		file.Close()
		return nil, errors.New("stream gate: closed")
	}
	if g.files == nil {
		g.files = map[string]*FileStream{}
	}
	f := &FileStream{g: g, token: newToken(), file: file, name: "media" + fileExt(path), ended: ended,
		stop: make(chan struct{}), first: make(chan struct{})}
	g.files[f.token] = f
	return f, nil
}

func fileExt(path string) string {
	ext := strings.ToLower(filepath.Ext(path))
	if len(ext) > 8 || strings.ContainsAny(ext, "/%") {
		return ""
	}
	return ext
}

// URL is what the player is handed; it names neither the folder nor the file.
func (f *FileStream) URL() string {
	return fmt.Sprintf("http://%s/f/%s/%s", f.g.Addr(), f.token, f.name)
}

// Stop ends every response under way and forgets the URL. The file and
// whatever writes it are left alone.
func (f *FileStream) Stop() {
	f.once.Do(func() {
		close(f.stop)
		f.g.mu.Lock()
		delete(f.g.files, f.token)
		f.g.mu.Unlock()
		f.file.Close()
	})
}

// FirstByte is closed once the player has been sent the first bytes.
func (f *FileStream) FirstByte() <-chan struct{} { return f.first }

func (f *FileStream) markFirstByte() {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.firstAt.IsZero() {
		f.firstAt = time.Now()
		close(f.first)
	}
}

func (f *FileStream) isEnded() bool {
	select {
	case <-f.ended:
		return true
	default:
		return false
	}
}

func (g *Gate) serveFile(w http.ResponseWriter, r *http.Request) {
	if g.stranger(r.RemoteAddr) {
		http.Error(w, "not your stream", http.StatusForbidden)
		return
	}
	g.mu.Lock()
	f := g.files[r.PathValue("token")]
	g.mu.Unlock()
	if f == nil {
		http.Error(w, "unknown stream", http.StatusNotFound)
		return
	}
	f.serve(w, r)
}

func (f *FileStream) serve(w http.ResponseWriter, r *http.Request) {
	if f.isEnded() {
		// Finished: its size is known, so seeks are plain Range requests.
		if st, err := f.file.Stat(); err == nil {
			http.ServeContent(w, r, f.name, st.ModTime(), io.NewSectionReader(f.file, 0, st.Size()))
			return
		}
	}
	off, ok := rangeStart(r.Header.Get("Range"))
	if !ok {
		http.Error(w, "only open-ended byte ranges are served while the file grows", http.StatusRequestedRangeNotSatisfiable)
		return
	}
	w.Header().Set("Content-Type", "video/mp2t")
	// Ranges are offered so the player seeks back past its cache with a new
	// request. A growing file has no total yet; a Content-Range of "/*" is
	// read by ffmpeg as a size of 0, so a range answer goes without one and
	// the player keeps the offset it asked for.
	w.Header().Set("Accept-Ranges", "bytes")
	status := http.StatusOK
	if off > 0 {
		status = http.StatusPartialContent
	}
	w.WriteHeader(status)
	f.follow(w, r, &atReader{f: f.file, off: off})
}

// atReader reads the file on from an offset of its own.
type atReader struct {
	f   *os.File
	off int64
}

func (a *atReader) Read(p []byte) (int, error) {
	n, err := a.f.ReadAt(p, a.off)
	a.off += int64(n)
	if n > 0 && errors.Is(err, io.EOF) {
		err = nil
	}
	return n, err
}

// rangeStart reads "bytes=N-" (or no Range at all, N = 0).
func rangeStart(h string) (int64, bool) {
	if h == "" {
		return 0, true
	}
	spec, ok := strings.CutPrefix(h, "bytes=")
	if !ok {
		return 0, false
	}
	from, to, ok := strings.Cut(spec, "-")
	if !ok || strings.Contains(to, ",") {
		return 0, false
	}
	n, err := strconv.ParseInt(from, 10, 64)
	if err != nil || n < 0 {
		return 0, false
	}
	// A bounded range is served from its start on: the player reads on
	// until it has what it wants, then closes.
	return n, true
}

// follow copies the file to w like `tail -f`: at its end it waits for more
// until the writer is done, the player goes away or the stream stops.
func (f *FileStream) follow(w http.ResponseWriter, r *http.Request, file io.Reader) {
	rc := http.NewResponseController(w)
	buf := make([]byte, 64<<10)
	tick := time.NewTicker(followEvery)
	defer tick.Stop()
	for {
		select {
		case <-f.stop:
			return
		default:
		}
		n, err := file.Read(buf)
		if n > 0 {
			if _, werr := w.Write(buf[:n]); werr != nil {
				return
			}
			_ = rc.Flush()
			f.markFirstByte()
			continue
		}
		if err != nil && !errors.Is(err, io.EOF) {
			return
		}
		ended := f.isEnded()
		if ended {
			// What was written before the end may not have been read yet.
			if n, _ := io.CopyBuffer(w, file, buf); n > 0 {
				f.markFirstByte()
			}
			return
		}
		select {
		case <-tick.C:
		case <-f.ended:
		case <-f.stop:
			return
		case <-r.Context().Done():
			return
		}
	}
}
