package xtream

import (
	"bytes"
	"encoding/json"
	"errors"

	"github.com/tuner-iptv/tuner/playlist"
)

// errNoTitle is a get_vod_info or get_series_info answer for a title the
// panel no longer has: [], {} or an object without its data.
var errNoTitle = errors.New("no such title")

// rawMovie is one get_vod_streams element, or get_vod_info's movie_data.
// Newer panels add the details of get_vod_info to the list itself.
type rawMovie struct {
	Name         Str   `json:"name"`
	StreamID     Str   `json:"stream_id"`
	StreamIcon   Str   `json:"stream_icon"`
	Rating       Float `json:"rating"`
	Rating5      Float `json:"rating_5based"`
	Added        Int   `json:"added"`
	CategoryID   Str   `json:"category_id"`
	CategoryIDs  Strs  `json:"category_ids"`
	Container    Str   `json:"container_extension"`
	DirectSource Str   `json:"direct_source"`
	Year         Str   `json:"year"`
	ReleaseDate  Str   `json:"releaseDate"`
	Genre        Str   `json:"genre"`
	Plot         Str   `json:"plot"`
	Cast         Str   `json:"cast"`
	Director     Str   `json:"director"`
	DurationSecs Int   `json:"duration_secs"`
	Duration     Str   `json:"duration"`
	RunTime      Str   `json:"episode_run_time"`
}

// rawMovieInfo is get_vod_info's info object; field names vary by panel.
type rawMovieInfo struct {
	Name         Str   `json:"name"`
	MovieImage   Str   `json:"movie_image"`
	CoverBig     Str   `json:"cover_big"`
	ReleaseDate  Str   `json:"releasedate"`
	ReleaseDate2 Str   `json:"release_date"`
	Year         Str   `json:"year"`
	Director     Str   `json:"director"`
	Actors       Str   `json:"actors"`
	Cast         Str   `json:"cast"`
	Description  Str   `json:"description"`
	Plot         Str   `json:"plot"`
	Genre        Str   `json:"genre"`
	DurationSecs Int   `json:"duration_secs"`
	Duration     Str   `json:"duration"`
	RunTime      Str   `json:"episode_run_time"`
	Rating       Float `json:"rating"`
	Rating5      Float `json:"rating_5based"`
}

// DecodeVODCategories decodes get_vod_categories, which has the shape of
// get_live_categories.
func DecodeVODCategories(data []byte) ([]Category, error) { return DecodeCategories(data) }

// DecodeSeriesCategories decodes get_series_categories.
func DecodeSeriesCategories(data []byte) ([]Category, error) { return DecodeCategories(data) }

// DecodeVODStreams decodes get_vod_streams into movies, skipping entries
// without a stream_id, which cannot be played.
func DecodeVODStreams(data []byte) ([]playlist.Movie, error) {
	raw, ok := decodeFlat(data, movieFields)
	if !ok {
		if err := decodeList(data, &raw); err != nil {
			return nil, err
		}
	}
	in := newInterner()
	out := make([]playlist.Movie, 0, len(raw))
	for i := range raw {
		if raw[i].StreamID == "" {
			continue
		}
		out = append(out, raw[i].movie(in))
		raw[i] = rawMovie{} // let the decoded text go with the domain value only
	}
	return out, nil
}

func (r *rawMovie) movie(in *interner) playlist.Movie {
	return playlist.Movie{
		ID:           string(r.StreamID),
		Name:         string(r.Name),
		Poster:       string(r.StreamIcon),
		Genre:        in.str(string(r.Genre)),
		Plot:         string(r.Plot),
		Director:     string(r.Director),
		Cast:         string(r.Cast),
		Container:    in.str(container(r.Container, r.DirectSource)),
		DirectSource: string(r.DirectSource),
		Categories:   in.categories(r.CategoryID, r.CategoryIDs),
		Added:        int64(r.Added),
		Seconds:      seconds(r.DurationSecs, r.Duration, r.RunTime),
		Rating:       rating(r.Rating, r.Rating5),
		Year:         year(r.Name, r.Year, r.ReleaseDate),
	}
}

// DecodeVODInfo decodes get_vod_info: the movie with its details, from
// movie_data and an info object that may be missing, [] or partial.
func DecodeVODInfo(data []byte) (playlist.Movie, error) {
	var raw struct {
		Info      Object `json:"info"`
		MovieData Object `json:"movie_data"`
	}
	if err := decodeObject(data, &raw); err != nil {
		return playlist.Movie{}, err
	}
	var md rawMovie
	raw.MovieData.into(&md)
	var info rawMovieInfo
	raw.Info.into(&info)
	if md.StreamID == "" && info.Name == "" {
		return playlist.Movie{}, errNoTitle
	}
	m := md.movie(newInterner())
	info.fill(&m)
	return m, nil
}

// fill adds what info says to m, keeping what movie_data already gave.
func (info *rawMovieInfo) fill(m *playlist.Movie) {
	set := func(dst *string, vals ...Str) {
		for _, v := range vals {
			if *dst == "" && v != "" {
				*dst = string(v)
			}
		}
	}
	set(&m.Name, info.Name)
	set(&m.Poster, info.MovieImage, info.CoverBig)
	set(&m.Genre, info.Genre)
	set(&m.Plot, info.Plot, info.Description)
	set(&m.Director, info.Director)
	set(&m.Cast, info.Cast, info.Actors)
	if m.Seconds == 0 {
		m.Seconds = seconds(info.DurationSecs, info.Duration, info.RunTime)
	}
	if m.Rating == 0 {
		m.Rating = rating(info.Rating, info.Rating5)
	}
	if m.Year == 0 {
		m.Year = year(info.Name, info.Year, info.ReleaseDate, info.ReleaseDate2)
	}
}

// decodeObject reads a JSON object answer: the credentials check of
// decodeList, errNoTitle for the empty answers a panel gives for a title it
// does not have.
func decodeObject(data []byte, v any) error {
	data = bytes.TrimSpace(data)
	if len(data) == 0 || isEmptyJSON(data) {
		return errNoTitle
	}
	if data[0] != '{' {
		return errNotAPI
	}
	var probe struct {
		User *struct {
			Auth Bool `json:"auth"`
		} `json:"user_info"`
	}
	if json.Unmarshal(data, &probe) != nil {
		return errNotAPI
	}
	if probe.User != nil && !probe.User.Auth {
		return errRejected
	}
	if err := json.Unmarshal(data, v); err != nil {
		return errNotAPI
	}
	return nil
}
