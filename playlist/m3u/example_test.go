package m3u_test

import (
	"fmt"
	"os"
	"strings"

	"github.com/tuner-iptv/tuner/playlist"
	"github.com/tuner-iptv/tuner/playlist/m3u"
)

func ExampleParse() {
	const list = `#EXTM3U url-tvg="http://epg.example/guide.xml"
#EXTINF:-1 tvg-id="bbc1.uk" tvg-name="BBC One, HD" group-title="UK | News;UK",BBC One HD
#EXTVLCOPT:http-user-agent=VLC/3.0
http://line.example:8080/live/user/pass/101.ts|Referer=http%3A%2F%2Fportal.example%2F
`
	pl, err := m3u.Parse(strings.NewReader(list), "example", nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	c := *pl.Channels.At(0)
	fmt.Println(c.Name, "|", c.TvgName, "|", playlist.MaskURL(c.URL)) // URLs are masked wherever they are shown
	fmt.Println(c.Groups(), c.Headers(), pl.Header.GuideURLs)

	_, err = m3u.Parse(strings.NewReader("<!DOCTYPE html><html>"), "example", nil)
	fmt.Println(err)
	// Output:
	// BBC One HD | BBC One, HD | http://line.example:8080/live/user/***/101.ts
	// [UK | News UK] [{User-Agent VLC/3.0} {Referer http://portal.example/}] [http://epg.example/guide.xml]
	// example: not an M3U playlist (starts with "<!DOCTYPE html")
}

func ExampleWrite() {
	pl, err := m3u.Parse(strings.NewReader("#EXTINF:-1 group-title=\"Kids\",Toons\nhttp://h/toons.m3u8|User-Agent=App%2F1\n"), "example", nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	if err := m3u.Write(os.Stdout, pl); err != nil {
		fmt.Println(err)
	}
	// Output:
	// #EXTM3U
	// #EXTINF:-1 group-title="Kids",Toons
	// #EXTVLCOPT:http-user-agent=App/1
	// http://h/toons.m3u8
}
