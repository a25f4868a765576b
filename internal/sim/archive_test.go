package sim_test

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/tuner-iptv/tuner/internal/sim"
)

func TestLiveStreamsMarkTheArchiveChannels(t *testing.T) {
	s := start(t, sim.Config{Channels: 8})
	_, _, body := getBody(t, s.URL()+"/player_api.php?username=demo&password=demo&action=get_live_streams")
	var streams []struct {
		ID       int `json:"stream_id"`
		Archive  int `json:"tv_archive"`
		Duration int `json:"tv_archive_duration"`
	}
	if err := json.Unmarshal(body, &streams); err != nil {
		t.Fatal(err)
	}
	for _, st := range streams {
		want := 0
		if st.ID%4 == 1 {
			want = 3
		}
		if st.Duration != want || (st.Archive == 1) != (want > 0) || s.ArchiveDays(st.ID) != want {
			t.Errorf("stream %d: tv_archive %d, duration %d; want %d days", st.ID, st.Archive, st.Duration, want)
		}
	}
}

// A replay's start is read in the panel's zone: Berlin is an hour ahead of
// UTC in winter, so 21-00 there is 20:00 UTC.
func TestReplaysAreReadInThePanelsZoneAndRecorded(t *testing.T) {
	now := time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC)
	s := start(t, sim.Config{Clock: sim.NewFakeClock(now), Timezone: "Europe/Berlin"})
	cases := []struct {
		url    string
		status int
	}{
		{"/timeshift/demo/demo/60/2026-11-30:21-00/5.ts", http.StatusOK},
		{"/streaming/timeshift.php?username=demo&password=demo&stream=9&start=2026-11-30:21-00&duration=45", http.StatusOK},
		{"/timeshift/demo/demo/60/2026-11-30:21-00/2.ts", http.StatusNotFound}, // no archive
		{"/timeshift/demo/demo/60/2026-11-20:21-00/5.ts", http.StatusNotFound}, // older than 3 days
		{"/timeshift/demo/demo/60/2026-12-02:21-00/5.ts", http.StatusNotFound}, // not aired yet
		{"/timeshift/demo/wrong/60/2026-11-30:21-00/5.ts", http.StatusUnauthorized},
	}
	for _, tc := range cases {
		resp := get(t, s.URL()+tc.url)
		if tc.status == http.StatusOK {
			if _, err := io.ReadFull(resp.Body, make([]byte, 188*10)); err != nil {
				t.Errorf("%s: %v", tc.url, err)
			}
		}
		resp.Body.Close()
		if err := s.WaitActive(bounded(t), 0); err != nil { // the slot is free for the next
			t.Fatal(err)
		}
		if resp.StatusCode != tc.status {
			t.Errorf("%s: %d, want %d", tc.url, resp.StatusCode, tc.status)
		}
	}
	r := s.Replays()
	if len(r) != len(cases) {
		t.Fatalf("%d replays recorded, want %d: %+v", len(r), len(cases), r)
	}
	want := time.Date(2026, 11, 30, 20, 0, 0, 0, time.UTC)
	if !r[0].Start.Equal(want) || r[0].Minutes != 60 || r[0].Form != "path" || r[0].StreamID != 5 {
		t.Errorf("first replay %+v, want stream 5 from %v for 60 minutes", r[0], want)
	}
	if !r[1].Start.Equal(want) || r[1].Minutes != 45 || r[1].Form != "php" || r[1].StreamID != 9 {
		t.Errorf("second replay %+v", r[1])
	}
}

func TestAReplayHoldsASlot(t *testing.T) {
	now := time.Now()
	s := start(t, sim.Config{MaxConnections: 1})
	at := now.Add(-2 * time.Hour).In(s.Zone()).Format("2006-01-02:15-04")
	first := get(t, fmt.Sprintf("%s/timeshift/demo/demo/30/%s/1.ts", s.URL(), at))
	defer first.Body.Close()
	if first.StatusCode != http.StatusOK {
		t.Fatalf("replay: %d", first.StatusCode)
	}
	second := get(t, s.URL()+"/live/demo/demo/2.ts")
	second.Body.Close()
	if second.StatusCode != http.StatusUnauthorized {
		t.Errorf("a second stream beside a replay got %d, want 401", second.StatusCode)
	}
}

func TestPlaylistCanWriteCatchup(t *testing.T) {
	s := start(t, sim.Config{Channels: 5, PlaylistCatchup: true})
	_, _, body := getBody(t, s.URL()+"/get.php?username=demo&password=demo&type=m3u_plus&output=ts")
	if n := strings.Count(string(body), `catchup="xc" catchup-days="3"`); n != 2 {
		t.Errorf("%d entries with catch-up attributes, want 2 (channels 1 and 5):\n%s", n, body)
	}
}
