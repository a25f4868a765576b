package epg

import (
	"bytes"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tuner-iptv/tuner/playlist"
	"github.com/tuner-iptv/tuner/playlist/epg/internal/xmltvgen"
)

const matchGuide = `<tv>
<channel id="BBCOne.uk"><display-name>BBC One</display-name></channel>
<channel id="CNN.us"><display-name>CNN International</display-name></channel>
<channel id="TeleLoisirs.fr"><display-name>Télé Loisirs</display-name></channel>
<channel id="Kanali7.al"><display-name>Kanali 7</display-name></channel>
<channel id="AntenaNews.de"><display-name>Antena News</display-name></channel>
<channel id="AntenaNews.ca"><display-name>Antena News</display-name></channel>
<channel id="ITV1.uk"><display-name>ITV 1</display-name></channel>
<channel id="Sky Sports F1"><display-name>Sky Sports F1</display-name></channel>
<channel id="Arte.fr@HD"><display-name>arte</display-name></channel>
<channel id="NRK1.no"/>
<channel id="CanalPlus.fr"/>
<channel id="AandE.us"><display-name>A&amp;E</display-name></channel>
</tv>`

func TestMatchRules(t *testing.T) {
	g := parseString(t, matchGuide)
	tests := []struct {
		name string
		ch   playlist.Channel
		want string // guide id, "" for no match
		rule Rule
	}{
		{"tvg-id exact", playlist.Channel{TvgID: "BBCOne.uk", Name: "whatever"}, "BBCOne.uk", ByID},
		{"tvg-id other case", playlist.Channel{TvgID: "bbcone.UK", Name: "whatever"}, "BBCOne.uk", ByIDFold},
		{"name plain", playlist.Channel{Name: "BBC One"}, "BBCOne.uk", ByName},
		{"colon prefix and FHD", playlist.Channel{Name: "UK: BBC One FHD"}, "BBCOne.uk", ByName},
		{"bracket prefix and backup", playlist.Channel{Name: "[UK] BBC ONE (backup)"}, "BBCOne.uk", ByName},
		{"pipe prefix and HD", playlist.Channel{Name: "UK | BBC One HD"}, "BBCOne.uk", ByName},
		{"pipes around prefix", playlist.Channel{Name: "|UK| BBC One 4K"}, "BBCOne.uk", ByName},
		{"dash prefix", playlist.Channel{Name: "US- CNN International HEVC"}, "CNN.us", ByName},
		{"accents folded", playlist.Channel{Name: "FR: TELE LOISIRS"}, "TeleLoisirs.fr", ByName},
		{"symbol dropped", playlist.Channel{Name: "Kanali 7 Ⓢ"}, "Kanali7.al", ByName},
		{"superscript HD", playlist.Channel{Name: "Kanali 7 ᴴᴰ"}, "Kanali7.al", ByName},
		{"tvg-name before name", playlist.Channel{TvgName: "ITV 1", Name: "Something else"}, "ITV1.uk", ByName},
		{"dash after three letters is not a prefix", playlist.Channel{Name: "ITV-1"}, "ITV1.uk", ByName},
		{"name against guide id", playlist.Channel{Name: "NRK 1 HD"}, "NRK1.no", ByName},
		{"guide id variant suffix", playlist.Channel{Name: "Arte UHD"}, "Arte.fr@HD", ByName},
		{"wrong tvg-id falls back to name", playlist.Channel{TvgID: "bbc1.gb", Name: "BBC One"}, "BBCOne.uk", ByName},
		{"tvg-id normalised as a last resort", playlist.Channel{TvgID: "Sky Sports F1 HD", Name: "F1"}, "Sky Sports F1", ByName},
		{"country prefix picks between same names", playlist.Channel{Name: "CA: Antena News"}, "AntenaNews.ca", ByName},
		{"tvg-id country picks between same names", playlist.Channel{TvgID: "AntenaNewsHD.ca", Name: "Antena News"}, "AntenaNews.ca", ByName},
		{"same names without a country take the first", playlist.Channel{Name: "Antena News"}, "AntenaNews.de", ByName},
		{"plus spelt out in the id", playlist.Channel{Name: "FR: Canal+ HD"}, "CanalPlus.fr", ByName},
		{"and spelt out", playlist.Channel{Name: "A and E"}, "AandE.us", ByName},
		{"unknown", playlist.Channel{TvgID: "Nope.xx", Name: "Totally Unknown"}, "", NoMatch},
		{"quality tag alone does not match everything", playlist.Channel{Name: "HD"}, "", NoMatch},
		{"empty", playlist.Channel{}, "", NoMatch},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := Match([]playlist.Channel{tt.ch}, g)
			got := ""
			if c, ok := g.ChannelOf(m.Key(0)); ok {
				got = c.ID
			}
			if got != tt.want || m.Rules[0] != tt.rule {
				t.Errorf("matched %q by %v, want %q by %v", got, m.Rules[0], tt.want, tt.rule)
			}
		})
	}
}

func TestNormName(t *testing.T) {
	tests := []struct{ in, key, country string }{
		{"UK: BBC One FHD", "bbcone", "uk"},
		{"[DE] Das Erste HD", "daserste", "de"},
		{"(US) Fox News", "foxnews", "us"},
		{"USA | ESPN 2 1080p", "espn2", "usa"},
		{"Channel 4 +1", "channel4plus1", ""},
		{"Canal+ Sport", "canalplussport", ""},
		{"A&E", "aande", ""},
		{"Crime & Mystery", "crimeandmystery", ""},
		{"Straße TV", "strassetv", ""},
		{"ＢＢＣ Ｔｗｏ", "bbctwo", ""},
		{"UK:", "uk", ""},
		{"HD", "hd", ""},
		{"テレビ東京", "テレビ東京", ""},
		{"Смотрим: Тайны", "смотримтаины", ""},
	}
	for _, tt := range tests {
		key, country := normName(tt.in)
		if key != tt.key || country != tt.country {
			t.Errorf("normName(%q) = %q, %q; want %q, %q", tt.in, key, country, tt.key, tt.country)
		}
	}
}

func TestMatchReportAndShift(t *testing.T) {
	g := parseString(t, `<tv><channel id="a.uk"><display-name>Alpha</display-name></channel>
<programme start="20261123100000 +0000" stop="20261123110000 +0000" channel="a.uk"><title>A</title></programme></tv>`)
	p := &playlist.Playlist{
		Header: playlist.Attributes{TvgShift: "-1"},
		Channels: playlist.List([]playlist.Channel{
			{TvgID: "a.uk"},
			{Name: "UK: Alpha HD", Extra: &playlist.Extra{TvgShift: "+2"}},
			{Name: "Nothing"},
			{TvgID: "A.UK", Extra: &playlist.Extra{TvgShift: "0.5"}},
			{Name: "Also nothing"},
		}),
	}
	m := MatchPlaylist(p, g)
	if m.Matched != 3 || m.ByRule[ByID] != 1 || m.ByRule[ByName] != 1 || m.ByRule[ByIDFold] != 1 || m.ByRule[NoMatch] != 2 {
		t.Errorf("counts: matched %d, by rule %v", m.Matched, m.ByRule)
	}
	if !slices.Equal(m.Unmatched, []int{2, 4}) || m.Rate() != 0.6 {
		t.Errorf("unmatched %v, rate %v", m.Unmatched, m.Rate())
	}
	wantShift := []time.Duration{-time.Hour, 2 * time.Hour, 0, 30 * time.Minute, 0}
	for i, want := range wantShift {
		if got := m.Key(i).Shift(); got != want {
			t.Errorf("channel %d shift %v, want %v", i, got, want)
		}
	}
	// Shifted by +2 h, the 10:00 programme is on at 12:30.
	if now, _ := g.NowNext(m.Key(1), utc("2026-11-23 12:30")); title(now) != "A" {
		t.Errorf("shifted now = %s", title(now))
	}
	if Match(p.Channels.Slice(), g).Key(0).Shift() != 0 {
		t.Error("Match applied the header shift")
	}
	if m := Match(p.Channels.Slice(), nil); m.Matched != 0 || len(m.Unmatched) != 5 {
		t.Errorf("nil guide matched %d", m.Matched)
	}
}

func TestParseShift(t *testing.T) {
	tests := []struct {
		in   string
		want time.Duration
	}{
		{"", 0}, {"0", 0}, {"+1", time.Hour}, {"-2", -2 * time.Hour}, {"1.5", 90 * time.Minute},
		{"-0.5", -30 * time.Minute}, {"5,5", 5*time.Hour + 30*time.Minute}, {" 3 ", 3 * time.Hour},
		{"abc", 0}, {"100", 0}, {"NaN", 0},
	}
	for _, tt := range tests {
		if got := ParseShift(tt.in); got != tt.want {
			t.Errorf("ParseShift(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestGuideConcurrentReaders(t *testing.T) {
	g := parseString(t, matchGuide+threeShows)
	chs := []playlist.Channel{{Name: "UK: BBC One"}, {TvgID: "c"}, {Name: "Kanali 7"}}
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			m := Match(chs, g)
			for i := range chs {
				g.NowNext(m.Key(i), utc("2026-11-23 10:30"))
			}
			if m.Matched != 3 {
				t.Errorf("matched %d", m.Matched)
			}
		})
	}
	wg.Wait()
}

func TestGeneratedGuideParsesAndMatches(t *testing.T) {
	cfg := xmltvgen.Config{Channels: 60, Days: 2}
	var buf bytes.Buffer
	if _, err := xmltvgen.Write(&buf, cfg); err != nil {
		t.Fatal(err)
	}
	g, err := Parse(&buf, "generated")
	if err != nil {
		t.Fatal(err)
	}
	if g.Stats.Skipped != 0 || g.Stats.Channels != 60 || g.Stats.Programmes < 60*2*10 {
		t.Fatalf("stats %+v", g.Stats)
	}
	checkGuide(t, g)
	var chs []playlist.Channel
	for _, c := range xmltvgen.Channels(cfg) {
		chs = append(chs, playlist.Channel{Name: "[" + strings.ToUpper(c.ID[len(c.ID)-2:]) + "] " + c.Name + " HEVC"})
	}
	m := Match(chs, g)
	for i, c := range xmltvgen.Channels(cfg) {
		if got, _ := g.ChannelOf(m.Key(i)); got.ID != c.ID {
			t.Errorf("%q matched %q, want %q", chs[i].Name, got.ID, c.ID)
		}
	}
}
