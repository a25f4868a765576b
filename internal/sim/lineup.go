package sim

import (
	"strconv"
	"strings"
	"unicode"
)

// Channel is one channel of the simulated lineup.
type Channel struct {
	ID         int    // stream_id, also the channel number
	Name       string // as the panel lists it, e.g. "UK: BBC One HD"
	Group      string // category name, e.g. "UK | Entertainment"
	CategoryID int
	TvgID      string // "" for channels without a guide
	HasLogo    bool
}

// group is one category of the lineup and the names its channels take.
type group struct {
	name   string
	prefix string // before each channel name, as panels write it
	kind   programmeKind
	names  []string
}

// groups is the fixed category list. The channel list is spread over it in
// order, so any size yields the same groups in the same order (a small size
// uses the first ones only when there are fewer channels than groups).
var groups = []group{
	{"UK | Entertainment", "UK: ", kindGeneral, []string{"BBC One", "BBC Two", "ITV1", "Channel 4", "Channel 5", "Sky Max", "Dave", "E4"}},
	{"UK | News", "UK: ", kindNews, []string{"BBC News", "Sky News", "GB News", "Al Jazeera English", "Bloomberg UK"}},
	{"UK | Sport", "UK: ", kindSport, []string{"Sky Sports Main Event", "Sky Sports Premier League", "TNT Sports 1", "TNT Sports 2", "Eurosport 1"}},
	{"UK | Movies", "UK: ", kindMovies, []string{"Sky Cinema Premiere", "Sky Cinema Action", "Film4", "Talking Pictures TV"}},
	{"UK | Kids", "UK: ", kindKids, []string{"CBeebies", "CBBC", "Cartoon Network", "Nickelodeon"}},
	{"US | Entertainment", "US: ", kindGeneral, []string{"ABC", "CBS", "NBC", "FOX", "AMC", "Comedy Central"}},
	{"US | News", "US: ", kindNews, []string{"CNN", "MSNBC", "Fox News", "CNBC", "Newsmax"}},
	{"US | Sport", "US: ", kindSport, []string{"ESPN", "ESPN 2", "FS1", "NBA TV", "NFL Network"}},
	{"US | Documentary", "US: ", kindDocs, []string{"Discovery", "National Geographic", "History", "Smithsonian Channel"}},
	{"CA | General", "CA: ", kindGeneral, []string{"CBC", "CTV", "Global", "Télé-Québec"}},
	{"DE | Unterhaltung", "DE: ", kindGeneral, []string{"Das Erste", "ZDF", "RTL", "Sat.1", "ProSieben", "VOX", "Kabel Eins"}},
	{"DE | Sport", "DE: ", kindSport, []string{"Sky Sport Bundesliga", "DAZN 1", "Sport1", "Eurosport 2"}},
	{"DE | Nachrichten", "DE: ", kindNews, []string{"tagesschau24", "n-tv", "WELT", "phoenix"}},
	{"AT | Österreich", "AT: ", kindGeneral, []string{"ORF 1", "ORF 2", "ServusTV", "ATV"}},
	{"FR | Généraliste", "FR: ", kindGeneral, []string{"TF1", "France 2", "France 3", "M6", "Arte", "TMC"}},
	{"FR | Cinéma", "FR: ", kindMovies, []string{"Canal+ Cinéma", "OCS Max", "Ciné+ Frisson", "TCM Cinéma"}},
	{"FR | Info", "FR: ", kindNews, []string{"BFM TV", "franceinfo", "LCI", "CNews"}},
	{"ES | Deportes", "ES: ", kindSport, []string{"Movistar LaLiga", "DAZN LaLiga", "Teledeporte", "Gol Mundial"}},
	{"ES | General", "ES: ", kindGeneral, []string{"La 1", "Antena 3", "Telecinco", "laSexta", "Cuatro", "Señal Ñ"}},
	{"IT | Intrattenimento", "IT: ", kindGeneral, []string{"Rai 1", "Rai 2", "Canale 5", "Italia 1", "La7"}},
	{"IT | Sport", "IT: ", kindSport, []string{"Sky Sport Uno", "Rai Sport", "DAZN Calcio"}},
	{"PT | Desporto", "PT: ", kindSport, []string{"Sport TV 1", "Sport TV 2", "Benfica TV", "Canal 11"}},
	{"NL | Algemeen", "NL: ", kindGeneral, []string{"NPO 1", "NPO 2", "RTL 4", "SBS6"}},
	{"PL | Ogólne", "PL: ", kindGeneral, []string{"TVP 1", "TVP 2", "Polsat", "TVN", "Łódź TV"}},
	{"TR | Ulusal", "TR: ", kindGeneral, []string{"TRT 1", "Show TV", "Kanal D", "ATV Türkiye", "Star TV"}},
	{"GR | Ελληνικά", "GR: ", kindGeneral, []string{"ΕΡΤ1", "ΕΡΤ2", "ANT1", "Σκάι"}},
	{"RU | Новости", "RU: ", kindNews, []string{"Первый канал", "Россия 24", "НТВ", "РБК"}},
	{"AR | الأخبار", "AR: ", kindNews, []string{"الجزيرة", "العربية", "سكاي نيوز عربية", "BBC عربي"}},
	{"IN | हिंदी", "IN: ", kindGeneral, []string{"Star Plus", "Zee TV", "Sony SAB", "आज तक", "Colors TV"}},
	{"JP | 総合", "JP: ", kindGeneral, []string{"NHK 総合", "NHK Eテレ", "日本テレビ", "テレビ朝日", "フジテレビ"}},
	{"KR | 예능", "KR: ", kindGeneral, []string{"KBS 1TV", "KBS 2TV", "MBC", "SBS", "tvN 예능"}},
	{"CN | 新闻", "CN: ", kindNews, []string{"CCTV-1 综合", "CCTV-13 新闻", "凤凰卫视", "东方卫视"}},
	{"4K | Ultra HD", "4K: ", kindDocs, []string{"Nature UHD", "Travel UHD", "Fashion UHD", "Drone UHD"}},
	{"⚽ | Football Events", "", kindSport, []string{"⚽ Match Centre", "⚽ Cup Night", "⚽ Derby Day", "⚽ Goal Rush"}},
	{"🎵 | Music", "", kindMusic, []string{"MTV 80s", "MTV Hits", "Trace Urban", "Mezzo ♫", "Kiss TV 💋"}},
	{"VIP | ★ Premium", "VIP ", kindMovies, []string{"★ Box Office 1", "★ Box Office 2", "★ Premiere"}},
}

// qualities are the suffixes a name takes as it repeats within its group.
var qualities = []string{" HD", " FHD", " SD", " 4K", ""}

// lineup is the channel list of a given size, computed on demand so a list of
// hundreds of thousands of channels costs no memory.
type lineup struct{ n int }

func (l lineup) size() int { return l.n }

// groupCount is how many groups the lineup uses.
func (l lineup) groupCount() int { return min(l.n, len(groups)) }

// groupStart is the index of the first channel of group g: channels are spread
// evenly over the groups in contiguous blocks.
func (l lineup) groupStart(g int) int {
	G := l.groupCount()
	return (g*l.n + G - 1) / G
}

func (l lineup) groupOf(i int) int { return i * l.groupCount() / l.n }

// channel returns the channel at index i (ID i+1).
func (l lineup) channel(i int) Channel {
	g := l.groupOf(i)
	k := i - l.groupStart(g)
	gr := groups[g]
	base := gr.names[k%len(gr.names)]
	round := k / len(gr.names)
	quality := qualities[round%len(qualities)]
	name := gr.prefix + base + quality
	repeat := round / len(qualities)
	if repeat > 0 {
		name += " (" + strconv.Itoa(repeat+1) + ")"
	}
	id := i + 1
	ch := Channel{ID: id, Name: name, Group: gr.name, CategoryID: g + 1, HasLogo: id%11 != 0}
	if id%23 != 0 {
		ch.TvgID = tvgID(base+quality, repeat, id, gr.prefix)
	}
	return ch
}

// byID returns the channel with the given stream ID.
func (l lineup) byID(id int) (Channel, bool) {
	if id < 1 || id > l.n {
		return Channel{}, false
	}
	return l.channel(id - 1), true
}

// tvgID makes an id like "bbconehd.uk" from a name without its prefix, with
// "-N" for its Nth repeat. A name with letters outside ASCII gets its channel ID
// appended, since dropping those letters could make two names collide.
func tvgID(name string, repeat, id int, prefix string) string {
	country := strings.ToLower(strings.TrimRight(prefix, ": "))
	var b strings.Builder
	lossy := false
	for _, r := range strings.ToLower(name) {
		switch {
		case r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			b.WriteRune(r)
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			lossy = true
		}
	}
	if lossy || b.Len() == 0 {
		b.WriteString(strconv.Itoa(id))
	} else if repeat > 0 {
		b.WriteString("-" + strconv.Itoa(repeat+1))
	}
	if country == "" {
		country = "int"
	}
	return b.String() + "." + country
}
