package epg

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/tuner-iptv/tuner/playlist/fold"
)

// Names in playlists and guides differ in dress, not in substance: "UK: BBC
// One FHD", "[UK] BBC ONE (backup)" and the guide's "BBC One" are the same
// channel. normName strips that dress, leaving a key that compares equal.

// qualityTags are words that describe the stream, not the channel.
var qualityTags = map[string]bool{
	"hd": true, "fhd": true, "uhd": true, "sd": true, "hq": true, "lq": true,
	"4k": true, "8k": true, "hevc": true, "h264": true, "h265": true, "hdr": true,
	"1080p": true, "1080i": true, "720p": true, "576p": true, "2160p": true,
	"50fps": true, "60fps": true, "backup": true, "raw": true, "multi": true,
}

// normName returns the matching key of a channel name, and the country code
// its prefix named ("" when none).
func normName(s string) (key, country string) {
	rest, country := cutCountry(s)
	words := foldWords(rest)
	kept := words[:0:0]
	for _, w := range words {
		if !qualityTags[w] {
			kept = append(kept, w)
		}
	}
	if len(kept) == 0 {
		kept = words // a channel called just "HD" is still a name
	}
	return strings.Join(kept, ""), country
}

// normID returns the matching key of a guide id such as "BBCOne.uk@HD" and
// its country suffix.
func normID(id string) (key, country string) {
	if i := strings.IndexByte(id, '@'); i > 0 {
		id = id[:i]
	}
	if i := strings.LastIndexByte(id, '.'); i > 0 && isCountry(id[i+1:]) {
		id, country = id[:i], strings.ToLower(id[i+1:])
	}
	key, _ = normName(id)
	return key, country
}

// cutCountry removes a country prefix: "UK:", "UK |", "[UK]", "(UK)", "|UK|",
// "US-". A bare dash only counts after two letters, so "ITV-1" stays.
func cutCountry(s string) (rest, country string) {
	t := strings.TrimSpace(s)
	if t == "" {
		return s, ""
	}
	if closer := closerOf(t[0]); closer != 0 {
		if i := strings.IndexByte(t[1:], closer); i > 0 && isCountry(strings.TrimSpace(t[1:1+i])) {
			if r := strings.TrimSpace(t[2+i:]); r != "" {
				return r, strings.ToLower(strings.TrimSpace(t[1 : 1+i]))
			}
		}
		return t, ""
	}
	n := 0
	for n < len(t) && n < 4 && isASCIILetter(t[n]) {
		n++
	}
	if n < 2 || n > 3 {
		return t, ""
	}
	after := strings.TrimLeft(t[n:], " ")
	if after == "" {
		return t, ""
	}
	sep := after[0]
	if sep == ':' || sep == '|' || (sep == '-' && n == 2) {
		if r := strings.TrimSpace(after[1:]); r != "" {
			return r, strings.ToLower(t[:n])
		}
	}
	return t, ""
}

func closerOf(c byte) byte {
	switch c {
	case '[':
		return ']'
	case '(':
		return ')'
	case '|':
		return '|'
	}
	return 0
}

func isCountry(s string) bool {
	if len(s) < 2 || len(s) > 3 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !isASCIILetter(s[i]) {
			return false
		}
	}
	return true
}

func isASCIILetter(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }

// foldWords lower-cases s, removes accents, turns compatibility forms into
// plain letters and splits at anything that is not a letter or digit.
// Symbols are dropped before decomposition, so the "Ⓢ" some playlists add
// does not become an "s".
func foldWords(s string) []string {
	var b strings.Builder
	var words []string
	var tmp [32]byte
	flush := func() {
		if b.Len() > 0 {
			words = append(words, b.String())
			b.Reset()
		}
	}
	for _, r := range s {
		if r == '&' || r == '+' {
			// "A&E" is "AandE" and "Canal+" is "CanalPlus" in guide ids.
			flush()
			if r == '&' {
				words = append(words, "and")
			} else {
				words = append(words, "plus")
			}
			continue
		}
		if r < utf8.RuneSelf {
			if c := byte(r); isASCIILetter(c) || isDigit(c) {
				b.WriteByte(c | asciiLowerBit(c))
			} else {
				flush()
			}
			continue
		}
		if unicode.Is(unicode.So, r) {
			flush()
			continue
		}
		for _, d := range string(fold.AppendRune(tmp[:0], r)) {
			if unicode.IsLetter(d) || unicode.IsDigit(d) {
				b.WriteRune(d)
			} else {
				flush()
			}
		}
	}
	flush()
	return words
}

func asciiLowerBit(c byte) byte {
	if c >= 'A' && c <= 'Z' {
		return 0x20
	}
	return 0
}
