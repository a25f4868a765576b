package xtream

import (
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/tuner-iptv/tuner/playlist"
)

func TestDecodeSeries(t *testing.T) {
	data := `[{"num":1,"name":"Dark (2017)","series_id":77,"cover":"http:\/\/img.example\/d.jpg","plot":"Time.",` +
		`"cast":"L. Baumann","director":"B. bo Odar","genre":"Drama","releaseDate":"","last_modified":"1700000000",` +
		`"rating":"8.7","rating_5based":4.4,"category_id":"3","category_ids":[3]},` +
		`{"name":"Strings","series_id":"78","rating":null,"release_date":"2019-01-02","category_id":null,"category_ids":null},` +
		`{"name":"No id"}]`
	got, err := DecodeSeries([]byte(data))
	if err != nil {
		t.Fatal(err)
	}
	want := []playlist.Series{
		{ID: "77", Name: "Dark (2017)", Poster: "http://img.example/d.jpg", Plot: "Time.", Cast: "L. Baumann",
			Director: "B. bo Odar", Genre: "Drama", Categories: []string{"3"}, Updated: 1700000000, Rating: 8.7, Year: 2017},
		{ID: "78", Name: "Strings", Year: 2019},
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("got  %+v\nwant %+v", got, want)
	}
}

// episodeJSON is one episode as get_series_info lists it.
func episodeJSON(id string, season, num int, ext string) string {
	return fmt.Sprintf(`{"id":"%s","episode_num":"%d","title":"E%d","container_extension":"%s",`+
		`"info":{"duration_secs":"%d","plot":"p%d","movie_image":"","rating":""},"custom_sid":"","added":"1700000000",`+
		`"season":%d,"direct_source":""}`, id, num, num, ext, 2700+num, num, season)
}

func TestDecodeSeriesInfoEpisodeShapes(t *testing.T) {
	info := `"info":{"name":"Dark","cover":"c.jpg","plot":"Time.","genre":"Drama","releaseDate":"2017-12-01","rating":"8.7"}`
	seasons := `"seasons":[{"season_number":1,"name":"Season 1","cover":"s1.jpg"},{"season_number":2,"name":"Season 2","cover_big":"s2.jpg"}]`
	keyed := `{"2":[` + episodeJSON("21", 2, 1, "mkv") + `],"1":[` + episodeJSON("12", 1, 2, "mkv") + "," + episodeJSON("11", 1, 1, "mp4") + `]}`
	tests := []struct{ name, episodes string }{
		{"object keyed by season", keyed},
		{"array of arrays", `[[` + episodeJSON("11", 1, 1, "mp4") + "," + episodeJSON("12", 1, 2, "mkv") + `],[` + episodeJSON("21", 2, 1, "mkv") + `]]`},
		{"flat array", `[` + episodeJSON("21", 2, 1, "mkv") + "," + episodeJSON("11", 1, 1, "mp4") + "," + episodeJSON("12", 1, 2, "mkv") + `]`},
		{"season keyed, episodes keyed by index", `{"1":{"0":` + episodeJSON("11", 1, 1, "mp4") + `,"1":` + episodeJSON("12", 1, 2, "mkv") + `},"2":[` + episodeJSON("21", 2, 1, "mkv") + `]}`},
	}
	ep := func(id string, season, num int16, ext string) playlist.Episode {
		return playlist.Episode{ID: id, SeriesID: "77", Title: fmt.Sprintf("E%d", num), Plot: fmt.Sprintf("p%d", num),
			Container: ext, Added: 1700000000, Seconds: 2700 + int32(num), Season: season, Number: num}
	}
	wantSeasons := []playlist.Season{
		{Number: 1, Name: "Season 1", Poster: "s1.jpg", Episodes: []playlist.Episode{ep("11", 1, 1, "mp4"), ep("12", 1, 2, "mkv")}},
		{Number: 2, Name: "Season 2", Poster: "s2.jpg", Episodes: []playlist.Episode{ep("21", 2, 1, "mkv")}},
	}
	wantSeries := playlist.Series{ID: "77", Name: "Dark", Poster: "c.jpg", Plot: "Time.", Genre: "Drama", Rating: 8.7, Year: 2017}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data := `{` + seasons + `,` + info + `,"episodes":` + tt.episodes + `}`
			s, got, err := DecodeSeriesInfo([]byte(data), "77")
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(s, wantSeries) {
				t.Errorf("series %+v\nwant   %+v", s, wantSeries)
			}
			if !reflect.DeepEqual(got, wantSeasons) {
				t.Errorf("seasons %+v\nwant    %+v", got, wantSeasons)
			}
		})
	}
}

func TestDecodeSeriesInfoSeasonFromKey(t *testing.T) {
	// Some panels leave out each episode's season; the key says it.
	data := `{"seasons":[],"info":[],"episodes":{"3":[{"id":"31","episode_num":1,"title":"x","info":[]}]}}`
	_, seasons, err := DecodeSeriesInfo([]byte(data), "5")
	if err != nil {
		t.Fatal(err)
	}
	if len(seasons) != 1 || seasons[0].Number != 3 || seasons[0].Episodes[0].Season != 3 || seasons[0].Episodes[0].Container != "mp4" {
		t.Fatalf("%+v", seasons)
	}
	// An array of arrays without season fields counts from 1.
	data = `{"episodes":[[{"id":"1"}],[{"id":"2"},{"id":""}]]}`
	_, seasons, err = DecodeSeriesInfo([]byte(data), "5")
	if err != nil {
		t.Fatal(err)
	}
	if len(seasons) != 2 || seasons[1].Number != 2 || len(seasons[1].Episodes) != 1 || seasons[1].Episodes[0].ID != "2" {
		t.Fatalf("%+v", seasons)
	}
}

func TestDecodeSeriesInfoMissing(t *testing.T) {
	for _, s := range []string{`[]`, `{}`, `null`, `{"seasons":[],"info":[],"episodes":[]}`} {
		if _, _, err := DecodeSeriesInfo([]byte(s), "1"); !errors.Is(err, errNoTitle) {
			t.Errorf("%q: %v, want no such title", s, err)
		}
	}
	if _, _, err := DecodeSeriesInfo([]byte(`{"user_info":{"auth":0}}`), "1"); !errors.Is(err, errRejected) {
		t.Errorf("auth 0: %v", err)
	}
	// A series with details but no episodes yet is still a series.
	s, seasons, err := DecodeSeriesInfo([]byte(`{"info":{"name":"Soon"},"episodes":[]}`), "9")
	if err != nil || s.Name != "Soon" || s.ID != "9" || len(seasons) != 0 {
		t.Fatalf("%+v %+v %v", s, seasons, err)
	}
}

func TestDecodeSeriesInfoHandlesPHPEscapes(t *testing.T) {
	data := `{"info":{"name":"Caf\u00e9 \ud83c\udfac","cover":"http:\/\/img.example\/c.jpg"},"episodes":{"1":[{"id":"1","title":"\u00c9pisode","container_extension":"mkv"}]}}`
	s, seasons, err := DecodeSeriesInfo([]byte(data), "1")
	if err != nil {
		t.Fatal(err)
	}
	if s.Name != "Café 🎬" || s.Poster != "http://img.example/c.jpg" || !strings.HasPrefix(seasons[0].Episodes[0].Title, "É") {
		t.Fatalf("%+v %+v", s, seasons)
	}
}
