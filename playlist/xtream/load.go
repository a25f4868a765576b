package xtream

import (
	"context"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/tuner-iptv/tuner/playlist"
)

// Load reads the account, its live categories and live streams and builds a
// playlist. Channel URLs and the guide URL hold playlist.Placeholder for the
// password; Credentials().RequestURL puts it back where a request leaves.
func (c *Client) Load(ctx context.Context, progress playlist.Progress) (*playlist.Playlist, error) {
	info, err := c.AccountInfo(ctx)
	if err != nil {
		return nil, err
	}
	cats, err := c.LiveCategories(ctx)
	if err != nil {
		return nil, err
	}
	streams, err := c.liveStreams(ctx, "", progress)
	if err != nil {
		return nil, err
	}
	acct := c.Account(info)
	p := &playlist.Playlist{
		Source:   c.Name(),
		Header:   playlist.Attributes{GuideURLs: []string{c.GuideURL()}},
		Channels: c.channels(streams, cats, c.extension(acct)),
		Account:  acct,
		LoadedAt: time.Now(),
	}
	p.Groups = playlist.BuildGroups(p.Channels)
	return p, nil
}

// extension picks the container: the one asked for, else ts unless the
// account allows only m3u8.
func (c *Client) extension(a *playlist.Account) string {
	if c.Output != "" {
		return c.Output
	}
	if len(a.AllowedFormats) > 0 && !slices.Contains(a.AllowedFormats, "ts") && slices.Contains(a.AllowedFormats, "m3u8") {
		return "m3u8"
	}
	return "ts"
}

func (c *Client) channels(streams []Stream, cats []Category, ext string) []playlist.Channel {
	names := make(map[Str]string, len(cats))
	for _, cat := range cats {
		names[cat.ID] = string(cat.Name)
	}
	src := c.Name()
	prefix := c.StreamURL("", "")
	prefix = prefix[:len(prefix)-len(".ts")] // BASE/live/USER/***/, built once
	chs := make([]playlist.Channel, 0, len(streams))
	extras := make([]playlist.Extra, len(streams)) // one allocation for all
	for i := range streams {
		s := &streams[i]
		if s.StreamID == "" {
			continue
		}
		ex := &extras[i]
		ex.StreamID = string(s.StreamID)
		if s.TVArchive {
			ex.Catchup = "xc"
			if s.TVArchiveDuration > 0 {
				ex.CatchupDays = itoa(int64(s.TVArchiveDuration))
			}
		}
		ch := playlist.Channel{
			Name:    string(s.Name),
			URL:     prefix + url.PathEscape(string(s.StreamID)) + "." + ext,
			Group:   names[s.CategoryID],
			TvgID:   string(s.EPGChannelID),
			TvgName: string(s.Name),
			Logo:    string(s.StreamIcon),
			Source:  src,
			Extra:   ex,
		}
		if s.Num > 0 {
			ch.Chno = itoa(int64(s.Num))
		}
		chs = append(chs, ch)
	}
	return chs
}

// ParseGetURL recognises an Xtream account in a playlist URL:
// BASE/get.php?username=U&password=P&type=m3u_plus (or player_api.php with
// the same query). base keeps any path prefix before the script name.
func ParseGetURL(raw string) (base, user, pass string, ok bool) {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return "", "", "", false
	}
	dir, script := splitScript(u.Path)
	if script != "get.php" && script != "player_api.php" {
		return "", "", "", false
	}
	q := u.Query()
	user, pass = q.Get("username"), q.Get("password")
	if user == "" || pass == "" {
		return "", "", "", false
	}
	return u.Scheme + "://" + u.Host + dir, user, pass, true
}

func splitScript(p string) (dir, script string) {
	i := strings.LastIndex(p, "/")
	if i < 0 {
		return "", strings.ToLower(p)
	}
	return strings.TrimRight(p[:i], "/"), strings.ToLower(p[i+1:])
}
