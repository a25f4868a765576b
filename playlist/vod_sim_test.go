package playlist_test

import (
	"bufio"
	"net/http"
	"strings"
	"testing"

	"github.com/tuner-iptv/tuner/internal/sim"
	"github.com/tuner-iptv/tuner/playlist"
)

// A panel's m3u_plus playlist lists channels, movies and episodes; each
// URL says which it is.
func TestKindOfURLSortsAPanelPlaylist(t *testing.T) {
	s := sim.New(sim.Config{Channels: 40, Movies: 30, Series: 3, PlaylistVOD: true})
	if err := s.Start("127.0.0.1:0"); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(s.Close)
	for _, output := range []string{"ts", "m3u8"} {
		resp, err := http.Get(s.URL() + "/get.php?username=demo&password=demo&type=m3u_plus&output=" + output)
		if err != nil {
			t.Fatal(err)
		}
		counts := map[playlist.Kind]int{}
		sc := bufio.NewScanner(resp.Body)
		for sc.Scan() {
			if line := sc.Text(); strings.HasPrefix(line, "http") {
				counts[playlist.KindOfURL(line)]++
			}
		}
		resp.Body.Close()
		episodes := 0
		for id := 1; id <= s.SeriesCount(); id++ {
			show, _ := s.Show(id)
			for _, n := range show.Seasons {
				episodes += n
			}
		}
		if counts[playlist.KindLive] != 40 || counts[playlist.KindMovie] != 30 || counts[playlist.KindEpisode] != episodes {
			t.Fatalf("output %s: %v, want 40 live, 30 movies, %d episodes", output, counts, episodes)
		}
	}
}
