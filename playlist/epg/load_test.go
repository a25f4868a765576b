package epg

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"net/url"
	"slices"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/tuner-iptv/tuner/playlist"
)

func gz(s string) string {
	var b bytes.Buffer
	w := gzip.NewWriter(&b)
	w.Write([]byte(s))
	w.Close()
	return b.String()
}

func fakeFetch(docs map[string]string) Fetcher {
	return func(ctx context.Context, u string) (io.ReadCloser, error) {
		doc, ok := docs[u]
		if !ok {
			return nil, &url.Error{Op: "Get", URL: u, Err: errors.New("connection refused")}
		}
		return io.NopCloser(strings.NewReader(doc)), nil
	}
}

func TestLoadURLsMerges(t *testing.T) {
	docs := map[string]string{
		"http://a.test/uk.xml": `<tv><channel id="bbc1"><display-name>BBC One</display-name></channel>
<programme start="20261123100000" stop="20261123110000" channel="bbc1"><title>A</title></programme>
<programme start="20261123110000" stop="20261123120000" channel="bbc1"><title>B</title></programme></tv>`,
		"http://b.test/all.xml.gz": gz(`<tv><channel id="bbc1"><display-name>BBC 1</display-name></channel>
<channel id="cnn"><display-name>CNN</display-name></channel>
<programme start="20261123110000" stop="20261123120000" channel="bbc1"><title>B again</title></programme>
<programme start="20261123120000" stop="20261123130000" channel="bbc1"><title>C</title></programme>
<programme start="20261123120000" stop="20261123130000" channel="cnn"><title>News</title></programme></tv>`),
	}
	urls := []string{" http://a.test/uk.xml", "http://b.test/all.xml.gz", "http://a.test/uk.xml", ""}
	g, err := LoadURLs(context.Background(), urls, fakeFetch(docs))
	if err != nil {
		t.Fatal(err)
	}
	k := mustKey(t, g, "bbc1")
	ch, _ := g.ChannelOf(k)
	if !slices.Equal(ch.Names, []string{"BBC One", "BBC 1"}) {
		t.Errorf("names %q", ch.Names)
	}
	day := g.Schedule(k, utc("2026-11-23 00:00"), utc("2026-11-24 00:00"))
	if got := titles(day); !slices.Equal(got, []string{"A", "B", "C"}) {
		t.Errorf("titles %q", got)
	}
	if g.Stats.Duplicates != 1 || g.NumChannels() != 2 || len(g.Sources) != 2 {
		t.Errorf("stats %+v, sources %q", g.Stats, g.Sources)
	}
}

func TestLoadURLsFailures(t *testing.T) {
	docs := map[string]string{
		"http://ok.test/g.xml":   `<tv><programme start="20261123100000" channel="x"><title>A</title></programme></tv>`,
		"http://html.test/g.xml": `<html>login</html>`,
	}
	refused := &playlist.Error{Source: "http://p.test/xmltv.php?username=u&password=***", Problem: playlist.Refused, Detail: "refused with HTTP 401 Unauthorized"}
	fetch := func(ctx context.Context, u string) (io.ReadCloser, error) {
		if strings.HasPrefix(u, "http://p.test/") {
			return nil, refused
		}
		return fakeFetch(docs)(ctx, u)
	}
	urls := []string{
		"http://ok.test/g.xml",
		"http://html.test/g.xml",
		"http://p.test/xmltv.php?username=u&password=hunter2",
		"http://down.test/live/u/hunter2/g.xml",
	}
	g, err := LoadURLs(context.Background(), urls, fetch)
	if g == nil || g.Stats.Programmes != 1 {
		t.Fatalf("guide = %v, want the one good source", g)
	}
	var le *LoadError
	if !errors.As(err, &le) || len(le.Errs) != 3 || le.Tried != 4 {
		t.Fatalf("err = %v", err)
	}
	if !errors.Is(err, refused) {
		t.Error("fetcher's error not kept")
	}
	msg := err.Error()
	for _, e := range le.Errs {
		msg += "\n" + e.Error()
	}
	if strings.Contains(msg, "hunter2") || strings.Contains(msg, "\n"+"\n") {
		t.Errorf("error leaks a secret or is not one line each:\n%s", msg)
	}
	if !strings.HasPrefix(err.Error(), "3 of 4 guides failed, first http://html.test/g.xml: not an XMLTV guide") {
		t.Errorf("message %q", err)
	}

	g, err = LoadURLs(context.Background(), urls[3:], fetch)
	if g != nil || playlist.ProblemOf(err) != playlist.Unreachable {
		t.Errorf("all failed: %v, %v", g, err)
	}
	if _, err := LoadURLs(context.Background(), nil, fetch); playlist.ProblemOf(err) != playlist.Invalid {
		t.Errorf("no URLs: %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := LoadURLs(ctx, urls[:1], fetch); playlist.ProblemOf(err) != playlist.TimedOut {
		t.Errorf("cancelled: %v", err)
	}
}

type countingBody struct {
	io.Reader
	open *atomic.Int32
}

func (c countingBody) Close() error { c.open.Add(-1); return nil }

func TestLoadURLsManyInOrder(t *testing.T) {
	var open atomic.Int32
	var urls []string
	for i := range 30 {
		urls = append(urls, fmt.Sprintf("http://g%d.test/guide.xml", i))
	}
	fetch := func(ctx context.Context, u string) (io.ReadCloser, error) {
		var i int
		fmt.Sscanf(u, "http://g%d.test/", &i)
		if i%7 == 3 {
			return nil, errors.New("refused")
		}
		open.Add(1)
		doc := fmt.Sprintf(`<tv><channel id="c"><display-name>name %d</display-name></channel>
<programme start="202611231%d0000" channel="c"><title>%d</title></programme></tv>`, i, i%10, i)
		return countingBody{strings.NewReader(doc), &open}, nil
	}
	g, err := LoadURLs(context.Background(), urls, fetch)
	var le *LoadError
	if !errors.As(err, &le) || len(le.Errs) != 4 || len(g.Sources) != 26 {
		t.Fatalf("err %v, sources %d", err, len(g.Sources))
	}
	if open.Load() != 0 {
		t.Errorf("%d bodies left open", open.Load())
	}
	ch, _ := g.ChannelOf(mustKey(t, g, "c"))
	if ch.Names[0] != "name 0" || ch.Names[1] != "name 1" || ch.Names[2] != "name 2" || ch.Names[3] != "name 4" {
		t.Errorf("names not in URL order: %q", ch.Names)
	}
	// Same start in several guides: the first guide's programme wins.
	now, _ := g.NowNext(mustKey(t, g, "c"), utc("2026-11-23 10:30"))
	if title(now) != "0" {
		t.Errorf("now = %s, want the first guide's", title(now))
	}
}
