package epg

import (
	"slices"
	"testing"
)

const threeLanguages = `<tv><programme start="20261123100000" stop="20261123110000" channel="c">
<title lang="en">The News</title><title lang="de-AT">Die Nachrichten</title><title lang="fr">Le Journal</title><title>ignored empty</title><title lang="es"></title>
</programme></tv>`

func TestTitleInThePersonsLanguage(t *testing.T) {
	tests := []struct {
		name string
		env  map[string]string
		want string
	}{
		{"LANG picks its language", map[string]string{"LANG": "de_DE.UTF-8"}, "Die Nachrichten"},
		{"LC_ALL comes before LANG", map[string]string{"LC_ALL": "fr_FR.UTF-8", "LANG": "de_DE.UTF-8"}, "Le Journal"},
		{"LC_MESSAGES comes before LANG", map[string]string{"LC_MESSAGES": "fr", "LANG": "de_DE.UTF-8"}, "Le Journal"},
		{"LANGUAGE's first entry comes first", map[string]string{"LANGUAGE": "fr:de", "LANG": "de_DE.UTF-8"}, "Le Journal"},
		{"a language the guide lacks takes the first", map[string]string{"LANG": "it_IT.UTF-8"}, "The News"},
		{"the C locale takes the first", map[string]string{"LANG": "C"}, "The News"},
		{"no locale takes the first", nil, "The News"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, v := range []string{"LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"} {
				t.Setenv(v, tt.env[v])
			}
			g := parseString(t, threeLanguages)
			now, _ := g.NowNext(mustKey(t, g, "c"), utc("2026-11-23 10:30"))
			if now == nil || now.Title != tt.want {
				t.Fatalf("now = %+v, want title %q", now, tt.want)
			}
			want := []Title{{"en", "The News"}, {"de-AT", "Die Nachrichten"}, {"fr", "Le Journal"}, {"", "ignored empty"}}
			if !slices.Equal(now.Titles, want) {
				t.Errorf("Titles = %q, want %q", now.Titles, want)
			}
		})
	}
}

func TestTitleIn(t *testing.T) {
	t.Setenv("LANG", "C")
	g := parseString(t, threeLanguages+`<tv><programme start="20261123110000" channel="c"><title lang="en">Only</title></programme></tv>`)
	ps := g.Schedule(mustKey(t, g, "c"), utc("2026-11-23 10:00"), utc("2026-11-23 12:00"))
	if len(ps) != 2 {
		t.Fatalf("%d programmes", len(ps))
	}
	for lang, want := range map[string]string{"de_CH.UTF-8": "Die Nachrichten", "FR": "Le Journal", "pt": "The News", "": "The News"} {
		if got := ps[0].TitleIn(lang); got != want {
			t.Errorf("TitleIn(%q) = %q, want %q", lang, got, want)
		}
	}
	if ps[1].Titles != nil || ps[1].TitleIn("de") != "Only" {
		t.Errorf("a single title: %+v", ps[1])
	}
}
