package sim

import (
	"net/http"
	"strconv"
	"strings"
	"time"
)

// Archive channels keep what they aired for Config.ArchiveDays: every
// fourth channel, starting with the first, as panels mark some channels
// and not others. Replays are served in both of Xtream's forms, their start
// read in the panel's own time zone, and recorded so tests can check what
// tuner asked for.

// archiveEvery picks the archive channels: id 1, 5, 9 ...
const archiveEvery = 4

// Replay is one replay request the panel answered or refused.
type Replay struct {
	StreamID int
	Start    time.Time // as the panel read it, in its time zone
	Minutes  int
	Form     string // "path" (/timeshift/...) or "php" (/streaming/timeshift.php)
	Status   int    // what the panel answered: 200, or 404 outside the archive
}

// ArchiveDays is how many days channel id keeps; 0 for a channel without
// an archive.
func (s *Server) ArchiveDays(id int) int {
	if s.cfg.ArchiveDays < 0 || id%archiveEvery != 1 {
		return 0
	}
	return s.cfg.ArchiveDays
}

// Replays lists the replay requests so far, oldest first.
func (s *Server) Replays() []Replay {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Replay(nil), s.replays...)
}

// Zone is the panel's time zone (server_info.timezone).
func (s *Server) Zone() *time.Location {
	loc, err := time.LoadLocation(s.cfg.Timezone)
	if err != nil {
		return time.UTC
	}
	return loc
}

// handleTimeshift answers /timeshift/U/P/MINUTES/YYYY-MM-DD:HH-MM/ID.ts.
func (s *Server) handleTimeshift(w http.ResponseWriter, r *http.Request) {
	id, _ := strconv.Atoi(strings.TrimSuffix(strings.TrimSuffix(r.PathValue("file"), ".ts"), ".m3u8"))
	s.replay(w, r, "path", id, r.PathValue("start"), r.PathValue("minutes"))
}

// handleTimeshiftPHP answers /streaming/timeshift.php?username=&password=&stream=&start=&duration=.
func (s *Server) handleTimeshiftPHP(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	r.SetPathValue("user", q.Get("username"))
	r.SetPathValue("pass", q.Get("password"))
	id, _ := strconv.Atoi(q.Get("stream"))
	s.replay(w, r, "php", id, q.Get("start"), q.Get("duration"))
}

func (s *Server) replay(w http.ResponseWriter, r *http.Request, form string, id int, start, minutes string) {
	if !s.admit(w, r, KindTS) {
		return
	}
	at, terr := time.ParseInLocation("2006-01-02:15-04", start, s.Zone())
	mins, merr := strconv.Atoi(minutes)
	rec := Replay{StreamID: id, Start: at, Minutes: mins, Form: form, Status: http.StatusOK}
	inArchive := func() bool {
		days := s.ArchiveDays(id)
		now := s.now()
		return terr == nil && merr == nil && mins > 0 && days > 0 &&
			!at.After(now) && now.Sub(at) < time.Duration(days)*24*time.Hour
	}
	if rej, refused := s.checkPlay(r, KindTS, id, inArchive); refused {
		rec.Status = rej.Status
		s.record(rec)
		s.refuse(w, rej)
		return
	}
	s.record(rec)
	s.serveTS(w, r, id)
}

func (s *Server) record(r Replay) {
	s.mu.Lock()
	s.replays = append(s.replays, r)
	s.mu.Unlock()
}
