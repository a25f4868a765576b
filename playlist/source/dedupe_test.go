package source

import (
	"testing"

	"github.com/tuner-iptv/tuner/playlist"
)

func TestDedupeKeepsOneSourcePerAccount(t *testing.T) {
	flag := NewXtream("http://panel.example:8080", "alice", "pw", Options{})
	named := NewXtream("panel.example:8080/", "alice", "pw", Options{Name: "home"})
	getURL, err := Parse("http://PANEL.example:8080/get.php?username=alice&password=pw&type=m3u_plus", Options{})
	if err != nil {
		t.Fatal(err)
	}
	other := NewXtream("http://panel.example:8080", "bob", "pw", Options{})
	otherPort := NewXtream("http://panel.example:8081", "alice", "pw", Options{})
	defaultPort := NewXtream("http://panel.example", "alice", "pw", Options{})
	port80 := NewXtream("http://panel.example:80", "alice", "pw", Options{Name: "eighty"})
	file := NewURL("http://lists.example/a.m3u", Options{}.HTTP)

	tests := []struct {
		name string
		in   []playlist.Source
		want []string // names kept, in order
	}{
		{"flag then config: one source with the config's name", []playlist.Source{flag, named}, []string{"home"}},
		{"config then flag", []playlist.Source{named, flag}, []string{"home"}},
		{"get.php URL is the same account", []playlist.Source{getURL, file, named}, []string{"home", "lists.example/a.m3u"}},
		{"another user is another account", []playlist.Source{flag, other}, []string{flag.Name(), other.Name()}},
		{"another port is another account", []playlist.Source{flag, otherPort}, []string{flag.Name(), otherPort.Name()}},
		{"the default port is port 80", []playlist.Source{defaultPort, port80}, []string{"eighty"}},
		{"plain playlists pass unchanged", []playlist.Source{file, file}, []string{"lists.example/a.m3u", "lists.example/a.m3u"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Dedupe(tt.in)
			var names []string
			for _, s := range got {
				names = append(names, s.Name())
			}
			if len(names) != len(tt.want) {
				t.Fatalf("kept %q, want %q", names, tt.want)
			}
			for i := range names {
				if names[i] != tt.want[i] {
					t.Fatalf("kept %q, want %q", names, tt.want)
				}
			}
		})
	}
}
