package sim

import (
	"context"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"sync"
	"time"

	"github.com/tuner-iptv/tuner/playlist"
)

// Server is a running (or ready to run) simulated panel. All methods are safe
// for concurrent use.
type Server struct {
	mu         sync.Mutex
	cfg        Config // Password, MaxConnections, Status, ExpDate, OverLimit, Faults change at run time
	lineup     lineup
	catalogue  catalogue
	clip       *clip
	loc        *time.Location
	epoch      time.Time // real time at which the HLS media sequence is 0
	conns      []*conn
	nextID     int
	sessions   map[string]*hlsSession // by token
	rejections []Rejection
	apiLog     []APIRequest
	hits       map[string][]time.Time // rate-limited requests by client host
	replays    []Replay               // every replay asked for
	releases   []func()               // Occupy holds taken through Control
	peak       int                    // most slots ever in use at once
	changed    chan struct{}

	srv      *http.Server
	ln       net.Listener
	url      string
	base     context.Context
	stop     context.CancelCauseFunc
	handlers sync.WaitGroup // running stream handlers, waited for by Close
}

// New prepares a server for cfg; Start runs it.
func New(cfg Config) *Server {
	cfg = cfg.withDefaults()
	c, err := loadClip()
	if err != nil {
		// The clip is embedded and checked by the tests; a broken one is a build defect.
		panic(err)
	}
	loc, err := time.LoadLocation(cfg.Timezone)
	if err != nil {
		loc = time.UTC
	}
	base, stop := context.WithCancelCause(context.Background())
	s := &Server{
		cfg: cfg, lineup: lineup{n: cfg.Channels}, clip: c, loc: loc,
		catalogue: catalogue{movies: cfg.Movies, series: cfg.Series},
		sessions:  map[string]*hlsSession{}, hits: map[string][]time.Time{},
		changed: make(chan struct{}), base: base, stop: stop,
	}
	s.srv = &http.Server{
		Handler:           s.routes(),
		ReadHeaderTimeout: 10 * time.Second,
		BaseContext:       func(net.Listener) context.Context { return base },
		ErrorLog:          log.New(io.Discard, "", 0),
	}
	return s
}

// Start listens on addr (use "127.0.0.1:0" for a free port) and serves in the
// background until Close.
func (s *Server) Start(addr string) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("simulator: listen on %s: %w", addr, err)
	}
	s.mu.Lock()
	s.ln = ln
	s.url = "http://" + ln.Addr().String()
	// Start the media sequence a few segments back so the first playlist is full.
	s.epoch = time.Now().Add(-hlsWindow * s.clip.Duration() / time.Duration(len(s.clip.segments)))
	s.mu.Unlock()
	go func() { _ = s.srv.Serve(ln) }()
	return nil
}

// URL is the server's base URL, e.g. "http://127.0.0.1:41234".
func (s *Server) URL() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.url
}

// Username returns the account's username.
func (s *Server) Username() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.cfg.Username
}

// Password returns the account's current password.
func (s *Server) Password() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.cfg.Password
}

// StreamURL is the TS URL of a channel with the current credentials; ext is
// "ts" or "m3u8".
func (s *Server) StreamURL(id int, ext string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return fmt.Sprintf("%s/live/%s/%s/%d.%s", s.url, s.cfg.Username, s.cfg.Password, id, ext)
}

// Channel returns the lineup's channel with the given stream ID.
func (s *Server) Channel(id int) (Channel, bool) { return s.lineup.byID(id) }

// ChannelCount is the size of the lineup.
func (s *Server) ChannelCount() int { return s.lineup.size() }

// MovieCount and SeriesCount are the sizes of the catalogues.
func (s *Server) MovieCount() int { return s.catalogue.movies }

// SeriesCount is the size of the series catalogue.
func (s *Server) SeriesCount() int { return s.catalogue.series }

// Movie returns the i-th movie of the catalogue (from 0), as get_vod_streams
// lists it.
func (s *Server) Movie(i int) (Movie, bool) {
	if i < 0 || i >= s.catalogue.movies {
		return Movie{}, false
	}
	return s.catalogue.movie(i), true
}

// Show returns the series with the given series_id.
func (s *Server) Show(id int) (SeriesTitle, bool) { return s.catalogue.showByID(id) }

// Episode returns the episode of series id, season and number (from 1).
func (s *Server) Episode(seriesID, season, num int) (Episode, bool) {
	t, ok := s.catalogue.showByID(seriesID)
	if !ok || season < 1 || season > len(t.Seasons) || num < 1 || num > t.Seasons[season-1] {
		return Episode{}, false
	}
	return s.catalogue.episode(t, season, num), true
}

// MovieURL is a movie's file URL with the current credentials.
func (s *Server) MovieURL(id int, ext string) string { return s.fileURL("movie", id, ext) }

// EpisodeURL is an episode's file URL with the current credentials.
func (s *Server) EpisodeURL(id int, ext string) string { return s.fileURL("series", id, ext) }

func (s *Server) fileURL(kind string, id int, ext string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return fmt.Sprintf("%s/%s/%s/%s/%d.%s", s.url, kind, s.cfg.Username, s.cfg.Password, id, ext)
}

// Close stops the server: every connection is cut and recorded as closed, and
// Close returns once every stream handler has finished.
func (s *Server) Close() {
	s.stop(errShutdown)
	s.mu.Lock()
	for _, c := range s.conns {
		s.cutLocked(c, ClosedShutdown, errShutdown)
	}
	s.mu.Unlock()
	_ = s.srv.Close()
	s.handlers.Wait()
}

// SetStatus changes the account's status. Leaving Active cuts every connection,
// as panels do when they ban or disable an account.
func (s *Server) SetStatus(st Status) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.cfg.Status = st
	if st != Active {
		for _, c := range s.conns {
			if c.Active() {
				s.cutLocked(c, ClosedStatus, errStatus)
			}
		}
	}
	s.notifyLocked()
}

// SetExpDate changes the account's expiry; zero means never. A date in the
// past makes an Active account Expired.
func (s *Server) SetExpDate(t time.Time) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.cfg.ExpDate = t
	s.notifyLocked()
}

// SetMaxConnections changes the slot count. Connections already open stay
// open, as on real panels; the new limit applies to the next one.
func (s *Server) SetMaxConnections(n int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.cfg.MaxConnections = n
	s.notifyLocked()
}

// SetPassword changes the password. Open connections stay open.
func (s *Server) SetPassword(p string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.cfg.Password = p
	s.notifyLocked()
}

// SetOverLimit changes what happens to a connection beyond the limit.
func (s *Server) SetOverLimit(o OverLimit) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.cfg.OverLimit = o
}

// SetFaults replaces the faults. A stream already running keeps the faults it
// started with, except Linger, which is read when its client leaves.
func (s *Server) SetFaults(f Faults) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.cfg.Faults = f
}

func (s *Server) now() time.Time { return s.cfg.Clock.Now() }

// statusLocked is the account's effective status: an Active account past its
// expiry date is Expired.
func (s *Server) statusLocked() Status {
	if s.cfg.Status == Active && !s.cfg.ExpDate.IsZero() && !s.now().Before(s.cfg.ExpDate) {
		return Expired
	}
	return s.cfg.Status
}

func (s *Server) routes() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("/player_api.php", s.handleAPI)
	mux.HandleFunc("GET /get.php", s.handleGet)
	mux.HandleFunc("GET /xmltv.php", s.handleXMLTV)
	mux.HandleFunc("GET /live/{user}/{pass}/{file}", s.handleLive)
	mux.HandleFunc("GET /hls/{token}/{file}", s.handleHLS)
	mux.HandleFunc("GET /logo/{file}", s.handleLogo)
	mux.HandleFunc("GET /movie/{user}/{pass}/{file}", s.handleMovie)
	mux.HandleFunc("GET /series/{user}/{pass}/{file}", s.handleEpisode)
	mux.HandleFunc("GET /poster/{file}", s.handlePoster)
	mux.HandleFunc("GET /timeshift/{user}/{pass}/{minutes}/{start}/{file}", s.handleTimeshift)
	mux.HandleFunc("GET /streaming/timeshift.php", s.handleTimeshiftPHP)
	return mux
}

// admit applies the rate limit. It answers 429 itself and returns false when
// the client is over it.
func (s *Server) admit(w http.ResponseWriter, r *http.Request, kind Kind) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	f := s.cfg.Faults
	if f.RateLimit <= 0 {
		return true
	}
	window := f.RateWindow
	if window <= 0 {
		window = time.Minute
	}
	host := remoteHost(r)
	now := s.now()
	recent := s.hits[host][:0]
	for _, t := range s.hits[host] {
		if now.Sub(t) < window {
			recent = append(recent, t)
		}
	}
	if len(recent) >= f.RateLimit {
		s.hits[host] = recent
		s.rejectLocked(s.rejection(r, kind, RejectRateLimit, http.StatusTooManyRequests))
		w.WriteHeader(http.StatusTooManyRequests)
		return false
	}
	s.hits[host] = append(recent, now)
	return true
}

// rejection describes a refused request; the password never reaches the record.
func (s *Server) rejection(r *http.Request, kind Kind, why Reason, status int) Rejection {
	return Rejection{
		Reason: why, Status: status, Kind: kind, Remote: r.RemoteAddr,
		Path: playlist.MaskURL(r.URL.RequestURI()),
	}
}

// refuse records a rejection and answers with an empty body, as panels do.
func (s *Server) refuse(w http.ResponseWriter, rej Rejection) {
	s.mu.Lock()
	s.rejectLocked(rej)
	s.mu.Unlock()
	w.WriteHeader(rej.Status)
}

func remoteHost(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

// sleepCtx waits d or until ctx ends; it reports whether the full wait passed.
func sleepCtx(ctx context.Context, d time.Duration) bool {
	if d <= 0 {
		return true
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
		return false
	}
}
