// Package fold gives names the form a person types when searching for them:
// lower case, accents and other marks removed, compatibility forms (full-width
// letters, ligatures, circled letters) made plain, control characters made
// spaces. The filter and the guide's name matching fold alike, so a name that
// one of them finds the other matches too.
package fold

import (
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// specialFolds covers letters that compatibility decomposition leaves alone but
// that a person types as plain ASCII (or, for the final sigma, as the usual form).
var specialFolds = map[rune]string{
	'ß': "ss", 'ẞ': "ss", 'æ': "ae", 'Æ': "ae", 'œ': "oe", 'Œ': "oe",
	'ø': "o", 'Ø': "o", 'đ': "d", 'Đ': "d", 'ð': "d", 'Ð': "d",
	'ł': "l", 'Ł': "l", 'þ': "th", 'Þ': "th", 'ı': "i", 'ħ': "h",
	'Ħ': "h", 'ŧ': "t", 'Ŧ': "t", 'ĸ': "k", 'ŋ': "n", 'Ŋ': "n",
	'ς': "σ",
}

// asciiFolds lower-cases ASCII letters and turns control characters into
// spaces, so a folded name never holds a NUL or a line break.
var asciiFolds = func() (t [utf8.RuneSelf]byte) {
	for i := range t {
		c := byte(i)
		switch {
		case c >= 'A' && c <= 'Z':
			c += 'a' - 'A'
		case c < ' ' || c == 0x7f:
			c = ' '
		}
		t[i] = c
	}
	return t
}()

// Byte folds an ASCII byte: lower case, a control character becomes a space.
func Byte(c byte) byte { return asciiFolds[c&0x7f] }

// AppendRune appends the folded form of r; it may append nothing
// (a lone combining mark) or several bytes (ß becomes "ss").
func AppendRune(dst []byte, r rune) []byte {
	if r < utf8.RuneSelf {
		return append(dst, asciiFolds[r])
	}
	if f, ok := specialFolds[r]; ok {
		return append(dst, f...)
	}
	if unicode.In(r, unicode.Hangul, unicode.Hiragana, unicode.Katakana) && !isHalfWidth(r) {
		// Decomposing Hangul syllables would let a query match half a
		// syllable, and the voicing marks of kana change the sound, not an
		// accent: keep them whole.
		return utf8.AppendRune(dst, r)
	}
	var tmp [utf8.UTFMax]byte
	enc := tmp[:utf8.EncodeRune(tmp[:], r)]
	if norm.NFKD.IsNormal(enc) && !unicode.IsUpper(r) && !unicode.Is(unicode.Mn, r) &&
		!unicode.IsControl(r) && !unicode.Is(unicode.Cf, r) {
		return append(dst, enc...)
	}
	var dec [32]byte
	for _, d := range string(norm.NFKD.Append(dec[:0], enc...)) {
		switch {
		case d < utf8.RuneSelf:
			dst = append(dst, asciiFolds[d])
		case unicode.Is(unicode.Mn, d), unicode.Is(unicode.Cf, d):
			// Accents, variation selectors and invisible joiners are not typed.
		case unicode.IsControl(d):
			dst = append(dst, ' ')
		default:
			d = unicode.ToLower(d)
			if f, ok := specialFolds[d]; ok {
				dst = append(dst, f...)
			} else {
				dst = utf8.AppendRune(dst, d)
			}
		}
	}
	return dst
}

// isHalfWidth reports the half-width forms block, which compatibility
// decomposition maps to ordinary kana, Hangul and punctuation.
func isHalfWidth(r rune) bool { return r >= 0xFF61 && r <= 0xFFDC }
