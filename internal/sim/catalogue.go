package sim

import (
	"strconv"
	"time"
)

// Movie is one title of the simulated film catalogue.
type Movie struct {
	ID         int // stream_id: the file's name under /movie/
	Name       string
	Year       int
	Rating     float64 // 0 is sent as null
	CategoryID int
	Genre      string
	Container  string // "" for the titles whose panel entry leaves it out
	Seconds    int    // running time, a whole number of clip loops
	Added      int64
}

// SeriesTitle is one show of the simulated series catalogue.
type SeriesTitle struct {
	ID         int // series_id
	Name       string
	Year       int
	Rating     float64
	CategoryID int
	Genre      string
	Seasons    []int // episodes per season, seasons numbered from 1
}

// Episode is one episode of a simulated series.
type Episode struct {
	ID        int // the file's name under /series/
	SeriesID  int
	Season    int
	Number    int
	Title     string
	Container string // "" for the episodes whose entry leaves it out
	Seconds   int
}

// Title ids: channels count from 1, movies and episodes from their own
// bases so that no file is two titles, as on panels that share one table.
const (
	movieBase    = 1_000_000
	episodeBase  = 50_000_000
	episodeSlots = 1000 // ids per series: season*50 + episode
)

type vodCategory struct {
	id   int
	name string
}

var movieCategories = []vodCategory{
	{101, "Action"}, {102, "Comedy"}, {103, "Drama"}, {104, "Documentary"}, {105, "Kids"},
	{106, "Sci-Fi"}, {107, "Thriller"}, {108, "Cinéma français"}, {109, "Deutsche Filme"}, {110, "日本映画"},
	{111, "4K | Ultra HD"},
}

var seriesCategories = []vodCategory{
	{201, "Drama Series"}, {202, "Comedy Series"}, {203, "Crime"}, {204, "Documentary Series"},
	{205, "Anime | アニメ"}, {206, "Kids Series"},
}

var (
	titleFirst  = []string{"The Silent", "Midnight", "Crimson", "Éternel", "The Last", "Broken", "Golden", "Wild", "Northern", "Hidden", "Electric", "Distant", "Frozen", "The Iron", "Lost", "Summer", "Paper", "Neon", "Velvet", "Stormy"}
	titleSecond = []string{"Harbour", "Road", "Garden", "Signal", "Kingdom", "River", "Station", "Frontier", "Orchestra", "Mirror", "Voyage", "Москва", "東京", "Canyon", "Lighthouse", "Empire", "Horizon", "Circus", "Island", "Winter", "Café", "Machine", "Letter", "Promise", "Shadow"}
	genres      = []string{"Action, Adventure", "Comedy", "Drama", "Documentary", "Animation, Family", "Science Fiction", "Thriller, Crime", "Drame", "Komödie", "アニメ", "Nature"}
	people      = []string{"Ana Souza", "Jon Møller", "Li Wei", "Chloé Martin", "Omar Haddad", "Yuki Tanaka", "Ivan Petrov", "Grace O'Neil"}
)

// catalogue is the movie and series list of a given size, computed on
// demand like the channel lineup, so a hundred thousand titles cost nothing.
type catalogue struct{ movies, series int }

// title is the name of the i-th title of a list: two words, a number once
// the combinations repeat.
func title(i int) string {
	n := titleFirst[i%len(titleFirst)] + " " + titleSecond[(i/len(titleFirst))%len(titleSecond)]
	if r := i / (len(titleFirst) * len(titleSecond)); r > 0 {
		n += " " + strconv.Itoa(r+1)
	}
	return n
}

func (c catalogue) movie(i int) Movie {
	cat := movieCategories[i%len(movieCategories)]
	year := 1950 + (i*7)%75
	m := Movie{
		ID: movieBase + i + 1, Year: year, CategoryID: cat.id, Genre: genres[i%len(genres)],
		Name:    title(i) + " (" + strconv.Itoa(year) + ")",
		Rating:  float64(40+(i*37)%60) / 10,
		Seconds: loopRound(80*60 + (i*613)%(70*60)),
		Added:   createdAt + int64(i)*3600,
	}
	switch {
	case i%13 == 3:
		m.Rating = 0
	}
	switch {
	case i%17 == 4:
		m.Container = ""
	case i%3 == 0:
		m.Container = "mkv"
	default:
		m.Container = "mp4"
	}
	return m
}

func (c catalogue) movieByID(id int) (Movie, bool) {
	i := id - movieBase - 1
	if i < 0 || i >= c.movies {
		return Movie{}, false
	}
	return c.movie(i), true
}

func (c catalogue) show(j int) SeriesTitle {
	cat := seriesCategories[j%len(seriesCategories)]
	s := SeriesTitle{
		ID: j + 1, Name: title(j*7 + 3), Year: 1990 + (j*3)%35, CategoryID: cat.id,
		Genre: genres[(j+2)%len(genres)], Rating: float64(50+(j*23)%50) / 10,
	}
	if j%11 == 4 {
		s.Rating = 0
	}
	for season := range 1 + j%4 {
		s.Seasons = append(s.Seasons, 3+(j+season)%6)
	}
	return s
}

func (c catalogue) showByID(id int) (SeriesTitle, bool) {
	if id < 1 || id > c.series {
		return SeriesTitle{}, false
	}
	return c.show(id - 1), true
}

func (c catalogue) episode(s SeriesTitle, season, num int) Episode {
	e := Episode{
		ID:       episodeBase + (s.ID-1)*episodeSlots + season*50 + num,
		SeriesID: s.ID, Season: season, Number: num,
		Title:   "Episode " + strconv.Itoa(num) + ": " + titleSecond[(s.ID+season*7+num)%len(titleSecond)],
		Seconds: loopRound(24*60 + ((s.ID*31+season*17+num*7)%36)*60),
	}
	switch {
	case num%7 == 3:
		e.Container = ""
	case s.ID%2 == 0:
		e.Container = "mkv"
	default:
		e.Container = "mp4"
	}
	return e
}

func (c catalogue) episodeByID(id int) (Episode, bool) {
	k := id - episodeBase
	if k < 0 {
		return Episode{}, false
	}
	s, ok := c.showByID(k/episodeSlots + 1)
	season, num := k%episodeSlots/50, k%50
	if !ok || season < 1 || season > len(s.Seasons) || num < 1 || num > s.Seasons[season-1] {
		return Episode{}, false
	}
	return c.episode(s, season, num), true
}

// loopRound rounds a running time up to whole 8 s loops of the clip, so a
// file ends where a loop does.
func loopRound(seconds int) int { return (seconds + 7) / 8 * 8 }

// clock writes a running time as panels do, "01:32:08".
func clock(seconds int) string {
	d := time.Duration(seconds) * time.Second
	h, m, s := int(d.Hours()), int(d.Minutes())%60, seconds%60
	return pad2(h) + ":" + pad2(m) + ":" + pad2(s)
}

func pad2(n int) string {
	if n < 10 {
		return "0" + strconv.Itoa(n)
	}
	return strconv.Itoa(n)
}

func person(i int) string { return people[i%len(people)] }
