package lease

// What names what holds the slot as people read it: the channel for live
// TV, else the kind and the title, "movie Film (2020)" or "episode Show
// S02E03", so a slot held by a film is not mistaken for a channel.
func (l Lease) What() string {
	if l.Kind == "" || l.Kind == "live" {
		return l.Channel
	}
	title := l.Title
	if title == "" {
		title = l.Channel
	}
	return l.Kind + " " + title
}
