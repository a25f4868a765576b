package playlist

import (
	"fmt"
	"strings"
	"testing"
)

func TestCredentialsStripAndRequestURL(t *testing.T) {
	c := Credentials{Host: "panel.example:8080", Username: "alice", Password: "p@ss/1"}
	tests := []struct{ name, sent, kept string }{
		{"live path", "http://panel.example:8080/live/alice/p@ss%2F1/101.ts", "http://panel.example:8080/live/alice/***/101.ts"},
		{"movie path", "http://panel.example:8080/movie/alice/p@ss%2F1/7.mkv", "http://panel.example:8080/movie/alice/***/7.mkv"},
		{"short path", "http://panel.example:8080/alice/p@ss%2F1/101", "http://panel.example:8080/alice/***/101"},
		{"timeshift", "http://panel.example:8080/timeshift/alice/p@ss%2F1/60/2024-01-01:10-00/5.ts", "http://panel.example:8080/timeshift/alice/***/60/2024-01-01:10-00/5.ts"},
		{"query", "http://panel.example:8080/xmltv.php?username=alice&password=p%40ss%2F1", "http://panel.example:8080/xmltv.php?username=alice&password=***"},
		{"userinfo", "http://alice:p%40ss%2F1@panel.example:8080/list.m3u", "http://alice:***@panel.example:8080/list.m3u"},
		{"fragment kept", "http://panel.example:8080/live/alice/p@ss%2F1/1.ts#x", "http://panel.example:8080/live/alice/***/1.ts#x"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := c.Strip(tt.sent); got != tt.kept {
				t.Errorf("Strip\n got %s\nwant %s", got, tt.kept)
			}
			if got := c.Stripper()(tt.sent); got != tt.kept {
				t.Errorf("Stripper\n got %s\nwant %s", got, tt.kept)
			}
			if got := c.RequestURL(tt.kept); got != tt.sent {
				t.Errorf("RequestURL\n got %s\nwant %s", got, tt.sent)
			}
		})
	}
}

// A password only counts where the account's password goes: after its
// username, or beside username= in the query.
func TestCredentialsLeaveOtherPlacesAlone(t *testing.T) {
	c := Credentials{Username: "alice", Password: "1"}
	for _, raw := range []string{
		"http://h/live/bob/1/1.ts",                   // another user's path
		"http://h/1/1/1.ts",                          // the password's value elsewhere
		"http://h/xmltv.php?username=bob&password=1", // another user's query
		"http://h/live/bob/***/1.ts",
		"rtmp-no-scheme-separator",
	} {
		if got := c.Strip(raw); got != raw {
			t.Errorf("Strip(%s) = %s", raw, got)
		}
		if got := c.Stripper()(raw); got != raw {
			t.Errorf("Stripper(%s) = %s", raw, got)
		}
		if got := c.RequestURL(raw); got != raw {
			t.Errorf("RequestURL(%s) = %s", raw, got)
		}
	}
	if got := (Credentials{}).RequestURL("http://h/live/alice/***/1.ts"); got != "http://h/live/alice/***/1.ts" {
		t.Errorf("no credentials: %s", got)
	}
}

func TestCredentialsNeverPrintThePassword(t *testing.T) {
	c := Credentials{Host: "h:1", Username: "alice", Password: "hunter22"}
	for _, s := range []string{fmt.Sprint(c), fmt.Sprintf("%v %+v %#v %s", c, c, c, c), c.LogValue().String()} {
		if strings.Contains(s, "hunter22") {
			t.Errorf("printed %q", s)
		}
	}
}

func TestCredentialsOwns(t *testing.T) {
	c := Credentials{Host: "panel.example:8080", Username: "alice", Password: "x"}
	if !c.Owns("http://panel.example:8080/xmltv.php") || c.Owns("http://panel.example:8081/xmltv.php") || c.Owns("http://other/") {
		t.Error("Owns matches on host and port")
	}
}

// A get.php playlist's every URL is stripped as it loads.
func BenchmarkCredentialsStrip(b *testing.B) {
	c := Credentials{Host: "panel.example:8080", Username: "alice", Password: "s3cret-pw"}
	raw := "http://panel.example:8080/live/alice/s3cret-pw/123456.ts"
	strip := c.Stripper()
	b.ReportAllocs()
	for b.Loop() {
		if strip(raw) == raw {
			b.Fatal("not stripped")
		}
	}
}

func BenchmarkCredentialsRequestURL(b *testing.B) {
	c := Credentials{Host: "panel.example:8080", Username: "alice", Password: "s3cret-pw"}
	raw := "http://panel.example:8080/live/alice/***/123456.ts"
	b.ReportAllocs()
	for b.Loop() {
		c.RequestURL(raw)
	}
}
