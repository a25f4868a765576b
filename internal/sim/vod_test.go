package sim_test

import (
	"bytes"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/tuner-iptv/tuner/internal/sim"
)

func TestVODListsAsPanelsSendThem(t *testing.T) {
	s := start(t, sim.Config{})
	_, _, body := getBody(t, apiURL(s, "action=get_vod_streams"))
	if !bytes.Contains(body, []byte(`:\/\/`)) {
		t.Error("poster URLs are not PHP-escaped")
	}
	var movies []map[string]any
	decode(t, body, &movies)
	if len(movies) != s.MovieCount() || len(movies) == 0 {
		t.Fatalf("%d movies listed, catalogue has %d", len(movies), s.MovieCount())
	}
	var numberID, stringID, nullRating, stringRating, noContainer, twoCategories bool
	for _, m := range movies {
		switch m["stream_id"].(type) {
		case float64:
			numberID = true
		case string:
			stringID = true
		}
		r, has := m["rating"]
		nullRating = nullRating || (has && r == nil)
		_, isString := r.(string)
		stringRating = stringRating || isString
		_, hasExt := m["container_extension"]
		noContainer = noContainer || !hasExt
		ids, _ := m["category_ids"].([]any)
		twoCategories = twoCategories || len(ids) > 1
	}
	if !numberID || !stringID || !nullRating || !stringRating || !noContainer || !twoCategories {
		t.Fatalf("oddities: number id %v, string id %v, null rating %v, string rating %v, no container %v, several categories %v",
			numberID, stringID, nullRating, stringRating, noContainer, twoCategories)
	}

	var cats []struct {
		ID   string `json:"category_id"`
		Name string `json:"category_name"`
	}
	_, _, body = getBody(t, apiURL(s, "action=get_vod_categories"))
	decode(t, body, &cats)
	if len(cats) < 5 || cats[0].ID == "" {
		t.Fatalf("categories %+v", cats)
	}
	_, _, body = getBody(t, apiURL(s, "action=get_vod_streams&category_id="+cats[1].ID))
	var inCat []map[string]any
	decode(t, body, &inCat)
	if len(inCat) == 0 || len(inCat) >= len(movies) {
		t.Fatalf("%d of %d movies in category %s", len(inCat), len(movies), cats[1].ID)
	}
	for _, m := range inCat {
		if m["category_id"] != cats[1].ID {
			t.Fatalf("category filter let through %v", m)
		}
	}
}

func TestVODInfo(t *testing.T) {
	s := start(t, sim.Config{})
	m, _ := s.Movie(0)
	var got struct {
		Info      map[string]any `json:"info"`
		MovieData map[string]any `json:"movie_data"`
	}
	_, _, body := getBody(t, apiURL(s, "action=get_vod_info&vod_id="+strconv.Itoa(m.ID)))
	decode(t, body, &got)
	if got.Info["name"] != m.Name || got.Info["plot"] == "" || got.Info["duration_secs"] != float64(m.Seconds) {
		t.Fatalf("info %v for %+v", got.Info, m)
	}
	if id, _ := got.MovieData["stream_id"].(float64); int(id) != m.ID {
		t.Fatalf("movie_data %v", got.MovieData)
	}
	// Some panels send info as an empty array.
	bare, _ := s.Movie(6)
	_, _, body = getBody(t, apiURL(s, "action=get_vod_info&vod_id="+strconv.Itoa(bare.ID)))
	if !bytes.HasPrefix(body, []byte(`{"info":[]`)) {
		t.Fatalf("movie 6: %.100s", body)
	}
	_, _, body = getBody(t, apiURL(s, "action=get_vod_info&vod_id=12"))
	if strings.TrimSpace(string(body)) != `{"info":[],"movie_data":[]}` {
		t.Fatalf("unknown movie: %s", body)
	}
}

func TestSeriesInfoEpisodeShapes(t *testing.T) {
	s := start(t, sim.Config{})
	var list []map[string]any
	_, _, body := getBody(t, apiURL(s, "action=get_series"))
	decode(t, body, &list)
	if len(list) != s.SeriesCount() {
		t.Fatalf("%d series listed, catalogue has %d", len(list), s.SeriesCount())
	}
	for _, tt := range []struct {
		id    int
		shape byte // first byte of the episodes value
	}{{1, '{'}, {2, '['}, {6, '['}} {
		show, _ := s.Show(tt.id)
		_, _, body := getBody(t, apiURL(s, "action=get_series_info&series_id="+strconv.Itoa(tt.id)))
		var got struct {
			Seasons  []map[string]any `json:"seasons"`
			Info     map[string]any   `json:"info"`
			Episodes jsonRaw          `json:"episodes"`
		}
		decode(t, body, &got)
		if len(got.Episodes) == 0 || got.Episodes[0] != tt.shape || got.Info["name"] != show.Name {
			t.Fatalf("series %d: episodes %.40s, info %v", tt.id, got.Episodes, got.Info)
		}
		total := 0
		for _, n := range show.Seasons {
			total += n
		}
		if n := bytes.Count(got.Episodes, []byte(`"episode_num"`)); n != total {
			t.Fatalf("series %d: %d episodes, want %d", tt.id, n, total)
		}
	}
	_, _, body = getBody(t, apiURL(s, "action=get_series_info&series_id=999"))
	if !bytes.Contains(body, []byte(`"info":[]`)) {
		t.Fatalf("unknown series: %s", body)
	}
}

type jsonRaw []byte

func (r *jsonRaw) UnmarshalJSON(b []byte) error { *r = append(jsonRaw(nil), b...); return nil }

func TestCatalogueIsDeterministicAtAnySize(t *testing.T) {
	big := sim.New(sim.Config{Movies: 100_000, Series: 20_000})
	again := sim.New(sim.Config{Movies: 100_000, Series: 20_000})
	if big.MovieCount() != 100_000 || big.SeriesCount() != 20_000 {
		t.Fatalf("%d movies, %d series", big.MovieCount(), big.SeriesCount())
	}
	seen := map[int]bool{}
	for _, i := range []int{0, 1, 499, 500, 99_999} {
		a, _ := big.Movie(i)
		b, _ := again.Movie(i)
		if a != b || seen[a.ID] {
			t.Fatalf("movie %d: %+v and %+v", i, a, b)
		}
		seen[a.ID] = true
	}
	if _, ok := big.Movie(100_000); ok {
		t.Fatal("a movie past the end")
	}
	last, ok := big.Show(20_000)
	e, eok := big.Episode(20_000, len(last.Seasons), last.Seasons[len(last.Seasons)-1])
	if !ok || !eok || e.SeriesID != 20_000 {
		t.Fatalf("last series %+v, its last episode %+v", last, e)
	}
}

func TestDemoHasMoviesAndSeries(t *testing.T) {
	s := sim.New(sim.DemoConfig())
	if s.MovieCount() < 50 || s.SeriesCount() < 10 {
		t.Fatalf("the demo has %d movies and %d series", s.MovieCount(), s.SeriesCount())
	}
}

// ranged fetches url with a Range header (none when rng is "") and reads
// the whole answer.
func ranged(t *testing.T, url, rng string) (*http.Response, []byte) {
	t.Helper()
	req, err := http.NewRequestWithContext(bounded(t), http.MethodGet, url, nil)
	if err != nil {
		t.Fatal(err)
	}
	if rng != "" {
		req.Header.Set("Range", rng)
	}
	resp, err := client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var buf bytes.Buffer
	_, _ = buf.ReadFrom(resp.Body)
	return resp, buf.Bytes()
}

func TestPlaylistListsMoviesAndEpisodesWhenAsked(t *testing.T) {
	s := start(t, sim.Config{Channels: 10, Movies: 5, Series: 2, PlaylistVOD: true})
	_, _, body := getBody(t, s.URL()+"/get.php?username=demo&password=demo&type=m3u_plus&output=ts")
	text := string(body)
	show, _ := s.Show(1)
	episodes := 0
	for id := range 2 {
		t, _ := s.Show(id + 1)
		for _, n := range t.Seasons {
			episodes += n
		}
	}
	if n := strings.Count(text, "/live/demo/demo/"); n != 10 {
		t.Errorf("%d channels", n)
	}
	if n := strings.Count(text, "/movie/demo/demo/"); n != 5 {
		t.Errorf("%d movies", n)
	}
	if n := strings.Count(text, "/series/demo/demo/"); n != episodes {
		t.Errorf("%d episodes, want %d", n, episodes)
	}
	m, _ := s.Movie(4) // no container_extension: listed as mp4
	if !strings.Contains(text, "/movie/demo/demo/"+strconv.Itoa(m.ID)+".mp4\n") || !strings.Contains(text, show.Name+" S01 E01") {
		t.Errorf("playlist:\n%s", text)
	}
	// Without the option the playlist is channels only, as before.
	plain := start(t, sim.Config{Channels: 10})
	_, _, body = getBody(t, plain.URL()+"/get.php?username=demo&password=demo&type=m3u_plus")
	if strings.Contains(string(body), "/movie/") || strings.Contains(string(body), "/series/") {
		t.Error("movies listed without PlaylistVOD")
	}
}
