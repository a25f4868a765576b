package sim

import (
	"cmp"
	"context"
	"fmt"
	"io"
)

// PrintAccount tells a person how to use a running server: its URL, the demo
// account (whose password is no secret) and commands to try.
func PrintAccount(w io.Writer, s *Server) {
	s.mu.Lock()
	url, user, pass := s.url, s.cfg.Username, s.cfg.Password
	limit, over := s.cfg.MaxConnections, s.cfg.OverLimit
	s.mu.Unlock()
	fmt.Fprintf(w, "Simulated IPTV provider at %s\n\n", url)
	fmt.Fprintf(w, "  username     %s\n  password     %s\n", user, pass)
	fmt.Fprintf(w, "  connections  %d allowed; beyond that: %s\n", limit, over)
	fmt.Fprintf(w, "  channels     %d\n", s.ChannelCount())
	fmt.Fprintf(w, "  movies       %d\n  series       %d\n\n", s.MovieCount(), s.SeriesCount())
	fmt.Fprintf(w, "Try:\n")
	fmt.Fprintf(w, "  TUNER_PASSWORD=%s tuner --xtream %s --username %s\n", pass, url, user)
	fmt.Fprintf(w, "  TUNER_PASSWORD=%s tuner check --xtream %s --username %s\n", pass, url, user)
	fmt.Fprintf(w, "  tuner --playlist '%s/get.php?username=%s&password=%s&type=m3u_plus&output=ts'\n", url, user, pass)
	fmt.Fprintf(w, "  mpv %s/live/%s/%s/1.ts\n", url, user, pass)
	fmt.Fprintf(w, "  mpv %s/live/%s/%s/1.m3u8\n", url, user, pass)
	m, _ := s.Movie(0)
	fmt.Fprintf(w, "  mpv %s/movie/%s/%s/%d.%s\n\n", url, user, pass, m.ID, cmp.Or(m.Container, "mp4"))
	if over == KickOldest {
		fmt.Fprintf(w, "Open a second stream while one plays: the provider cuts the first.\n")
	} else {
		fmt.Fprintf(w, "Open a second stream while one plays to see the provider refuse it.\n")
	}
}

// Serve runs a server for cfg on addr, prints how to use it to w, and serves
// until ctx ends. It is `tuner demo --serve` without the command line.
func Serve(ctx context.Context, cfg Config, addr string, w io.Writer) error {
	s := New(cfg)
	if err := s.Start(addr); err != nil {
		return err
	}
	defer s.Close()
	PrintAccount(w, s)
	<-ctx.Done()
	return nil
}
