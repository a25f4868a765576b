package epg

import (
	"bytes"
	"context"
	"io"
)

// A playlist header can list a hundred guide URLs. Fetching them one after
// another would spend most of the time waiting on the network, so a few are
// fetched ahead, each buffered up to a cap, while the parser (one builder,
// so one goroutine) works through them in order. Guides larger than the cap
// stream the rest of their body when their turn comes.
const (
	prefetchers = 4
	prefetchCap = 8 << 20
)

// body is a fetched guide waiting to be parsed.
type body struct {
	r   io.Reader
	c   io.Closer // nil when the body was read whole
	err error
}

func (b body) Close() {
	if b.c != nil {
		b.c.Close()
	}
}

// prefetch fetches urls with at most prefetchers bodies open or buffered at
// once. The caller must receive from every channel, in order, and call done
// after each, which lets the next fetch start.
func prefetch(ctx context.Context, urls, names []string, fetch Fetcher) (out []chan body, done func()) {
	out = make([]chan body, len(urls))
	for i := range out {
		out[i] = make(chan body, 1)
	}
	slots := make(chan struct{}, prefetchers)
	go func() {
		for i, u := range urls {
			slots <- struct{}{}
			go func() { out[i] <- fetchBody(ctx, u, names[i], fetch) }()
		}
	}()
	return out, func() { <-slots }
}

func fetchBody(ctx context.Context, u, name string, fetch Fetcher) body {
	if err := ctx.Err(); err != nil {
		return body{err: readError(name, err)}
	}
	rc, err := fetch(ctx, u)
	if err != nil {
		return body{err: asSourceError(err, name)}
	}
	var buf bytes.Buffer
	_, err = io.CopyN(&buf, rc, prefetchCap)
	switch err {
	case io.EOF:
		rc.Close()
		return body{r: &buf}
	case nil:
		return body{r: io.MultiReader(&buf, rc), c: rc}
	}
	rc.Close()
	if ctx.Err() != nil {
		return body{err: readError(name, ctx.Err())}
	}
	return body{err: asSourceError(err, name)}
}
