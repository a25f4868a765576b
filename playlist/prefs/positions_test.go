package prefs

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tuner-iptv/tuner/playlist"
)

func movie(id string) playlist.Channel {
	return playlist.Channel{Name: "Film " + id, Source: "alice@panel.example:8080",
		URL:   "http://panel.example:8080/movie/alice/" + playlist.Placeholder + "/" + id + ".mp4",
		Extra: &playlist.Extra{Kind: playlist.KindMovie, StreamID: id}}
}

func TestPositionsRoundTripAndWatched(t *testing.T) {
	dir := t.TempDir()
	p := OpenPositions(dir)
	ch := movie("7")
	if _, _, w := p.Position(ch); w {
		t.Fatal("an unseen film is watched")
	}
	if err := p.SetPosition(ch, 62*time.Minute+13*time.Second, 2*time.Hour); err != nil {
		t.Fatal(err)
	}
	again := OpenPositions(dir)
	pos, length, watched := again.Position(ch)
	if pos != 62*time.Minute+13*time.Second || length != 2*time.Hour || watched {
		t.Fatalf("read back %s of %s watched=%v", pos, length, watched)
	}
	if err := again.SetPosition(ch, 108*time.Minute, 2*time.Hour); err != nil {
		t.Fatal(err)
	}
	if _, _, watched := OpenPositions(dir).Position(ch); !watched {
		t.Fatal("90 % of the length is not watched")
	}
	// A demo's random port must not lose the position: the source key drops it.
	moved := ch
	moved.Source = "alice@panel.example:9090"
	if pos, _, _ := again.Position(moved); pos != 108*time.Minute {
		t.Fatalf("after a port change the position is %s", pos)
	}
}

func TestPositionsKeepNoPassword(t *testing.T) {
	dir := t.TempDir()
	p := OpenPositions(dir)
	// An M3U entry has no stream id, and its URL may still carry the password.
	ch := playlist.Channel{Name: "Film", Source: "list.m3u",
		URL: "http://panel.example/movie/alice/s3cretPW/9.mkv"}
	if err := p.SetPosition(ch, time.Minute, time.Hour); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join(dir, PositionsFile))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(b), "s3cretPW") {
		t.Fatalf("the positions file holds the password: %s", b)
	}
	if pos, _, _ := OpenPositions(dir).Position(ch); pos != time.Minute {
		t.Fatalf("an entry without stream id is not found again: %s", pos)
	}
	if fi, _ := os.Stat(filepath.Join(dir, PositionsFile)); fi.Mode().Perm() != 0o600 {
		t.Fatalf("mode %v", fi.Mode().Perm())
	}
}

func TestPositionsTwoTunersKeepBoth(t *testing.T) {
	dir := t.TempDir()
	a, b := OpenPositions(dir), OpenPositions(dir)
	if err := a.SetPosition(movie("1"), time.Minute, time.Hour); err != nil {
		t.Fatal(err)
	}
	if err := b.SetPosition(movie("2"), 2*time.Minute, time.Hour); err != nil {
		t.Fatal(err)
	}
	c := OpenPositions(dir)
	if p1, _, _ := c.Position(movie("1")); p1 != time.Minute {
		t.Fatalf("the first tuner's position was lost: %s", p1)
	}
	if p2, _, _ := c.Position(movie("2")); p2 != 2*time.Minute {
		t.Fatalf("the second tuner's position was lost: %s", p2)
	}
	if p1, _, _ := b.Position(movie("1")); p1 != time.Minute {
		t.Fatal("a write does not merge what the other tuner wrote")
	}
}

func TestPositionsKindsDoNotCollide(t *testing.T) {
	p := MemoryPositions()
	m := movie("5")
	e := m
	e.Extra = &playlist.Extra{Kind: playlist.KindEpisode, StreamID: "5"}
	p.SetPosition(m, time.Minute, time.Hour)
	if pos, _, _ := p.Position(e); pos != 0 {
		t.Fatalf("episode 5 took movie 5's position %s", pos)
	}
}

func TestPositionsAreBounded(t *testing.T) {
	p := MemoryPositions()
	clock := time.Unix(1_700_000_000, 0)
	p.now = func() time.Time { return clock }
	for i := range MaxPositions + 10 {
		clock = clock.Add(time.Second)
		p.SetPosition(movie(fmt.Sprint(i)), time.Minute, time.Hour)
	}
	if len(p.data) != MaxPositions {
		t.Fatalf("%d positions kept", len(p.data))
	}
	if pos, _, _ := p.Position(movie("0")); pos != 0 {
		t.Fatal("the oldest position was kept")
	}
	if pos, _, _ := p.Position(movie(fmt.Sprint(MaxPositions + 9))); pos != time.Minute {
		t.Fatal("the newest position was dropped")
	}
}

func TestPositionsDamagedFileIsReplaced(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, PositionsFile), []byte("{not json"), 0o600)
	p := OpenPositions(dir)
	if err := p.SetPosition(movie("3"), time.Minute, time.Hour); err != nil {
		t.Fatal(err)
	}
	if pos, _, _ := OpenPositions(dir).Position(movie("3")); pos != time.Minute {
		t.Fatalf("read back %s", pos)
	}
}

// BenchmarkSetPositionFull is one stop recorded into a full file: read,
// merge, trim and write 5000 titles under the lock.
func BenchmarkSetPositionFull(b *testing.B) {
	dir := b.TempDir()
	p := OpenPositions(dir)
	clock := time.Unix(1_700_000_000, 0)
	p.now = func() time.Time { clock = clock.Add(time.Second); return clock }
	for i := range MaxPositions {
		p.data[PositionKey(movie(fmt.Sprint(i)))] = position{Pos: 60_000, Length: 3_600_000, At: int64(i)}
	}
	if err := p.save(p.data); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := range b.N {
		if err := p.SetPosition(movie(fmt.Sprint(MaxPositions+i)), time.Minute, time.Hour); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	if fi, err := os.Stat(filepath.Join(dir, PositionsFile)); err == nil {
		b.ReportMetric(float64(fi.Size()), "file-bytes")
	}
}
