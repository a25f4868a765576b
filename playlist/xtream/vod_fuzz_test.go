package xtream

import (
	"encoding/json"
	"reflect"
	"testing"
)

func addVODSeeds(f *testing.F, seeds ...string) {
	for _, s := range append(seeds, ``, `[]`, `{}`, `null`, `[{}]`, `{"user_info":{"auth":0}}`,
		`[{"stream_id":"1","rating":"1e400","year":"99999","duration":"99999:99:99"}]`) {
		f.Add([]byte(s))
	}
}

// Every decoder must return, without panicking, for any input; what it
// returns stays within what the input could hold.
func FuzzDecodeVODStreams(f *testing.F) {
	addVODSeeds(f, `[{"num":"1","name":"Heat (1995)","stream_id":501,"rating":"8.3","category_ids":[7,"9"],"container_extension":"mkv"}]`,
		`{"1":{"stream_id":"2","direct_source":"http:\/\/x\/a.MKV"}}`)
	f.Fuzz(func(t *testing.T, data []byte) {
		movies, err := DecodeVODStreams(data)
		if err == nil && len(movies) > len(data)/2 {
			t.Fatalf("%d movies from %d bytes", len(movies), len(data))
		}
		for _, m := range movies {
			checkTitle(t, m.ID, m.Container, m.Rating)
		}
	})
}

func FuzzDecodeVODInfo(f *testing.F) {
	addVODSeeds(f, `{"info":{"name":"x","duration":"1:30:00","rating_5based":3.5},"movie_data":{"stream_id":"1"}}`,
		`{"info":[],"movie_data":{"stream_id":"1"}}`)
	f.Fuzz(func(t *testing.T, data []byte) {
		if m, err := DecodeVODInfo(data); err == nil {
			checkTitle(t, "-", m.Container, m.Rating)
		}
	})
}

func FuzzDecodeVODSeries(f *testing.F) {
	addVODSeeds(f, `[{"name":"Dark (2017)","series_id":77,"rating":"8.7","category_ids":[3]}]`)
	f.Fuzz(func(t *testing.T, data []byte) {
		list, err := DecodeSeries(data)
		if err == nil && len(list) > len(data)/2 {
			t.Fatalf("%d series from %d bytes", len(list), len(data))
		}
		for _, s := range list {
			checkTitle(t, s.ID, "mp4", s.Rating)
		}
	})
}

func FuzzDecodeVODSeriesInfo(f *testing.F) {
	ep := episodeJSON("11", 1, 1, "mkv")
	addVODSeeds(f, `{"seasons":[{"season_number":1}],"info":{"name":"x"},"episodes":{"1":[`+ep+`]}}`,
		`{"episodes":[[`+ep+`],[`+ep+`]]}`, `{"episodes":[`+ep+`]}`, `{"episodes":{"1":{"0":`+ep+`}}}`,
		`{"episodes":{"-1":[{"id":"1","season":"-4"}],"70000":[{"id":"2"}]}}`)
	f.Fuzz(func(t *testing.T, data []byte) {
		_, seasons, err := DecodeSeriesInfo(data, "1")
		if err != nil {
			return
		}
		for i, s := range seasons {
			if i > 0 && seasons[i-1].Number >= s.Number {
				t.Fatalf("seasons out of order: %d then %d", seasons[i-1].Number, s.Number)
			}
			for j, e := range s.Episodes {
				checkTitle(t, e.ID, e.Container, e.Rating)
				if int(e.Season) != s.Number {
					t.Fatalf("episode of season %d under season %d", e.Season, s.Number)
				}
				if j > 0 && s.Episodes[j-1].Number > e.Number {
					t.Fatalf("episodes out of order")
				}
			}
		}
	})
}

// checkTitle holds what every decoded title promises: an id to play it by,
// an extension safe in a URL path, a rating out of ten.
func checkTitle(t *testing.T, id, ext string, rating float32) {
	t.Helper()
	if id == "" {
		t.Fatal("a title without an id")
	}
	if cleanExt(ext) != ext || ext == "" {
		t.Fatalf("container %q", ext)
	}
	if rating < 0 || rating > 10 {
		t.Fatalf("rating %v", rating)
	}
}

// The flat decoder must agree with encoding/json on every list it accepts,
// and accept nothing encoding/json rejects.
func FuzzVODFastMatchesJSON(f *testing.F) {
	addVODSeeds(f, `[{"NAME":"x","Stream_ID":1,"category_ids":[1,"2",null],"rating":"7,5"}]`, `[{"name":"a","name":"b"}]`,
		`[{"releasedate":"2001"}]`, `[{"ſtream_id":"1"}]`, `[{"plot":{"a":[1]}}] `, `[1]`, `[{}] x`)
	f.Fuzz(func(t *testing.T, data []byte) {
		compareFast(t, data, movieFields)
		compareFast(t, data, seriesFields)
	})
}

func compareFast[T any](t *testing.T, data []byte, fields []field[T]) {
	got, ok := decodeFlat(data, fields)
	if !ok {
		return
	}
	var want []T
	if err := json.Unmarshal(data, &want); err != nil {
		t.Fatalf("the flat decoder accepted what encoding/json rejects: %v", err)
	}
	if len(got) != len(want) {
		t.Fatalf("%d titles, encoding/json %d", len(got), len(want))
	}
	for i := range got {
		if !reflect.DeepEqual(got[i], want[i]) {
			t.Fatalf("title %d\nflat %+v\njson %+v", i, got[i], want[i])
		}
	}
}
