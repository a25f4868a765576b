package sim

import (
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
	fmt.Fprintf(w, "  channels     %d\n\n", s.ChannelCount())
	fmt.Fprintf(w, "Try:\n")
	fmt.Fprintf(w, "  tuner --xtream %s --username %s\n", url, user)
	fmt.Fprintf(w, "  tuner --playlist '%s/get.php?username=%s&password=%s&type=m3u_plus&output=ts'\n", url, user, pass)
	fmt.Fprintf(w, "  mpv %s/live/%s/%s/1.ts\n", url, user, pass)
	fmt.Fprintf(w, "  mpv %s/live/%s/%s/1.m3u8\n\n", url, user, pass)
	fmt.Fprintf(w, "Open a second stream while one plays to see the provider refuse it.\n")
}
