// Package words holds the small pieces of English that messages share, so a
// count reads the same on every screen and in every command.
package words

import "strconv"

// Plural is one when n is 1, else many: "1 slot is", "2 slots are".
func Plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// Count is n followed by word, with an s when n is not 1: "1 player",
// "3 players".
func Count(n int, word string) string {
	return strconv.Itoa(n) + " " + Plural(n, word, word+"s")
}
