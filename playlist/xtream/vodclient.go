package xtream

import (
	"context"
	"errors"
	"net/url"

	"github.com/tuner-iptv/tuner/playlist"
)

// MovieURL is BASE/movie/USER/***/ID.EXT: a movie's file with
// playlist.Masked where the panel wants the password, which the account puts
// back only as the request leaves. base is normalised as the Client's is; an
// empty ext is mp4.
func MovieURL(base, user, id, ext string) string { return fileURL(base, "/movie/", user, id, ext) }

// EpisodeURL is BASE/series/USER/***/ID.EXT, an episode's file, built as
// MovieURL builds a movie's.
func EpisodeURL(base, user, id, ext string) string { return fileURL(base, "/series/", user, id, ext) }

func fileURL(base, kind, user, id, ext string) string {
	if ext = cleanExt(ext); ext == "" {
		ext = "mp4"
	}
	return NormalizeBase(base) + kind + url.PathEscape(user) + "/" + playlist.Masked + "/" + url.PathEscape(id) + "." + ext
}

// VODCategories lists the movie categories.
func (c *Client) VODCategories(ctx context.Context) ([]Category, error) {
	return c.categories(ctx, "get_vod_categories")
}

// SeriesCategories lists the series categories.
func (c *Client) SeriesCategories(ctx context.Context) ([]Category, error) {
	return c.categories(ctx, "get_series_categories")
}

func (c *Client) categories(ctx context.Context, action string) ([]Category, error) {
	data, err := c.call(ctx, action, nil, nil)
	if err != nil {
		return nil, err
	}
	cats, err := DecodeCategories(data)
	if err != nil {
		return nil, c.vodError(action, err)
	}
	return cats, nil
}

// Movies lists the movies, all of them when categoryID is ""; progress may
// be nil.
func (c *Client) Movies(ctx context.Context, categoryID string, progress playlist.Progress) ([]playlist.Movie, error) {
	data, err := c.call(ctx, "get_vod_streams", categoryQuery(categoryID), progress)
	if err != nil {
		return nil, err
	}
	movies, err := DecodeVODStreams(data)
	if err != nil {
		return nil, c.vodError("get_vod_streams", err)
	}
	src := c.Name()
	for i := range movies {
		movies[i].Source = src
	}
	return movies, nil
}

// Movie fetches one movie with its details (plot, cast, director).
func (c *Client) Movie(ctx context.Context, id string) (playlist.Movie, error) {
	data, err := c.call(ctx, "get_vod_info", url.Values{"vod_id": {id}}, nil)
	if err != nil {
		return playlist.Movie{}, err
	}
	m, err := DecodeVODInfo(data)
	if err != nil {
		return playlist.Movie{}, c.vodError("get_vod_info", err)
	}
	if m.ID == "" {
		m.ID = id
	}
	m.Source = c.Name()
	return m, nil
}

// Series lists the series, all of them when categoryID is ""; progress may
// be nil.
func (c *Client) Series(ctx context.Context, categoryID string, progress playlist.Progress) ([]playlist.Series, error) {
	data, err := c.call(ctx, "get_series", categoryQuery(categoryID), progress)
	if err != nil {
		return nil, err
	}
	list, err := DecodeSeries(data)
	if err != nil {
		return nil, c.vodError("get_series", err)
	}
	src := c.Name()
	for i := range list {
		list[i].Source = src
	}
	return list, nil
}

// SeriesInfo fetches a series' details with its seasons and episodes.
func (c *Client) SeriesInfo(ctx context.Context, id string) (playlist.Series, []playlist.Season, error) {
	data, err := c.call(ctx, "get_series_info", url.Values{"series_id": {id}}, nil)
	if err != nil {
		return playlist.Series{}, nil, err
	}
	s, seasons, err := DecodeSeriesInfo(data, id)
	if err != nil {
		return playlist.Series{}, nil, c.vodError("get_series_info", err)
	}
	s.Source = c.Name()
	return s, seasons, nil
}

func categoryQuery(id string) url.Values {
	if id == "" {
		return nil
	}
	return url.Values{"category_id": {id}}
}

// vodError phrases a decoding failure; a title the panel no longer lists is
// NotFound, so a screen can say so instead of blaming the panel.
func (c *Client) vodError(action string, err error) error {
	if errors.Is(err, errNoTitle) {
		return c.fail(playlist.NotFound, 0, "the provider no longer has this title", err)
	}
	return c.decodeError(action, err)
}
