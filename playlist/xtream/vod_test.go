package xtream

import (
	"errors"
	"reflect"
	"testing"

	"github.com/tuner-iptv/tuner/playlist"
)

func TestDecodeVODStreamsShapes(t *testing.T) {
	tests := []struct {
		name string
		json string
		want []playlist.Movie
	}{
		{
			name: "strings as most panels send",
			json: `[{"num":"1","name":"Heat (1995)","stream_type":"movie","stream_id":"501","stream_icon":"http:\/\/img.example\/501.jpg",` +
				`"rating":"8.3","rating_5based":"4.2","added":"1700000000","category_id":"7","category_ids":["7","9"],` +
				`"container_extension":"mkv","custom_sid":"","direct_source":""}]`,
			want: []playlist.Movie{{ID: "501", Name: "Heat (1995)", Poster: "http://img.example/501.jpg", Rating: 8.3,
				Added: 1700000000, Categories: []string{"7", "9"}, Container: "mkv", Year: 1995}},
		},
		{
			name: "numbers, a null rating, category_ids of numbers",
			json: `[{"num":2,"name":"Blade Runner 2049","stream_id":502,"rating":null,"rating_5based":4,"added":1700000001,` +
				`"category_id":9,"category_ids":[9,7,9],"container_extension":"mp4","year":2017}]`,
			want: []playlist.Movie{{ID: "502", Name: "Blade Runner 2049", Rating: 8, Added: 1700000001,
				Categories: []string{"9", "7"}, Container: "mp4", Year: 2017}},
		},
		{
			name: "empty strings and no container: the direct source's extension",
			json: `[{"name":"Direct","stream_id":"503","rating":"","added":"","category_id":"","year":"",` +
				`"direct_source":"http:\/\/cdn.example\/films\/503.MKV?sig=1"}]`,
			want: []playlist.Movie{{ID: "503", Name: "Direct", Container: "mkv",
				DirectSource: "http://cdn.example/films/503.MKV?sig=1"}},
		},
		{
			name: "no container anywhere: mp4; N/A rating; release date and details in the list",
			json: `[{"name":"Plain","stream_id":"504","rating":"N/A","releaseDate":"2021-03-04","genre":"Drama",` +
				`"plot":"A plot.","cast":"A, B","director":"C","episode_run_time":"95","container_extension":null}]`,
			want: []playlist.Movie{{ID: "504", Name: "Plain", Container: "mp4", Year: 2021, Genre: "Drama",
				Plot: "A plot.", Cast: "A, B", Director: "C", Seconds: 95 * 60}},
		},
		{
			name: "an odd container is not put in a path",
			json: `[{"name":"Odd","stream_id":"505","container_extension":"../x"}]`,
			want: []playlist.Movie{{ID: "505", Name: "Odd", Container: "mp4"}},
		},
		{
			name: "an entry without a stream id is dropped",
			json: `[{"name":"Nothing"},{"name":"Kept","stream_id":"506","container_extension":".AVI"}]`,
			want: []playlist.Movie{{ID: "506", Name: "Kept", Container: "avi"}},
		},
		{name: "empty", json: `[]`, want: []playlist.Movie{}},
		{name: "null", json: `null`, want: nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := DecodeVODStreams([]byte(tt.json))
			if err != nil {
				t.Fatal(err)
			}
			if tt.want == nil && len(got) == 0 {
				return
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Fatalf("got  %+v\nwant %+v", got, tt.want)
			}
		})
	}
}

func TestDecodeVODStreamsRefusals(t *testing.T) {
	if _, err := DecodeVODStreams([]byte(`{"user_info":{"auth":0}}`)); !errors.Is(err, errRejected) {
		t.Errorf("auth 0: %v, want rejected", err)
	}
	if _, err := DecodeVODStreams([]byte(`<html>`)); !errors.Is(err, errNotAPI) {
		t.Errorf("html: %v, want not an API answer", err)
	}
}

func TestDecodeVODStreamsSharesRepeatedValues(t *testing.T) {
	movies, err := DecodeVODStreams([]byte(`[{"stream_id":"1","category_id":"4","genre":"Drama"},{"stream_id":"2","category_id":"4","genre":"Drama"}]`))
	if err != nil || len(movies) != 2 {
		t.Fatal(movies, err)
	}
	if &movies[0].Categories[0] != &movies[1].Categories[0] {
		t.Error("two movies in one category hold two lists")
	}
}

func TestDecodeVODInfo(t *testing.T) {
	tests := []struct {
		name string
		json string
		want playlist.Movie
	}{
		{
			name: "info and movie_data",
			json: `{"info":{"name":"Heat","movie_image":"http:\/\/img.example\/h.jpg","releasedate":"1995-12-15",` +
				`"director":"Michael Mann","actors":"Al Pacino, Robert De Niro","description":"A heist.","genre":"Crime",` +
				`"duration_secs":10224,"duration":"02:50:24","rating":"8.3"},` +
				`"movie_data":{"stream_id":501,"name":"Heat (1995)","added":"1700000000","category_id":"7",` +
				`"container_extension":"mkv","custom_sid":"","direct_source":""}}`,
			want: playlist.Movie{ID: "501", Name: "Heat (1995)", Poster: "http://img.example/h.jpg", Genre: "Crime",
				Plot: "A heist.", Director: "Michael Mann", Cast: "Al Pacino, Robert De Niro", Container: "mkv",
				Categories: []string{"7"}, Added: 1700000000, Seconds: 10224, Rating: 8.3, Year: 1995},
		},
		{
			name: "info as an empty array, as panels send it",
			json: `{"info":[],"movie_data":{"stream_id":"502","name":"Bare","container_extension":"mp4"}}`,
			want: playlist.Movie{ID: "502", Name: "Bare", Container: "mp4"},
		},
		{
			name: "no info at all, no container",
			json: `{"movie_data":{"stream_id":"503","name":"Bare"}}`,
			want: playlist.Movie{ID: "503", Name: "Bare", Container: "mp4"},
		},
		{
			name: "duration as a clock, plot over description, cast over actors",
			json: `{"info":{"plot":"P","description":"D","cast":"C","actors":"A","duration":"1:30:00","rating_5based":3.5,"year":"1999"},` +
				`"movie_data":{"stream_id":"504","name":"X"}}`,
			want: playlist.Movie{ID: "504", Name: "X", Plot: "P", Cast: "C", Container: "mp4", Seconds: 5400, Rating: 7, Year: 1999},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := DecodeVODInfo([]byte(tt.json))
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Fatalf("got  %+v\nwant %+v", got, tt.want)
			}
		})
	}
}

func TestDecodeVODInfoMissingTitle(t *testing.T) {
	for _, s := range []string{`[]`, `{}`, ``, `{"info":[],"movie_data":[]}`, `{"info":null,"movie_data":null}`} {
		if _, err := DecodeVODInfo([]byte(s)); !errors.Is(err, errNoTitle) {
			t.Errorf("%q: %v, want no such title", s, err)
		}
	}
	if _, err := DecodeVODInfo([]byte(`{"user_info":{"auth":"0"}}`)); !errors.Is(err, errRejected) {
		t.Errorf("auth 0: %v, want rejected", err)
	}
	if _, err := DecodeVODInfo([]byte(`[1]`)); !errors.Is(err, errNotAPI) {
		t.Errorf("array: %v, want not an API answer", err)
	}
}

func TestVODURLsCarryNoPassword(t *testing.T) {
	tests := []struct{ got, want string }{
		{MovieURL("panel.example:8080/", "al ice", "501", "mkv"), "http://panel.example:8080/movie/al%20ice/***/501.mkv"},
		{MovieURL("https://panel.example/p", "alice", "502", ""), "https://panel.example/p/movie/alice/***/502.mp4"},
		{EpisodeURL("http://panel.example", "alice", "9001", "MKV"), "http://panel.example/series/alice/***/9001.mkv"},
		{EpisodeURL("http://panel.example", "alice", "9/1", "a/b"), "http://panel.example/series/alice/***/9%2F1.mp4"},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("got %s, want %s", tt.got, tt.want)
		}
	}
	if k := playlist.KindOfURL(MovieURL("http://p.example", "a", "1", "mkv")); k != playlist.KindMovie {
		t.Errorf("a movie URL reads as %v", k)
	}
	if k := playlist.KindOfURL(EpisodeURL("http://p.example", "a", "1", "mkv")); k != playlist.KindEpisode {
		t.Errorf("an episode URL reads as %v", k)
	}
}
