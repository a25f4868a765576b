package xtream

import "encoding/json"

// A movie or series list is an array of flat objects, like the live list,
// and large panels list a hundred thousand titles: decodeFlat reads them
// without reflection, as decodeStreamsFast reads live streams, each value
// through the same UnmarshalJSON as the general path. Anything unusual
// returns ok false and the caller takes encoding/json.

// field names a JSON key and where its value goes in a T.
type field[T any] struct {
	key string
	ptr func(*T) json.Unmarshaler
}

func decodeFlat[T any](data []byte, fields []field[T]) (out []T, ok bool) {
	s := &scan{b: data}
	s.ws()
	if !s.eat('[') {
		return nil, false
	}
	out = make([]T, 0, len(data)/400)
	s.ws()
	if s.eat(']') {
		return out, s.end()
	}
	for {
		s.ws()
		var v T
		if !flatObject(s, &v, fields) {
			return nil, false
		}
		out = append(out, v)
		s.ws()
		if s.eat(']') {
			return out, s.end()
		}
		if !s.eat(',') {
			return nil, false
		}
	}
}

func flatObject[T any](s *scan, v *T, fields []field[T]) bool {
	return s.members(func(key, raw []byte) bool {
		i, ok := fieldIndex(key, fields)
		if ok && i >= 0 {
			_ = fields[i].ptr(v).UnmarshalJSON(raw)
		}
		return ok
	})
}

// fieldIndex matches a quoted key as keyIndex does: exactly or by ASCII
// case, -1 for a key no field takes, ok false when only Unicode case
// folding could settle it.
func fieldIndex[T any](quoted []byte, fields []field[T]) (int, bool) {
	inner := quoted[1 : len(quoted)-1]
	for i := range fields {
		if string(inner) == fields[i].key {
			return i, true
		}
	}
	key, ok := unquote(quoted)
	if !ok {
		return 0, false
	}
	for i := 0; i < len(key); i++ {
		if key[i] >= 0x80 {
			return 0, false
		}
	}
	// encoding/json prefers an exact match, then the first fold in field order.
	for i := range fields {
		if fields[i].key == key {
			return i, true
		}
	}
	for i := range fields {
		if asciiEqualFold(fields[i].key, key) {
			return i, true
		}
	}
	return -1, true
}

var movieFields = []field[rawMovie]{
	{"name", func(r *rawMovie) json.Unmarshaler { return &r.Name }},
	{"stream_id", func(r *rawMovie) json.Unmarshaler { return &r.StreamID }},
	{"stream_icon", func(r *rawMovie) json.Unmarshaler { return &r.StreamIcon }},
	{"rating", func(r *rawMovie) json.Unmarshaler { return &r.Rating }},
	{"rating_5based", func(r *rawMovie) json.Unmarshaler { return &r.Rating5 }},
	{"added", func(r *rawMovie) json.Unmarshaler { return &r.Added }},
	{"category_id", func(r *rawMovie) json.Unmarshaler { return &r.CategoryID }},
	{"category_ids", func(r *rawMovie) json.Unmarshaler { return &r.CategoryIDs }},
	{"container_extension", func(r *rawMovie) json.Unmarshaler { return &r.Container }},
	{"direct_source", func(r *rawMovie) json.Unmarshaler { return &r.DirectSource }},
	{"year", func(r *rawMovie) json.Unmarshaler { return &r.Year }},
	{"releaseDate", func(r *rawMovie) json.Unmarshaler { return &r.ReleaseDate }},
	{"genre", func(r *rawMovie) json.Unmarshaler { return &r.Genre }},
	{"plot", func(r *rawMovie) json.Unmarshaler { return &r.Plot }},
	{"cast", func(r *rawMovie) json.Unmarshaler { return &r.Cast }},
	{"director", func(r *rawMovie) json.Unmarshaler { return &r.Director }},
	{"duration_secs", func(r *rawMovie) json.Unmarshaler { return &r.DurationSecs }},
	{"duration", func(r *rawMovie) json.Unmarshaler { return &r.Duration }},
	{"episode_run_time", func(r *rawMovie) json.Unmarshaler { return &r.RunTime }},
}

var seriesFields = []field[rawSeries]{
	{"name", func(r *rawSeries) json.Unmarshaler { return &r.Name }},
	{"series_id", func(r *rawSeries) json.Unmarshaler { return &r.SeriesID }},
	{"cover", func(r *rawSeries) json.Unmarshaler { return &r.Cover }},
	{"plot", func(r *rawSeries) json.Unmarshaler { return &r.Plot }},
	{"cast", func(r *rawSeries) json.Unmarshaler { return &r.Cast }},
	{"director", func(r *rawSeries) json.Unmarshaler { return &r.Director }},
	{"genre", func(r *rawSeries) json.Unmarshaler { return &r.Genre }},
	{"releaseDate", func(r *rawSeries) json.Unmarshaler { return &r.ReleaseDate }},
	{"release_date", func(r *rawSeries) json.Unmarshaler { return &r.ReleaseDate2 }},
	{"year", func(r *rawSeries) json.Unmarshaler { return &r.Year }},
	{"last_modified", func(r *rawSeries) json.Unmarshaler { return &r.LastModified }},
	{"rating", func(r *rawSeries) json.Unmarshaler { return &r.Rating }},
	{"rating_5based", func(r *rawSeries) json.Unmarshaler { return &r.Rating5 }},
	{"category_id", func(r *rawSeries) json.Unmarshaler { return &r.CategoryID }},
	{"category_ids", func(r *rawSeries) json.Unmarshaler { return &r.CategoryIDs }},
}
