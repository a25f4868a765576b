package cmd

import (
	"testing"

	"github.com/tuner-iptv/tuner/session/check"
)

func TestCatalogueCountsFollowThePlaylistRow(t *testing.T) {
	n, m := 60, 0
	v := &vodCounts{Movies: &n, Series: &m}
	rows := v.rows([]check.Row{{Key: "status"}, {Key: "playlist"}, {Key: "guide"}})
	var keys []string
	for _, r := range rows {
		keys = append(keys, r.Key)
	}
	if len(rows) != 5 || rows[2] != (check.Row{Key: "movies", Value: "60"}) || rows[3] != (check.Row{Key: "series", Value: "0"}) {
		t.Errorf("rows %v", keys)
	}
	if got := (*vodCounts)(nil).rows(rows[:1]); len(got) != 1 {
		t.Errorf("no counts added %d rows", len(got)-1)
	}
}
