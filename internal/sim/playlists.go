package sim

import (
	"bufio"
	"cmp"
	"encoding/xml"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// Guide window around now that xmltv.php covers.
const (
	guideBefore = 3 * time.Hour
	guideAfter  = 9 * time.Hour
)

// fileGate runs apiGate and then refuses wrong credentials (401) and accounts
// that may not watch (403), as panels do for get.php and xmltv.php.
func (s *Server) fileGate(w http.ResponseWriter, r *http.Request, endpoint string) bool {
	auth, ok := s.apiGate(w, r, endpoint)
	if !ok {
		return false
	}
	s.mu.Lock()
	active := s.statusLocked() == Active
	s.mu.Unlock()
	switch {
	case !auth:
		s.logAPI(r, endpoint, auth, http.StatusUnauthorized)
		s.refuse(w, s.rejectionLocking(r, KindAPI, RejectCredentials, http.StatusUnauthorized))
		return false
	case !active:
		s.logAPI(r, endpoint, auth, http.StatusForbidden)
		s.refuse(w, s.rejectionLocking(r, KindAPI, RejectStatus, http.StatusForbidden))
		return false
	}
	s.logAPI(r, endpoint, auth, http.StatusOK)
	return true
}

// handleGet serves get.php: type=m3u_plus (extended) or m3u (names only),
// output=ts (default) or m3u8/hls.
func (s *Server) handleGet(w http.ResponseWriter, r *http.Request) {
	if !s.fileGate(w, r, "get.php") {
		return
	}
	user, pass := s.Username(), s.Password()
	ext := "ts"
	if o := r.FormValue("output"); o == "m3u8" || o == "hls" {
		ext = "m3u8"
	}
	plus := r.FormValue("type") != "m3u"
	base := baseURL(r)
	w.Header().Set("Content-Type", "audio/x-mpegurl; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="tv_channels_`+user+`.m3u"`)
	bw := bufio.NewWriterSize(w, 64<<10)
	defer bw.Flush()
	if plus {
		guide := base + "/xmltv.php?username=" + url.QueryEscape(user) + "&password=" + url.QueryEscape(pass)
		fmt.Fprintf(bw, "#EXTM3U url-tvg=%q x-tvg-url=%q\n", guide, guide)
	} else {
		bw.WriteString("#EXTM3U\n")
	}
	for i := range s.lineup.size() {
		ch := s.lineup.channel(i)
		if plus {
			logo := ""
			if ch.HasLogo {
				logo = logoURL(base, ch.ID)
			}
			catchup := ""
			if days := s.ArchiveDays(ch.ID); days > 0 && s.cfg.PlaylistCatchup {
				catchup = fmt.Sprintf(" catchup=\"xc\" catchup-days=\"%d\"", days)
			}
			fmt.Fprintf(bw, "#EXTINF:-1 tvg-id=\"%s\" tvg-name=\"%s\" tvg-logo=\"%s\" group-title=\"%s\"%s,%s\n",
				ch.TvgID, ch.Name, logo, ch.Group, catchup, ch.Name)
		} else {
			fmt.Fprintf(bw, "#EXTINF:-1,%s\n", ch.Name)
		}
		fmt.Fprintf(bw, "%s/live/%s/%s/%d.%s\n", base, user, pass, ch.ID, ext)
	}
	if plus && s.cfg.PlaylistVOD {
		s.writePlaylistVOD(bw, base, user, pass)
	}
}

// writePlaylistVOD lists every movie and episode after the channels, as
// panels do in type=m3u_plus: /movie/ and /series/ URLs under their
// catalogue's category names.
func (s *Server) writePlaylistVOD(bw *bufio.Writer, base, user, pass string) {
	entry := func(name, logo, group, kind string, id int, ext string) {
		fmt.Fprintf(bw, "#EXTINF:-1 tvg-id=\"\" tvg-name=\"%s\" tvg-logo=\"%s\" group-title=\"%s\",%s\n", name, logo, group, name)
		fmt.Fprintf(bw, "%s/%s/%s/%s/%d.%s\n", base, kind, user, pass, id, cmp.Or(ext, "mp4"))
	}
	for i := range s.catalogue.movies {
		m := s.catalogue.movie(i)
		entry(m.Name, posterURL(base, m.ID), categoryName(movieCategories, m.CategoryID), "movie", m.ID, m.Container)
	}
	for j := range s.catalogue.series {
		t := s.catalogue.show(j)
		for season, count := range t.Seasons {
			for num := 1; num <= count; num++ {
				e := s.catalogue.episode(t, season+1, num)
				name := fmt.Sprintf("%s S%02d E%02d", t.Name, e.Season, e.Number)
				entry(name, posterURL(base, t.ID), categoryName(seriesCategories, t.CategoryID), "series", e.ID, e.Container)
			}
		}
	}
}

func categoryName(cats []vodCategory, id int) string {
	for _, c := range cats {
		if c.id == id {
			return c.name
		}
	}
	return ""
}

// handleXMLTV serves a guide for the hours around now. Every channel id in it is
// a tvg-id of the channel list.
func (s *Server) handleXMLTV(w http.ResponseWriter, r *http.Request) {
	if !s.fileGate(w, r, "xmltv.php") {
		return
	}
	now := s.now()
	from, to := now.Add(-guideBefore), now.Add(guideAfter)
	base := baseURL(r)
	n := min(s.lineup.size(), s.cfg.GuideChannels)
	w.Header().Set("Content-Type", "application/xml; charset=utf-8")
	bw := bufio.NewWriterSize(w, 64<<10)
	defer bw.Flush()
	bw.WriteString(xml.Header)
	bw.WriteString("<!DOCTYPE tv SYSTEM \"xmltv.dtd\">\n")
	bw.WriteString("<tv generator-info-name=\"tuner simulator\">\n")
	for i := range n {
		ch := s.lineup.channel(i)
		if ch.TvgID == "" {
			continue
		}
		fmt.Fprintf(bw, "  <channel id=\"%s\">\n    <display-name>%s</display-name>\n", esc(ch.TvgID), esc(ch.Name))
		if ch.HasLogo {
			fmt.Fprintf(bw, "    <icon src=\"%s\"/>\n", esc(logoURL(base, ch.ID)))
		}
		bw.WriteString("  </channel>\n")
	}
	for i := range n {
		ch := s.lineup.channel(i)
		if ch.TvgID == "" {
			continue
		}
		// An archive channel's guide reaches back as far as its archive, so
		// there is something to replay.
		past := from
		if days := s.ArchiveDays(ch.ID); days > 0 {
			past = now.Add(-time.Duration(days) * 24 * time.Hour)
		}
		for _, p := range programmes(ch, past, to) {
			fmt.Fprintf(bw, "  <programme start=\"%s\" stop=\"%s\" channel=\"%s\">\n", xmltvTime(p.Start), xmltvTime(p.Stop), esc(ch.TvgID))
			fmt.Fprintf(bw, "    <title lang=\"en\">%s</title>\n    <desc lang=\"en\">%s</desc>\n  </programme>\n", esc(p.Title), esc(p.Desc))
		}
	}
	bw.WriteString("</tv>\n")
}

func xmltvTime(t time.Time) string { return t.UTC().Format("20060102150405 -0700") }

func esc(s string) string {
	var b strings.Builder
	_ = xml.EscapeText(&b, []byte(s))
	return b.String()
}

// handleLogo serves a tiny PNG in a colour of the channel's group.
func (s *Server) handleLogo(w http.ResponseWriter, r *http.Request) {
	id, err := strconv.Atoi(strings.TrimSuffix(r.PathValue("file"), ".png"))
	ch, ok := s.lineup.byID(id)
	if err != nil || !ok || !ch.HasLogo {
		http.NotFound(w, r)
		return
	}
	writeSquare(w, mix(uint64(ch.CategoryID)))
}

// writeSquare answers a 16x16 PNG in the colour h picks.
func writeSquare(w http.ResponseWriter, h uint64) {
	c := color.RGBA{R: byte(h), G: byte(h >> 8), B: byte(h >> 16), A: 255}
	img := image.NewRGBA(image.Rect(0, 0, 16, 16))
	for y := range 16 {
		for x := range 16 {
			img.Set(x, y, c)
		}
	}
	w.Header().Set("Content-Type", "image/png")
	w.Header().Set("Cache-Control", "max-age=86400")
	_ = png.Encode(w, img)
}

// handlePoster serves a tiny PNG for a movie or series, in a colour of its id.
func (s *Server) handlePoster(w http.ResponseWriter, r *http.Request) {
	id, err := strconv.Atoi(strings.TrimSuffix(r.PathValue("file"), ".png"))
	if err != nil || id < 1 {
		http.NotFound(w, r)
		return
	}
	writeSquare(w, mix(uint64(id)))
}
