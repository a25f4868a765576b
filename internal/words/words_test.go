package words

import "testing"

func TestPluralAndCount(t *testing.T) {
	for _, tc := range []struct {
		got, want string
	}{
		{Plural(1, "slot is", "slots are"), "slot is"},
		{Plural(0, "slot is", "slots are"), "slots are"},
		{Plural(2, "day", "days"), "days"},
		{Count(1, "player"), "1 player"},
		{Count(0, "player"), "0 players"},
		{Count(12, "connection"), "12 connections"},
	} {
		if tc.got != tc.want {
			t.Errorf("got %q, want %q", tc.got, tc.want)
		}
	}
}
