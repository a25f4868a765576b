package source

import (
	"context"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/tuner-iptv/tuner/internal/sim"
	"github.com/tuner-iptv/tuner/playlist"
	"github.com/tuner-iptv/tuner/playlist/cache"
)

// These tests read the provider simulator the way tuner reads a real panel.

const simPass = "sim-Secret-9"

func startSim(t *testing.T, cfg sim.Config) *sim.Server {
	t.Helper()
	cfg.Username, cfg.Password = "alice", simPass
	s := sim.New(cfg)
	if err := s.Start("127.0.0.1:0"); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(s.Close)
	return s
}

func TestSimulatorThroughAPIAndGetPHP(t *testing.T) {
	s := startSim(t, sim.Config{Channels: 400, MaxConnections: 2})
	src0 := NewXtream(s.URL(), "alice", simPass, Options{}).(*Xtream)
	api, err := src0.Load(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if api.Channels.Len() != s.ChannelCount() {
		t.Fatalf("%d channels through the API, the panel has %d", api.Channels.Len(), s.ChannelCount())
	}
	a := api.Account
	if a == nil || a.Status != "Active" || a.MaxConnections != 2 || !a.ExpiresAt.IsZero() || a.Timezone == "" {
		t.Errorf("account %+v", a)
	}
	for _, ch := range api.Channels.Slice()[:20] {
		id, _ := strconv.Atoi(ch.Extra.StreamID)
		want, ok := s.Channel(id)
		if !ok || ch.Name != want.Name || ch.Group != want.Group || ch.TvgID != want.TvgID || src0.Credentials().RequestURL(ch.URL) != s.StreamURL(id, "ts") {
			t.Errorf("channel %+v, panel has %+v", ch, want)
		}
	}

	// The same account given as a get.php playlist URL goes through the API.
	getURL := s.URL() + "/get.php?username=alice&password=" + simPass + "&type=m3u_plus&output=m3u8"
	src, err := Parse(getURL, Options{})
	if err != nil {
		t.Fatal(err)
	}
	viaGet, err := src.Load(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if viaGet.Channels.Len() != api.Channels.Len() || !strings.HasSuffix(viaGet.Channels.At(0).URL, ".m3u8") {
		t.Errorf("get.php: %d channels, first URL %q", viaGet.Channels.Len(), playlist.MaskURL(viaGet.Channels.At(0).URL))
	}

	// Read as a plain M3U, get.php lists the same channels in the same order.
	m3u, err := NewURL(getURL, Options{}.http()).Load(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if m3u.Channels.Len() != api.Channels.Len() {
		t.Fatalf("M3U has %d channels, API %d", m3u.Channels.Len(), api.Channels.Len())
	}
	for i := range m3u.Channels.Len() {
		if m3u.Channels.At(i).Name != api.Channels.At(i).Name || m3u.Channels.At(i).Group != api.Channels.At(i).Group {
			t.Fatalf("channel %d: M3U %q/%q, API %q/%q", i, m3u.Channels.At(i).Name, m3u.Channels.At(i).Group, api.Channels.At(i).Name, api.Channels.At(i).Group)
		}
	}
}

func TestSimulatorAccountStates(t *testing.T) {
	s := startSim(t, sim.Config{Channels: 20})
	t.Run("wrong password", func(t *testing.T) {
		_, err := NewXtream(s.URL(), "alice", "wrong-pw", Options{}).Load(context.Background(), nil)
		if playlist.ProblemOf(err) != playlist.Refused || !strings.HasSuffix(err.Error(), ": credentials rejected (auth 0)") || strings.Contains(err.Error(), "wrong-pw") {
			t.Fatalf("error %v", err)
		}
	})
	t.Run("expired", func(t *testing.T) {
		s.SetStatus(sim.Expired)
		defer s.SetStatus(sim.Active)
		src := NewXtream(s.URL(), "alice", simPass, Options{}).(*Xtream)
		info, err := src.Client().AccountInfo(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if got := src.Client().Account(info).Status; got != "Expired" {
			t.Errorf("status %q", got)
		}
	})
}

func TestSimulatorCachedCopyOutlivesThePanel(t *testing.T) {
	s := startSim(t, sim.Config{Channels: 50})
	c := cache.New(filepath.Join(t.TempDir(), "tuner"))
	src := NewXtream(s.URL(), "alice", simPass, Options{})
	first := (&cache.Loader{Cache: c}).Refresh(context.Background(), src, nil)
	if first.Err != nil || first.Playlist.Channels.Len() != 50 {
		t.Fatalf("first load: %+v", first)
	}
	s.Close()

	var results []cache.Result
	(&cache.Loader{Cache: c}).Load(context.Background(), src, nil, func(r cache.Result) { results = append(results, r) })
	if len(results) != 2 || !results[0].Cached || results[0].Playlist.Channels.Len() != 50 {
		t.Fatalf("results %+v", results)
	}
	last := results[1]
	if playlist.ProblemOf(last.Err) != playlist.Unreachable || !last.Cached || last.Playlist.Channels.Len() != 50 {
		t.Errorf("refresh against a closed panel: %+v", last)
	}
	if strings.Contains(last.Err.Error(), simPass) {
		t.Errorf("error %q shows the password", last.Err)
	}
}
