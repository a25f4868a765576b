package fold

import "testing"

func TestAppendRune(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want string
	}{
		{"É", "e"}, {"ß", "ss"}, {"ẞ", "ss"}, {"Œ", "oe"}, {"ł", "l"},
		{"Ａ", "a"},  // full-width
		{"ﬁ", "fi"}, // ligature
		{"\u0301", ""},
		{"ｶ", "カ"}, // half-width kana becomes the ordinary form
		{"가", "가"}, // Hangul stays whole
		{"\u0085", " "},
	} {
		var got []byte
		for _, r := range tc.in {
			got = AppendRune(got, r)
		}
		if string(got) != tc.want {
			t.Errorf("fold %q = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestByte(t *testing.T) {
	if Byte('Q') != 'q' || Byte('\n') != ' ' || Byte('7') != '7' {
		t.Fatal("ASCII folds wrong")
	}
}
