package lease

// What names what holds the slot as people read it: the channel for live
// TV, else the kind and the title, "movie Film (2020)" or "episode Show
// S02E03", so a slot held by a film is not mistaken for a channel; a
// recording says its channel and when it ends, "recording News until 21:05".
func (l Lease) What() string {
	if l.Kind == "" || l.Kind == "live" {
		return l.Channel
	}
	if l.Kind == "recording" {
		// The channel is what a person looks for; the time says when the
		// slot comes free.
		s := "recording " + l.Channel
		if !l.Until.IsZero() {
			s += " until " + l.Until.Local().Format("15:04")
		}
		return s
	}
	title := l.Title
	if title == "" {
		title = l.Channel
	}
	return l.Kind + " " + title
}
