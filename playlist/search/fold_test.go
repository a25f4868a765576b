package search

import "testing"

func TestFold(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"ascii upper case", "BBC One HD", "bbc one hd"},
		{"acute accent", "Télé-Québec", "tele-quebec"},
		{"tilde", "Ñuñoa TV", "nunoa tv"},
		{"sharp s", "Straße", "strasse"},
		{"capital sharp s", "STRAẞE", "strasse"},
		{"stroke letters", "TVP Łódź", "tvp lodz"},
		{"ligatures", "Æble Œuvre ﬁlm", "aeble oeuvre film"},
		{"full-width letters and digits", "ＴＦ１", "tf1"},
		{"ideographic space", "Ｎｅｗｓ　２４", "news 24"},
		{"circled letter", "Ⓢ Sport", "s sport"},
		{"superscript", "Sky ᴴᴰ", "sky hd"},
		{"combining mark", "Cafe\u0301", "cafe"},
		{"greek", "ΣΚΑΪ", "σκαι"},
		{"greek final sigma", "λόγος", "λογοσ"},
		{"cyrillic marks removed like latin ones", "Первый Ёлка", "первыи елка"},
		{"kana voicing kept", "ビデオ", "ビデオ"},
		{"half-width katakana", "ﾃﾚﾋﾞ", "テレヒ"},
		{"cjk unchanged", "日本テレビ", "日本テレビ"},
		{"hangul kept whole", "한국", "한국"},
		{"control characters", "a\tb\x00c", "a b c"},
		{"zero width space dropped", "Sky\u200bNews", "skynews"},
		{"spaces squeezed", "  BBC \t One  ", "bbc one"},
		{"only spaces", " \u3000 ", ""},
		{"empty", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := string(appendFold(nil, tt.in, nil)); got != tt.want {
				t.Errorf("appendFold(%q) = %q, want %q", tt.in, got, tt.want)
			}
			if got := string(newFolder().appendFold(nil, tt.in)); got != tt.want {
				t.Errorf("folder.appendFold(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

// The index folds with a cache and the query without one; they must agree on
// every name or matches would be missed.
func TestFoldCachedAgrees(t *testing.T) {
	f := newFolder()
	for _, s := range testNames(5000) {
		if a, b := string(f.appendFold(nil, s)), string(appendFold(nil, s, nil)); a != b {
			t.Fatalf("%q: cached fold %q, plain fold %q", s, a, b)
		}
	}
}

func TestFoldRuneMap(t *testing.T) {
	var runeOf []int32
	got := string(appendFold(nil, " aß  é日", &runeOf))
	if got != "ass e日" {
		t.Fatalf("fold = %q", got)
	}
	want := []int32{1, 2, 2, 3, 5, 6, 6, 6}
	if len(runeOf) != len(want) {
		t.Fatalf("rune map %v, want %v", runeOf, want)
	}
	for i := range want {
		if runeOf[i] != want[i] {
			t.Fatalf("rune map %v, want %v", runeOf, want)
		}
	}
}
