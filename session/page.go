package session

import (
	"net/url"
	"strings"
)

// pageSites are sites whose channel URLs are web pages, not streams: a
// player that reads the page itself (mpv through yt-dlp) finds the stream,
// so the URL goes to it as it is. The gate asking for the page would only
// hand the player HTML.
var pageSites = []string{
	"youtube.com", "youtu.be", "youtube-nocookie.com", "twitch.tv", "dailymotion.com", "dai.ly",
	"vimeo.com", "facebook.com", "rumble.com", "kick.com", "ok.ru", "bilibili.com",
}

// pageSite is the site of a URL that is a known web page, "" otherwise.
func pageSite(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return ""
	}
	host := strings.ToLower(u.Hostname())
	for _, site := range pageSites {
		if host == site || strings.HasSuffix(host, "."+site) {
			return site
		}
	}
	return ""
}

// pageNote is what the screen says of a page played directly: tuner sees
// neither its connection nor its refusals, stalls and cuts.
func pageNote(site, player string) string {
	if site == "" {
		site = "this address"
	}
	return site + " is a web page: " + player + " opens it itself, so tuner cannot watch its connection"
}
