package m3u

import "github.com/tuner-iptv/tuner/playlist"

// sizing grows the channel slice from an estimate of the final count when the
// input size is known. Plain append growth would leave the old arrays as
// garbage and, at the last step, hold two to three times the channels' memory
// at once; a few hundred thousand channels are tens of megabytes. When the
// size is unknown, full slices are set aside and joined once at the end, which
// peaks at twice the channels' memory and leaves no garbage on the way.
type sizing struct {
	total   int64 // input size in bytes; -1 when unknown
	startAt int64 // bytes before the first entry (the header can be long)
	started bool
	lr      *lineReader
	full    [][]playlist.Channel // set-aside slices when the size is unknown
	nfull   int
}

func (s *sizing) first() {
	if !s.started {
		s.started = true
		s.startAt = s.lr.consumed()
	}
}

// grow returns chans with room for more channels: the projected total (plus a
// margin) when the input size is known, else the next step of append's usual
// growth.
func (s *sizing) grow(chans []playlist.Channel) []playlist.Channel {
	n := len(chans)
	if s.total <= 0 && n >= 4096 {
		s.full = append(s.full, chans)
		s.nfull += n
		return make([]playlist.Channel, 0, min(s.nfull, 64<<10))
	}
	want := max(64, n+n/4)
	if n < 1024 {
		want = max(64, 2*n)
	}
	// The projection waits for a fair sample of the input, and is capped at
	// one channel per 24 bytes (shorter entries are bare URLs, and only cost
	// another step), so a few short entries before a long comment cannot
	// make it allocate gigabytes.
	done := s.lr.consumed() - s.startAt
	rest := s.total - s.startAt
	if s.total > 0 && done > 0 && (done >= 1<<20 || done*64 >= rest) {
		est := float64(n) * float64(rest) / float64(done) * 1.06
		limit := float64(s.total/24 + 64)
		want = max(int(min(est, limit))+16, n+n/8+16)
	}
	out := make([]playlist.Channel, n, want)
	copy(out, chans)
	return out
}

// join returns every channel in one slice.
func (s *sizing) join(chans []playlist.Channel) []playlist.Channel {
	if len(s.full) == 0 {
		return chans
	}
	out := make([]playlist.Channel, 0, s.nfull+len(chans))
	for i, f := range s.full {
		out = append(out, f...)
		s.full[i] = nil
	}
	s.full = nil
	return append(out, chans...)
}
