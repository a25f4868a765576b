package playlist

import "testing"

func TestMaskURL(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"xtream live path", "http://h:8080/live/alice/s3cret/123.ts", "http://h:8080/live/alice/***/123.ts"},
		{"xtream movie path", "http://h/movie/alice/s3cret/9.mkv", "http://h/movie/alice/***/9.mkv"},
		{"get.php query", "http://h/get.php?username=alice&password=s3cret&type=m3u_plus", "http://h/get.php?username=alice&password=***&type=m3u_plus"},
		{"player_api query first", "http://h/player_api.php?password=s3cret&username=a", "http://h/player_api.php?password=***&username=a"},
		{"userinfo", "https://alice:s3cret@h/list.m3u", "https://alice:***@h/list.m3u"},
		{"inside text", `Get "http://alice:pw@h/x": EOF`, `Get "http://alice:***@h/x": EOF`},
		{"no secret", "http://h/list.m3u", "http://h/list.m3u"},
		{"empty", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := MaskURL(tt.in); got != tt.want {
				t.Errorf("MaskURL(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestMaskSecret(t *testing.T) {
	got := MaskSecret("pw is p@ss word, escaped p%40ss+word", "p@ss word")
	if got != "pw is ***, escaped ***" {
		t.Errorf("got %q", got)
	}
}
