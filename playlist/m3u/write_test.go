package m3u

import (
	"bytes"
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/tuner-iptv/tuner/internal/m3ugen"
	"github.com/tuner-iptv/tuner/internal/testutil"
	"github.com/tuner-iptv/tuner/playlist"
)

// roundTrip writes pl and parses the result again.
func roundTrip(t *testing.T, pl *playlist.Playlist) *playlist.Playlist {
	t.Helper()
	var buf bytes.Buffer
	if err := Write(&buf, pl); err != nil {
		t.Fatal(err)
	}
	back, err := Parse(&buf, pl.Source, nil)
	if err != nil {
		t.Fatalf("reading back: %v", err)
	}
	return back
}

func samePlaylists(t *testing.T, got, want *playlist.Playlist) {
	t.Helper()
	if got.Channels.Len() != want.Channels.Len() {
		t.Fatalf("%d channels, want %d", got.Channels.Len(), want.Channels.Len())
	}
	for i := range want.Channels.Len() {
		if !reflect.DeepEqual(*got.Channels.At(i), *want.Channels.At(i)) {
			t.Errorf("channel %d\n got %s\nwant %s", i, show(*got.Channels.At(i)), show(*want.Channels.At(i)))
		}
	}
	if !reflect.DeepEqual(got.Header, want.Header) {
		t.Errorf("header %+v, want %+v", got.Header, want.Header)
	}
	if !reflect.DeepEqual(got.Groups, want.Groups) {
		t.Errorf("groups differ:\n got %v\nwant %v", got.Groups, want.Groups)
	}
}

func TestWriteRoundTripsParsedPlaylists(t *testing.T) {
	gen := t.TempDir() + "/gen.m3u"
	f, err := os.Create(gen)
	if err != nil {
		t.Fatal(err)
	}
	if err := m3ugen.Generate(f, 2000, 3); err != nil {
		t.Fatal(err)
	}
	f.Close()
	var cases strings.Builder
	for _, tc := range parseCases {
		cases.WriteString(tc.in + "\n")
	}
	for name, open := range map[string]func(t *testing.T) (*playlist.Playlist, error){
		"free-tv playlist": func(t *testing.T) (*playlist.Playlist, error) {
			return ParseFile(testutil.Corpus(t, freeTVName), "free-tv", nil)
		},
		"generated playlist": func(*testing.T) (*playlist.Playlist, error) { return ParseFile(gen, "gen", nil) },
		"every parse case": func(*testing.T) (*playlist.Playlist, error) {
			return Parse(strings.NewReader(cases.String()), "cases", nil)
		},
	} {
		t.Run(name, func(t *testing.T) {
			pl, err := open(t)
			if err != nil {
				t.Fatal(err)
			}
			samePlaylists(t, roundTrip(t, pl), pl)
		})
	}
}

func TestWriteAdjustsWhatM3UCannotCarry(t *testing.T) {
	in := &playlist.Playlist{
		Source: "x",
		Header: playlist.Attributes{GuideURLs: []string{"http://g/1.xml", "http://g/2.xml"}, TvgShift: "1"},
		Channels: playlist.List([]playlist.Channel{
			{Name: "Line\nbreak", URL: "http://h/a|b", Group: "G", TvgName: `Say "hi"`, Source: "x"},
			{Name: "Both", URL: "http://h/b", TvgID: `it's "x"`, Logo: `a'b"c`, Source: "x", Extra: &playlist.Extra{
				Groups:  []string{"A", "B"},
				Headers: []playlist.Header{{Name: "X-Token", Value: "a&b=c%d"}, {Name: "User-Agent", Value: "UA/1"}},
			}},
		}),
	}
	got := roundTrip(t, in)
	want := []playlist.Channel{
		{Name: "Line break", URL: "http://h/a%7Cb", Group: "G", TvgName: `Say "hi"`, Source: "x"},
		{Name: "Both", URL: "http://h/b", TvgID: `it's 'x'`, Logo: `a'b"c`, Group: "A", Source: "x", Extra: &playlist.Extra{
			Groups:  []string{"A", "B"},
			Headers: []playlist.Header{{Name: "X-Token", Value: "a&b=c%d"}, {Name: "User-Agent", Value: "UA/1"}},
		}},
	}
	samePlaylists(t, got, &playlist.Playlist{Header: in.Header, Channels: playlist.List(want), Groups: playlist.BuildGroups(playlist.List(want))})
}
