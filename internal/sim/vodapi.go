package sim

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strconv"
	"unicode/utf8"
)

// The catalogue's answers carry the oddities real panels send, each on a
// few titles so a client meets all of them: stream ids as numbers and as
// strings, ratings as strings, numbers, "" and null, a movie without
// container_extension, category_ids arrays, get_vod_info with info as [],
// and episodes keyed by season, as an array of arrays, or as one flat list.

// writeVODCategories answers get_vod_categories and get_series_categories.
func writeVODCategories(w http.ResponseWriter, cats []vodCategory) {
	out := make([]category, len(cats))
	for i, c := range cats {
		out[i] = category{ID: strconv.Itoa(c.id), Name: c.name}
	}
	writePHP(w, out)
}

// writeVODList streams a catalogue list one element at a time, in the
// category asked for or all of them, so a list of a hundred thousand
// titles never sits in memory whole.
func writeVODList(w http.ResponseWriter, r *http.Request, n int, element func(i int) (cat int, v any)) {
	want := -1
	if c := r.FormValue("category_id"); c != "" {
		var err error
		if want, err = strconv.Atoi(c); err != nil {
			want = -2
		}
	}
	w.Header().Set("Content-Type", "application/json")
	buf := make([]byte, 0, 64<<10)
	buf = append(buf, '[')
	first := true
	for i := range n {
		cat, v := element(i)
		if want != -1 && cat != want {
			continue
		}
		if !first {
			buf = append(buf, ',')
		}
		first = false
		buf = appendPHP(buf, v)
		if len(buf) > 60<<10 {
			if _, err := w.Write(buf); err != nil {
				return
			}
			buf = buf[:0]
		}
	}
	buf = append(buf, "]\n"...)
	_, _ = w.Write(buf)
}

// vodEntry is a get_vod_streams element and get_vod_info's movie_data, in
// the order panels send the fields; a struct, since a large panel lists a
// hundred thousand of them.
type vodEntry struct {
	Num          int    `json:"num,omitempty"`
	Name         string `json:"name"`
	StreamType   string `json:"stream_type,omitempty"`
	StreamID     any    `json:"stream_id"`
	StreamIcon   string `json:"stream_icon,omitempty"`
	Rating       any    `json:"rating"`
	Rating5      any    `json:"rating_5based,omitempty"`
	Added        string `json:"added"`
	IsAdult      string `json:"is_adult,omitempty"`
	CategoryID   string `json:"category_id"`
	CategoryIDs  []int  `json:"category_ids"`
	Container    string `json:"container_extension,omitempty"`
	CustomSID    string `json:"custom_sid"`
	DirectSource string `json:"direct_source"`
	Year         string `json:"year,omitempty"`
}

func (s *Server) vodStream(m Movie, i int, base string) vodEntry {
	e := vodEntry{
		Num: i + 1, Name: m.Name, StreamType: "movie", StreamID: idValue(m.ID, i), StreamIcon: posterURL(base, m.ID),
		Rating: ratingValue(m.Rating, i), Rating5: m.Rating / 2, Added: strconv.FormatInt(m.Added, 10), IsAdult: "0",
		CategoryID: strconv.Itoa(m.CategoryID), CategoryIDs: []int{m.CategoryID}, Container: m.Container,
	}
	if i%7 == 0 {
		e.CategoryIDs = append(e.CategoryIDs, movieCategories[0].id)
	}
	if i%2 == 0 {
		e.Year = strconv.Itoa(m.Year)
	}
	return e
}

// idValue sends an id as a number on even titles and as a string on odd ones.
func idValue(id, i int) any {
	if i%2 == 0 {
		return id
	}
	return strconv.Itoa(id)
}

// ratingValue sends a rating as panels do: mostly a string, sometimes a
// number or "", null when there is none.
func ratingValue(r float64, i int) any {
	switch {
	case r == 0:
		return nil
	case i%5 == 0:
		return r
	case i%29 == 7:
		return ""
	}
	return strconv.FormatFloat(r, 'f', 1, 64)
}

func (s *Server) writeVODStreams(w http.ResponseWriter, r *http.Request) {
	base := baseURL(r)
	writeVODList(w, r, s.catalogue.movies, func(i int) (int, any) {
		m := s.catalogue.movie(i)
		return m.CategoryID, s.vodStream(m, i, base)
	})
}

// writeVODInfo answers get_vod_info; every 19th movie has info as [], and
// an unknown id gets empty info and movie_data, as panels answer.
func (s *Server) writeVODInfo(w http.ResponseWriter, r *http.Request) {
	id, _ := strconv.Atoi(r.FormValue("vod_id"))
	m, ok := s.catalogue.movieByID(id)
	if !ok {
		writePHP(w, map[string]any{"info": []any{}, "movie_data": []any{}})
		return
	}
	i := m.ID - movieBase - 1
	base := baseURL(r)
	var info any = []any{}
	if i%19 != 6 {
		info = map[string]any{
			"name": m.Name, "o_name": m.Name, "movie_image": posterURL(base, m.ID), "cover_big": posterURL(base, m.ID),
			"releasedate": strconv.Itoa(m.Year) + "-06-01", "director": person(i), "actors": person(i+1) + ", " + person(i+2),
			"cast": person(i+1) + ", " + person(i+2), "description": plot(m.Name), "plot": plot(m.Name),
			"genre": m.Genre, "duration_secs": m.Seconds, "duration": clock(m.Seconds), "rating": ratingValue(m.Rating, i),
			"country": "", "age": "", "youtube_trailer": "", "backdrop_path": []string{}, "tmdb_id": strconv.Itoa(1000 + i),
		}
	}
	md := s.vodStream(m, i, base)
	md.Num, md.StreamType, md.StreamIcon, md.Rating5, md.IsAdult, md.Year = 0, "", "", nil, "", ""
	writePHP(w, struct {
		Info      any      `json:"info"`
		MovieData vodEntry `json:"movie_data"`
	}{info, md})
}

func plot(name string) string {
	return "A story about " + name + ", told in the simulator's own words/pictures."
}

// seriesEntry is a get_series element and get_series_info's info.
type seriesEntry struct {
	Num          int      `json:"num,omitempty"`
	Name         string   `json:"name"`
	SeriesID     int      `json:"series_id,omitempty"`
	Cover        string   `json:"cover"`
	Plot         string   `json:"plot"`
	Cast         string   `json:"cast"`
	Director     string   `json:"director"`
	Genre        string   `json:"genre"`
	ReleaseDate  string   `json:"releaseDate"`
	LastModified string   `json:"last_modified"`
	Rating       any      `json:"rating"`
	Rating5      float64  `json:"rating_5based"`
	Backdrop     []string `json:"backdrop_path"`
	Trailer      string   `json:"youtube_trailer"`
	RunTime      string   `json:"episode_run_time"`
	CategoryID   string   `json:"category_id"`
	CategoryIDs  []int    `json:"category_ids"`
}

func (s *Server) seriesEntry(t SeriesTitle, j int, base string) seriesEntry {
	return seriesEntry{
		Num: j + 1, Name: t.Name, SeriesID: t.ID, Cover: posterURL(base, t.ID),
		Plot: plot(t.Name), Cast: person(j) + ", " + person(j+3), Director: person(j + 5), Genre: t.Genre,
		ReleaseDate: strconv.Itoa(t.Year) + "-09-01", LastModified: strconv.FormatInt(createdAt+int64(j)*86400, 10),
		Rating: ratingValue(t.Rating, j), Rating5: t.Rating / 2, Backdrop: []string{},
		RunTime: "45", CategoryID: strconv.Itoa(t.CategoryID), CategoryIDs: []int{t.CategoryID},
	}
}

func (s *Server) writeSeries(w http.ResponseWriter, r *http.Request) {
	base := baseURL(r)
	writeVODList(w, r, s.catalogue.series, func(j int) (int, any) {
		t := s.catalogue.show(j)
		return t.CategoryID, s.seriesEntry(t, j, base)
	})
}

// writeSeriesInfo answers get_series_info. Episodes are keyed by season;
// every tenth series from the second sends them as an array of arrays,
// every tenth from the sixth as one flat array with an empty seasons list.
func (s *Server) writeSeriesInfo(w http.ResponseWriter, r *http.Request) {
	id, _ := strconv.Atoi(r.FormValue("series_id"))
	t, ok := s.catalogue.showByID(id)
	if !ok {
		writePHP(w, map[string]any{"seasons": []any{}, "info": []any{}, "episodes": []any{}})
		return
	}
	j, base := t.ID-1, baseURL(r)
	info := s.seriesEntry(t, j, base)
	info.Num, info.SeriesID = 0, 0
	seasons := []any{}
	bySeason := map[string][]any{}
	var nested [][]any
	var flat []any
	for season, count := range t.Seasons {
		n := season + 1
		seasons = append(seasons, map[string]any{
			"air_date": strconv.Itoa(t.Year+season) + "-09-01", "episode_count": count, "id": t.ID*100 + n,
			"name": "Season " + strconv.Itoa(n), "overview": "", "season_number": n,
			"cover": posterURL(base, t.ID), "cover_big": posterURL(base, t.ID),
		})
		var eps []any
		for num := 1; num <= count; num++ {
			eps = append(eps, s.episodeEntry(s.catalogue.episode(t, n, num), base))
		}
		bySeason[strconv.Itoa(n)] = eps
		nested = append(nested, eps)
		flat = append(flat, eps...)
	}
	var episodes any = bySeason
	switch j % 10 {
	case 1:
		episodes = nested
	case 5:
		episodes, seasons = flat, []any{}
	}
	writePHP(w, map[string]any{"seasons": seasons, "info": info, "episodes": episodes})
}

func (s *Server) episodeEntry(e Episode, base string) map[string]any {
	out := map[string]any{
		"id": strconv.Itoa(e.ID), "episode_num": e.Number, "title": e.Title, "custom_sid": "",
		"added": strconv.FormatInt(createdAt+int64(e.ID%100000)*60, 10), "season": e.Season, "direct_source": "",
		"info": map[string]any{
			"movie_image": posterURL(base, e.SeriesID), "plot": "Part " + strconv.Itoa(e.Number) + " of season " + strconv.Itoa(e.Season) + ".",
			"duration_secs": e.Seconds, "duration": clock(e.Seconds), "rating": "", "season": strconv.Itoa(e.Season),
		},
	}
	if e.Container != "" {
		out["container_extension"] = e.Container
	}
	if e.Number%2 == 0 {
		out["episode_num"] = strconv.Itoa(e.Number)
		out["season"] = strconv.Itoa(e.Season)
	}
	return out
}

func posterURL(base string, id int) string { return base + "/poster/" + strconv.Itoa(id) + ".png" }

func writePHP(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json")
	_, _ = w.Write(append(appendPHP(nil, v), '\n'))
}

// appendPHP appends v as PHP's json_encode writes it: "/" escaped and
// everything beyond ASCII as \uXXXX.
func appendPHP(b []byte, v any) []byte {
	var plain bytes.Buffer
	enc := json.NewEncoder(&plain)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		// Every value here is built by this package from plain types.
		panic(err)
	}
	return phpEscape(b, bytes.TrimSuffix(plain.Bytes(), []byte("\n")))
}

// phpEscape rewrites the strings of a JSON text in PHP's default escaping.
func phpEscape(b, js []byte) []byte {
	inString := false
	for i := 0; i < len(js); {
		c := js[i]
		switch {
		case !inString:
			inString = c == '"'
			b = append(b, c)
			i++
		case c == '\\':
			b = append(b, js[i:i+2]...)
			i += 2
		case c == '"':
			inString = false
			b = append(b, c)
			i++
		case c == '/':
			b = append(b, '\\', '/')
			i++
		case c < utf8.RuneSelf:
			b = append(b, c)
			i++
		default:
			r, size := utf8.DecodeRune(js[i:])
			b = appendPHPRune(b, r)
			i += size
		}
	}
	return b
}
