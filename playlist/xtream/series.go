package xtream

import (
	"bytes"
	"cmp"
	"encoding/json"
	"math"
	"slices"
	"strconv"

	"github.com/tuner-iptv/tuner/playlist"
)

// rawSeries is one get_series element, or get_series_info's info.
type rawSeries struct {
	Name         Str   `json:"name"`
	SeriesID     Str   `json:"series_id"`
	Cover        Str   `json:"cover"`
	Plot         Str   `json:"plot"`
	Cast         Str   `json:"cast"`
	Director     Str   `json:"director"`
	Genre        Str   `json:"genre"`
	ReleaseDate  Str   `json:"releaseDate"`
	ReleaseDate2 Str   `json:"release_date"`
	Year         Str   `json:"year"`
	LastModified Int   `json:"last_modified"`
	Rating       Float `json:"rating"`
	Rating5      Float `json:"rating_5based"`
	CategoryID   Str   `json:"category_id"`
	CategoryIDs  Strs  `json:"category_ids"`
}

// rawSeason is one entry of get_series_info's seasons.
type rawSeason struct {
	Number Int `json:"season_number"`
	Name   Str `json:"name"`
	Cover  Str `json:"cover"`
	Big    Str `json:"cover_big"`
}

// rawEpisode is one episode of get_series_info.
type rawEpisode struct {
	ID           Str    `json:"id"`
	Number       Int    `json:"episode_num"`
	Title        Str    `json:"title"`
	Container    Str    `json:"container_extension"`
	Season       Int    `json:"season"`
	Added        Int    `json:"added"`
	DirectSource Str    `json:"direct_source"`
	Info         Object `json:"info"`
}

type rawEpisodeInfo struct {
	MovieImage   Str   `json:"movie_image"`
	Plot         Str   `json:"plot"`
	DurationSecs Int   `json:"duration_secs"`
	Duration     Str   `json:"duration"`
	Rating       Float `json:"rating"`
}

// DecodeSeries decodes get_series, skipping entries without a series_id.
func DecodeSeries(data []byte) ([]playlist.Series, error) {
	raw, ok := decodeFlat(data, seriesFields)
	if !ok {
		if err := decodeList(data, &raw); err != nil {
			return nil, err
		}
	}
	in := newInterner()
	out := make([]playlist.Series, 0, len(raw))
	for i := range raw {
		if raw[i].SeriesID == "" {
			continue
		}
		out = append(out, raw[i].series(in))
		raw[i] = rawSeries{}
	}
	return out, nil
}

func (r *rawSeries) series(in *interner) playlist.Series {
	return playlist.Series{
		ID:         string(r.SeriesID),
		Name:       string(r.Name),
		Poster:     string(r.Cover),
		Genre:      in.str(string(r.Genre)),
		Plot:       string(r.Plot),
		Cast:       string(r.Cast),
		Director:   string(r.Director),
		Categories: in.categories(r.CategoryID, r.CategoryIDs),
		Updated:    int64(r.LastModified),
		Rating:     rating(r.Rating, r.Rating5),
		Year:       year(r.Name, r.Year, r.ReleaseDate, r.ReleaseDate2),
	}
}

// DecodeSeriesInfo decodes get_series_info for the series seriesID: its
// details and its seasons in order, each with its episodes in order.
// Episodes arrive keyed by season number ({"1":[...]}), as an array of
// arrays, or as one flat array; a season the seasons list names but that
// has no episodes is left out.
func DecodeSeriesInfo(data []byte, seriesID string) (playlist.Series, []playlist.Season, error) {
	var raw struct {
		Info     Object          `json:"info"`
		Seasons  json.RawMessage `json:"seasons"`
		Episodes json.RawMessage `json:"episodes"`
	}
	if err := decodeObject(data, &raw); err != nil {
		return playlist.Series{}, nil, err
	}
	var info rawSeries
	raw.Info.into(&info)
	eps := episodes(raw.Episodes)
	if info.Name == "" && len(eps) == 0 {
		return playlist.Series{}, nil, errNoTitle
	}
	info.SeriesID = Str(seriesID)
	return info.series(newInterner()), seasons(seasonMeta(raw.Seasons), eps, seriesID), nil
}

// episodes reads every shape of the episodes field into one list, each
// episode with its season: from its own season field, else the key or
// position it came under.
func episodes(raw json.RawMessage) []rawEpisode {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 {
		return nil
	}
	var out []rawEpisode
	add := func(season int64, group json.RawMessage) {
		for _, ep := range episodeList(group) {
			if ep.Season <= 0 {
				ep.Season = Int(season)
			}
			out = append(out, ep)
		}
	}
	switch raw[0] {
	case '{':
		var bySeason map[string]json.RawMessage
		if json.Unmarshal(raw, &bySeason) != nil {
			return nil
		}
		for key, group := range bySeason {
			n, _ := strconv.ParseInt(key, 10, 64)
			add(n, group)
		}
	case '[':
		var items []json.RawMessage
		if json.Unmarshal(raw, &items) != nil {
			return nil
		}
		for i, it := range items {
			if t := bytes.TrimSpace(it); len(t) > 0 && t[0] == '{' {
				add(0, append(append([]byte{'['}, t...), ']'))
			} else {
				add(int64(i+1), it)
			}
		}
	}
	return out
}

// episodeList reads one season's episodes, an array or an object keyed by
// index as PHP writes a sparse array.
func episodeList(raw json.RawMessage) []rawEpisode {
	var eps []rawEpisode
	if decodeList(raw, &eps) != nil {
		return nil
	}
	return eps
}

func seasonMeta(raw json.RawMessage) map[int]rawSeason {
	var list []rawSeason
	if decodeList(raw, &list) != nil {
		return nil
	}
	meta := make(map[int]rawSeason, len(list))
	for _, s := range list {
		if s.Number >= 0 && s.Number <= math.MaxInt16 {
			meta[int(s.Number)] = s
		}
	}
	return meta
}

// seasons groups the episodes by season, sorted by season and episode
// number; an episode without an id cannot be played and is dropped.
func seasons(meta map[int]rawSeason, eps []rawEpisode, seriesID string) []playlist.Season {
	in := newInterner()
	bySeason := map[int][]playlist.Episode{}
	for i := range eps {
		r := &eps[i]
		if r.ID == "" || r.Season < 0 || r.Season > math.MaxInt16 {
			continue
		}
		bySeason[int(r.Season)] = append(bySeason[int(r.Season)], r.episode(in, seriesID))
	}
	out := make([]playlist.Season, 0, len(bySeason))
	for n, list := range bySeason {
		slices.SortStableFunc(list, func(a, b playlist.Episode) int { return cmp.Compare(a.Number, b.Number) })
		m := meta[n]
		out = append(out, playlist.Season{
			Number: n, Name: string(m.Name), Poster: string(cmp.Or(m.Cover, m.Big)), Episodes: list,
		})
	}
	slices.SortFunc(out, func(a, b playlist.Season) int { return cmp.Compare(a.Number, b.Number) })
	return out
}

func (r *rawEpisode) episode(in *interner, seriesID string) playlist.Episode {
	var info rawEpisodeInfo
	r.Info.into(&info)
	num := int16(0)
	if r.Number > 0 && r.Number <= math.MaxInt16 {
		num = int16(r.Number)
	}
	return playlist.Episode{
		ID:        string(r.ID),
		SeriesID:  seriesID,
		Title:     string(r.Title),
		Plot:      string(info.Plot),
		Poster:    string(info.MovieImage),
		Container: in.str(container(r.Container, r.DirectSource)),
		Added:     int64(r.Added),
		Seconds:   seconds(info.DurationSecs, info.Duration, ""),
		Rating:    rating(info.Rating, 0),
		Season:    int16(r.Season),
		Number:    num,
	}
}
