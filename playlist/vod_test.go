package playlist

import (
	"testing"
	"unsafe"
)

func TestKindOfURL(t *testing.T) {
	tests := []struct {
		url  string
		want Kind
	}{
		{"http://p.example:8080/movie/alice/secret/1234.mkv", KindMovie},
		{"http://p.example:8080/movie/alice/secret/1234.mp4?token=abc", KindMovie},
		{"https://p.example/MOVIE/alice/secret/77.avi#t=10", KindMovie},
		{"http://p.example/panel/movie/alice/secret/5.mkv", KindMovie},
		{"http://p.example/movie/alice/secret/5", KindMovie},
		{"http://p.example:80/series/alice/secret/9001.mkv", KindEpisode},
		{"http://p.example/series/alice/***/9001.mp4?x=/movie/a/b/1.mkv", KindEpisode},
		{"http://p.example:8080/live/alice/secret/42.ts", KindLive},
		{"http://p.example:8080/live/alice/secret/42.m3u8", KindLive},
		{"http://p.example:8080/alice/secret/42", KindLive},
		{"http://p.example:8080/timeshift/alice/secret/60/2024-01-01:10-00/42.ts", KindLive},
		{"http://p.example:8080/get.php?username=alice&password=secret&type=m3u_plus", KindLive},
		{"http://p.example/live/a/b/1.ts?u=/movie/alice/secret/1.mkv", KindLive},
		{"http://cdn.example/movie/trailers/2024/trailer.mp4", KindLive},
		{"http://p.example/movie/alice//1.mkv", KindLive},
		{"http://p.example/movie/alice/secret/", KindLive},
		{"http://p.example/movie/1.mkv", KindLive},
		{"/movie/alice/secret/1.mkv", KindLive},
		{"rtp://239.0.0.1:5000", KindLive},
		{"", KindLive},
	}
	for _, tt := range tests {
		if got := KindOfURL(tt.url); got != tt.want {
			t.Errorf("KindOfURL(%q) = %v, want %v", tt.url, got, tt.want)
		}
	}
}

func TestKindOfURLAllocatesNothing(t *testing.T) {
	url := "http://p.example:8080/movie/alice/secret/1234.mkv?token=abc"
	if n := testing.AllocsPerRun(100, func() { KindOfURL(url) }); n != 0 {
		t.Fatalf("%v allocations per call", n)
	}
}

func TestKindNames(t *testing.T) {
	for k := KindLive; k <= KindRecording; k++ {
		got, ok := ParseKind(k.String())
		if !ok || got != k {
			t.Errorf("ParseKind(%q) = %v, %v", k.String(), got, ok)
		}
	}
	if _, ok := ParseKind("all"); ok {
		t.Error(`ParseKind("all") is a kind`)
	}
	if Kind(200).String() != "unknown" {
		t.Error("an unknown kind has a name")
	}
}

// The catalogue may hold a hundred thousand movies; their headers stay
// within what a get_vod_streams element costs in JSON (about 400 bytes).
func TestCatalogueTypesStayCompact(t *testing.T) {
	for name, size := range map[string]uintptr{
		"Movie":   unsafe.Sizeof(Movie{}),
		"Series":  unsafe.Sizeof(Series{}),
		"Episode": unsafe.Sizeof(Episode{}),
	} {
		if size > 256 {
			t.Errorf("%s is %d bytes", name, size)
		}
	}
}
