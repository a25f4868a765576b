package e2e

import "golang.org/x/text/width"

// cells is how many terminal columns s takes: east-asian wide and fullwidth
// runes take two.
func cells(s string) int {
	n := 0
	for _, r := range s {
		switch width.LookupRune(r).Kind() {
		case width.EastAsianWide, width.EastAsianFullwidth:
			n += 2
		default:
			n++
		}
	}
	return n
}
