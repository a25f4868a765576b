package search

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

// appendFold appends the folded form of s to dst: lower case, accents and other
// nonspacing marks removed, compatibility forms (full-width letters, ligatures,
// circled letters) replaced by their plain equivalents, control characters made
// spaces, and spaces squeezed. When runeOf is not nil it receives, for each byte
// appended, the index of the rune of s that produced it, so matches can be
// mapped back to the name.
func appendFold(dst []byte, s string, runeOf *[]int32) []byte {
	start, rstart := len(dst), 0
	if runeOf != nil {
		rstart = len(*runeOf)
	}
	ri := int32(0)
	for _, r := range s {
		before := len(dst)
		dst = appendFoldRune(dst, r)
		if runeOf != nil {
			for range len(dst) - before {
				*runeOf = append(*runeOf, ri)
			}
		}
		ri++
	}
	var runes []int32
	if runeOf != nil {
		runes = (*runeOf)[rstart:]
	}
	n := squeeze(dst[start:], runes)
	if runeOf != nil {
		*runeOf = (*runeOf)[:rstart+n]
	}
	return dst[:start+n]
}

// squeeze drops leading and trailing spaces from b and shortens runs of them
// to one, in place, moving the entries of runeOf (when not nil) alongside. It
// returns the new length. Then a space typed before the next word, or a name
// padded with spaces, does not turn an exact match into a scattered one.
func squeeze(b []byte, runeOf []int32) int {
	n := 0
	for i, c := range b {
		if c == ' ' && (n == 0 || b[n-1] == ' ') {
			continue
		}
		b[n] = c
		if runeOf != nil {
			runeOf[n] = runeOf[i]
		}
		n++
	}
	if n > 0 && b[n-1] == ' ' {
		n--
	}
	return n
}

// appendFoldRune appends the folded form of one rune; it may append nothing
// (a lone combining mark) or several bytes (ß becomes "ss").
func appendFoldRune(dst []byte, r rune) []byte {
	if r < utf8.RuneSelf {
		return append(dst, foldASCII[r])
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
			dst = append(dst, foldASCII[d])
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

// foldASCII lower-cases ASCII letters and turns control characters into
// spaces, so a folded name never holds a NUL or a line break.
var foldASCII = func() (t [utf8.RuneSelf]byte) {
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
