package search

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

// The generator below makes a deterministic list shaped like a large IPTV
// provider's: live channels behind country prefixes in the styles panels use,
// films with years, series episodes, and a share of accented, CJK, Cyrillic and
// full-width names.

var (
	prefixes = []string{
		"UK | ", "UK: ", "FR: ", "FR | ", "DE | ", "DE: ", "ES | ", "|ES| ", "IT: ", "US | ",
		"US: ", "PT | ", "NL: ", "PL | ", "TR: ", "AR | ", "IN | ", "BR: ", "CA | ", "MX | ",
		"JP | ", "KR | ", "CN | ", "RU | ", "GR: ", "SE | ", "4K | ", "VIP | ", "",
	}
	liveNames = []string{
		"Sky Sports Premier League", "Sky Sports Main Event", "Sky Sports Football",
		"Sky Sports F1", "Sky Sports Golf", "Sky Cinema Action", "Sky News", "Sky Atlantic",
		"BBC One", "BBC One London", "BBC Two", "BBC Three", "BBC Four", "BBC News", "ITV 1",
		"ITV 2", "Channel 4", "Channel 5", "TF1", "TF1 Séries Films", "France 2", "France 3",
		"France 5", "M6", "Canal+", "Canal+ Sport", "BFM TV", "Arte", "Das Erste", "ZDF",
		"ZDFneo", "ProSieben", "RTL", "Sat.1", "kabel eins", "Sport1", "DAZN 1", "Eurosport 1",
		"Eurosport 2", "CNN", "CNN International", "Fox News", "ESPN", "ESPN 2", "ESPNews",
		"HBO", "HBO Family", "Discovery Channel", "National Geographic", "History",
		"Cartoon Network", "Nickelodeon", "Disney Channel", "MTV", "Movistar La Liga",
		"Movistar Fútbol", "La 1", "La 2", "Antena 3", "Telecinco", "Cuatro", "Rai 1", "Rai 2",
		"Rai 3", "Rete 4", "Canale 5", "Italia 1", "RTP 1", "SIC Notícias", "TVI", "NPO 1",
		"TVP 1", "TVP Łódź", "Polsat", "TRT 1", "Show TV", "ATV", "MBC 1", "Al Jazeera",
		"Star Plus", "Zee TV", "Globo", "SBT", "Télé-Québec", "TVA", "Televisa", "Las Estrellas",
		"NHK 総合", "日本テレビ", "テレビ朝日", "KBS 1TV", "MBC 한국", "SBS 뉴스", "CCTV-1 综合",
		"CCTV-5 体育", "湖南卫视", "Первый канал", "Россия 1", "НТВ", "ERT 1", "ΣΚΑΪ", "SVT1",
		"Ｎｅｗｓ　２４", "Čt 1", "Nova Sport", "Ñuñoa TV", "Canal Sur Andalucía", "Åland TV",
		"Straße TV", "Ⓢ Sport Extra",
	}
	liveSuffixes = []string{"", "", " HD", " FHD", " SD", " 4K", " UHD", " HEVC", " +1", " (backup)", " [Geo-blocked]", " ᴴᴰ", " (720p)", " (1080p)"}
	// Film and series titles draw on one language each, mostly English.
	titleWords = [][]string{
		{
			"Love", "Actually", "Night", "Day", "Dark", "Knight", "Return", "Lost", "City",
			"Star", "War", "Man", "Woman", "King", "Queen", "Last", "First", "Blue", "Red",
			"Black", "Story", "House", "Road", "River", "Secret", "Life", "Death", "Summer",
			"Winter", "Game", "One", "Two", "Sports", "Home", "Alone", "Days", "Premier",
		},
		{
			"Amélie", "Léon", "Crème", "Brûlée", "Niño", "Mädchen", "Über", "Straße", "Fenêtre",
			"Das", "Espíritu", "Noël", "Øresund", "Ærø", "Þór", "Ça", "Déjà", "Vu", "Señor",
			"Ciudad", "Le", "La", "Der", "Die", "El", "Nuit", "Été", "Mañana",
		},
		{"千と千尋", "神隠し", "Ōkami", "기생충", "Москва", "Ночь", "東京", "物語", "Война", "мир"},
	}
	joiners = []string{" ", " ", " ", " of the ", " and ", ": ", ", ", " in ", " & ", "'s "}
)

// testNames returns n deterministic, realistic channel, film and episode names.
func testNames(n int) []string {
	rng := rand.New(rand.NewPCG(1, 2))
	out := make([]string, n)
	for i := range out {
		switch k := rng.IntN(10); {
		case k < 4:
			out[i] = liveName(rng)
		case k < 7:
			out[i] = filmName(rng)
		default:
			out[i] = episodeName(rng)
		}
	}
	return out
}

func pick(rng *rand.Rand, s []string) string { return s[rng.IntN(len(s))] }

func liveName(rng *rand.Rand) string {
	name := pick(rng, prefixes) + pick(rng, liveNames) + pick(rng, liveSuffixes)
	if rng.IntN(8) == 0 {
		name += fmt.Sprintf(" %d", rng.IntN(20)+1)
	}
	return name
}

func title(rng *rand.Rand) string {
	words := titleWords[0]
	switch k := rng.IntN(100); {
	case k >= 92:
		words = titleWords[2]
	case k >= 75:
		words = titleWords[1]
	}
	var b strings.Builder
	b.WriteString(pick(rng, words))
	for range rng.IntN(4) {
		b.WriteString(pick(rng, joiners))
		b.WriteString(pick(rng, words))
	}
	return b.String()
}

func filmName(rng *rand.Rand) string {
	name := fmt.Sprintf("%s (%d)", title(rng), 1950+rng.IntN(76))
	if rng.IntN(3) == 0 {
		name = pick(rng, []string{"EN - ", "FR - ", "|VOD| ", "4K-", "NF: ", "DE - "}) + name
	}
	return name
}

func episodeName(rng *rand.Rand) string {
	sep := pick(rng, []string{" S%02d E%02d", " S%02dE%02d", " - S%02d E%02d"})
	return title(rng) + fmt.Sprintf(sep, rng.IntN(12)+1, rng.IntN(24)+1)
}
