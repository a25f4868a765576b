package xtream

import (
	"context"
	"errors"
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
	acct := c.Account(info)
	chs, err := c.liveChannels(ctx, cats, c.extension(acct), progress)
	if err != nil {
		return nil, err
	}
	p := &playlist.Playlist{
		Source:   c.Name(),
		Header:   playlist.Attributes{GuideURLs: []string{c.GuideURL()}},
		Channels: playlist.List(chs),
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

// liveChannels reads get_live_streams into channels as the answer arrives:
// the answer of a big panel is a hundred megabytes, and never held whole.
func (c *Client) liveChannels(ctx context.Context, cats []Category, ext string, progress playlist.Progress) ([]playlist.Channel, error) {
	rc := c.client()
	if progress != nil {
		rc = rc.WithProgress(progress)
	}
	resp, err := rc.Fetch(ctx, c.apiURL("get_live_streams", nil))
	if err != nil {
		return nil, c.httpError(err)
	}
	defer resp.Body.Close()
	b := c.newBuilder(cats, ext)
	if err := decodeChannels(resp.Body, b); err != nil {
		if errors.Is(err, errRejected) || errors.Is(err, errNotAPI) {
			return nil, c.decodeError("get_live_streams", err)
		}
		return nil, c.httpError(err)
	}
	return b.finish(), nil
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
