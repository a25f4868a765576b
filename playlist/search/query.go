package search

import (
	"bytes"
	"unicode/utf8"
)

// class is how well a name matches a query; lower is better.
type class uint8

const (
	exact     class = iota // the whole name is the query
	prefix                 // the name starts with the query
	wordStart              // the query, or each of its words in order, starts a word
	substring              // the query appears elsewhere inside a word
	// someWords is the first of the scattered matches of a multi-word query
	// where some of its words start words of the name: "de ard" finds "ARD"
	// in "Das Erste (ARD)". The fewer query characters left outside those
	// words, the better, so the classes from someWords on count them, one to
	// wordLevels, and "Das Erste (ARD)" (2 left) beats "DE: ARTE HD" (3 left).
	someWords
	scattered  = someWords + wordLevels // the query's characters appear in order, apart
	numClasses = scattered + 1
)

// wordLevels is how many classes tell apart how much of a query is left
// outside the words it starts; beyond it, the rest ties.
const wordLevels = 4

// query is a folded query prepared for matching many names.
type query struct {
	text  []byte   // folded query
	seq   []byte   // text without spaces: what every match holds in order
	units [][]byte // one entry per rune of seq
	ascii bool     // seq is all ASCII
	mask  uint64   // characters every match must contain
	terms [][]byte // the space-separated words, when there are at least two
}

func newQuery(s string) *query {
	q := &query{text: appendFold(nil, s, nil)}
	q.seq = bytes.ReplaceAll(q.text, []byte(" "), nil)
	q.mask = maskOf(q.text)
	q.ascii = true
	for i := 0; i < len(q.seq); {
		_, n := utf8.DecodeRune(q.seq[i:])
		if n > 1 {
			q.ascii = false
		}
		q.units = append(q.units, q.seq[i:i+n])
		i += n
	}
	// Split on the ASCII space alone, the one seq leaves out, so that words
	// found in order always imply seq found in order.
	var terms [][]byte
	for _, t := range bytes.Split(q.text, []byte(" ")) {
		if len(t) > 0 {
			terms = append(terms, t)
		}
	}
	if len(terms) > 1 {
		q.terms = terms
	}
	return q
}

// empty reports a query that filters nothing out: it is blank or only spaces.
func (q *query) empty() bool { return len(q.seq) == 0 }

// classify reports how name matches q. It is the hot path of Search: the
// cheap substring test runs first because it settles all but scattered matches.
func (q *query) classify(name []byte) (class, bool) {
	i := bytes.Index(name, q.text)
	switch {
	case i == 0 && len(name) == len(q.text):
		return exact, true
	case i == 0:
		return prefix, true
	case i > 0:
		if wordOccurrence(name, q.text, i) >= 0 || q.termsAtWordStarts(name, nil) {
			return wordStart, true
		}
		return substring, true
	}
	if q.termsAtWordStarts(name, nil) {
		return wordStart, true
	}
	if q.subsequence(name) {
		return q.scatteredClass(name), true
	}
	return 0, false
}

// scatteredClass ranks a scattered match by the query characters outside the
// query words that start a word of name, anywhere in it.
func (q *query) scatteredClass(name []byte) class {
	left := len(q.seq)
	for _, t := range q.terms {
		if i := bytes.Index(name, t); i >= 0 && wordOccurrence(name, t, i) >= 0 {
			left -= len(t)
		}
	}
	if left == len(q.seq) {
		return scattered
	}
	return someWords + class(min(max(left, 1), wordLevels)-1)
}

// wordOccurrence returns the first position at or after from where sub occurs
// in name at the start of a word, or -1. from must be an occurrence of sub.
func wordOccurrence(name, sub []byte, from int) int {
	for i := from; ; {
		if wordBoundary(name, i) {
			return i
		}
		j := bytes.Index(name[i+1:], sub)
		if j < 0 {
			return -1
		}
		i += 1 + j
	}
}

// wordBoundary reports whether a word starts at byte i of a folded name.
// Everything except ASCII letters and digits separates words, and bytes of
// other scripts count as letters, so "日本" is one word.
func wordBoundary(name []byte, i int) bool {
	return i == 0 || !isWordByte[name[i-1]]
}

var isWordByte = func() (t [256]bool) {
	for c := range t {
		t[c] = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c >= utf8.RuneSelf
	}
	return t
}()

// termsAtWordStarts reports whether every word of a multi-word query starts a
// word of name, in order and without overlap ("sky prem" in "sky sports
// premier"). When at is not nil it receives the byte positions matched.
func (q *query) termsAtWordStarts(name []byte, at *[]int) bool {
	if q.terms == nil {
		return false
	}
	pos := 0
	for _, t := range q.terms {
		i := bytes.Index(name[pos:], t)
		if i < 0 {
			return false
		}
		i = wordOccurrence(name, t, pos+i)
		if i < 0 {
			return false
		}
		if at != nil {
			for k := range len(t) {
				*at = append(*at, i+k)
			}
		}
		pos = i + len(t)
	}
	return true
}

// subsequence reports whether the query's runes other than spaces appear in
// name in order. Runes are matched whole: UTF-8 never lets an encoded rune
// match inside another.
//
// Spaces are left out because every class of match must imply this one: a
// multi-word match may find its words separated by "-" or "|" rather than by
// spaces. That makes the set of matches shrink as the query grows, which the
// narrowing of a typed query relies on.
func (q *query) subsequence(name []byte) bool {
	if q.ascii {
		pos := 0
		for _, c := range q.seq {
			i := bytes.IndexByte(name[pos:], c)
			if i < 0 {
				return false
			}
			pos += i + 1
		}
		return true
	}
	return unitsIn(name, q.units)
}

func unitsIn(name []byte, units [][]byte) bool {
	pos := 0
	for _, u := range units {
		i := bytes.Index(name[pos:], u)
		if i < 0 {
			return false
		}
		pos += i + len(u)
	}
	return true
}

// scatteredPositions returns the bytes of a scattered match to highlight. Each
// rune goes to the first word start from which the rest still fits, else to its
// leftmost place, so "spl" lights the initials of "Sky Premier League" rather
// than the "p" inside "Sports". It returns nil when the query does not match.
func (q *query) scatteredPositions(name []byte) []int {
	var at []int
	pos := 0
	for k, u := range q.units {
		i := bytes.Index(name[pos:], u)
		if i < 0 {
			return nil
		}
		best := pos + i
		for j := best; j >= 0; {
			if wordBoundary(name, j) && unitsIn(name[j+len(u):], q.units[k+1:]) {
				best = j
				break
			}
			next := bytes.Index(name[j+1:], u)
			if next < 0 {
				break
			}
			j += 1 + next
		}
		for b := range len(u) {
			at = append(at, best+b)
		}
		pos = best + len(u)
	}
	return at
}

// positions returns the bytes of name that the match of q covers, following the
// same rules as classify, or nil when name does not match.
func (q *query) positions(name []byte) []int {
	if q.empty() {
		return nil
	}
	var at []int
	span := func(i, n int) []int {
		for k := range n {
			at = append(at, i+k)
		}
		return at
	}
	i := bytes.Index(name, q.text)
	if i == 0 {
		return span(0, len(q.text))
	}
	if i > 0 {
		if w := wordOccurrence(name, q.text, i); w >= 0 {
			return span(w, len(q.text))
		}
	}
	if q.termsAtWordStarts(name, &at) {
		return at
	}
	at = at[:0]
	if i > 0 {
		return span(i, len(q.text))
	}
	return q.scatteredPositions(name)
}

// maskOf returns the set of character classes present in a folded text: one bit
// per ASCII letter and digit, the rest hashed into the remaining bits. A name
// whose mask lacks a bit of the query's cannot match it.
func maskOf(b []byte) uint64 {
	var m uint64
	for _, c := range b {
		m |= maskBit[c]
	}
	return m
}

var maskBit = func() (t [256]uint64) {
	for i := range t {
		c := byte(i)
		switch {
		case c == ' ':
			// Spaces are in nearly every name; a bit for them rejects nothing.
		case c >= 'a' && c <= 'z':
			t[i] = 1 << (c - 'a')
		case c >= '0' && c <= '9':
			t[i] = 1 << (26 + c - '0')
		default:
			t[i] = 1 << (36 + int(c)%28)
		}
	}
	return t
}()

// wordMaskOf is maskOf the bytes that start a word.
func wordMaskOf(b []byte) uint64 {
	var m uint64
	for i, c := range b {
		if wordBoundary(b, i) {
			m |= maskBit[c]
		}
	}
	return m
}

// singleLetter returns the query's one ASCII letter or digit, if that is all it
// is. Such a query, the first key typed and the one matching the most names,
// is classified from the masks alone, as the mask bits of letters and digits
// are exact.
func (q *query) singleLetter() (byte, bool) {
	if len(q.text) != 1 {
		return 0, false
	}
	c := q.text[0]
	return c, c >= 'a' && c <= 'z' || c >= '0' && c <= '9'
}
