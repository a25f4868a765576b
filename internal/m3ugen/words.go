package m3ugen

// The word lists mix plain ASCII with accents, CJK, emoji and commas, since
// those are what trip up IPTV parsers. No entry contains a double quote, which
// a quoted M3U attribute cannot carry.

var countries = []string{"UK", "US", "DE", "FR", "ES", "IT", "PT", "NL", "PL", "TR", "AR", "JP", "KR", "BR", "MX", "CA"}

var liveNames = []string{
	"BBC One", "BBC Two", "ITV 1", "Channel 4", "Sky Sports Main Event", "Sky Sports F1",
	"CNN International", "Fox News", "ESPN 2", "TF1", "France 2", "Canal+ Sport",
	"Das Erste", "ZDF", "ProSieben", "RTL", "La 1", "Antena 3", "Telecinco", "Rai 1",
	"Rete 4", "RTP 1", "SIC Notícias", "NPO 1", "TVP Info", "TRT 1", "Show TV", "MBC Drama",
	"Al Jazeera الجزيرة", "NHK 総合", "テレビ朝日", "KBS 1TV", "SBS 스포츠", "Globo", "SporTV",
	"Las Estrellas", "TSN 1", "CBC", "Télé-Québec", "Čt 24", "Eurosport 1", "beIN Sports 1",
	"Nickelodeon", "Cartoon Network", "Discovery Channel", "National Geographic", "History",
	"Film4", "Movies 24", "Ötv", "Ñ Televisión", "Ελληνική Τηλεόραση",
}

var qualities = []string{"", "", " HD", " FHD", " 4K", " ᴴᴰ", " SD", " (Backup)", " [Multi-Audio]", " HEVC"}

var decorations = []string{"⚽", "🎬", "★", "Ⓢ", "|UK|", "🇬🇧", "##"}

var liveGroups = []string{
	"Entertainment", "Sports", "News", "Kids", "Documentary", "Movies", "Music", "Religious",
	"Général", "Deportes", "Notizie", "ニュース", "PPV Events", "24/7",
}

var movieTitles = []string{
	"Love, Actually", "Amélie", "The Good, the Bad and the Ugly", "Crouching Tiger, Hidden Dragon",
	"Spirited Away 千と千尋の神隠し", "Léon: The Professional", "Das Boot", "Y tu mamá también",
	"Parasite 기생충", "La vita è bella", "Oldboy", "Run, Lola, Run", "Mission: Impossible",
	"Sex, Lies, and Videotape", "Three Billboards Outside Ebbing, Missouri", "Hello, Dolly!",
	"Am I = You?", "50/50", "9½ Weeks", "Fast & Furious", "Ratatouille", "WALL·E", "Ponyo 🐟",
	"Der Untergang", "El laberinto del fauno", "Intouchables", "Coco", "Brother, Where Art Thou",
}

var movieGroups = []string{"Action", "Comedy", "Drama", "Horror", "Animation", "Family", "Sci-Fi", "Thriller", "4K Movies", "Last Added"}

var showTitles = []string{
	"Breaking Bad", "La Casa de Papel", "Dark", "Squid Game 오징어 게임", "The Office (US)",
	"Lupin", "Borgen", "Money, Power, Respect", "Game of Thrones", "Narcos: México",
	"Babylon Berlin", "Élite", "Shōgun", "Tokyo Vice", "Peaky Blinders",
}

var seriesGroups = []string{"Netflix", "HBO", "Drama", "Crime", "Anime", "Kids", "Documentaries"}

var userAgents = []string{
	"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36",
	"VLC/3.0.20 LibVLC/3.0.20",
	"okhttp/4.9.3",
	"IPTVSmartersPro",
}
