package search

import "github.com/tuner-iptv/tuner/playlist/fold"

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
		dst = fold.AppendRune(dst, r)
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
