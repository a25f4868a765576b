package gate

// maxParts bounds the URIs a stream remembers: a live HLS playlist names new
// segments forever, and the player only ever asks for recent ones.
const maxParts = 4096

type part struct {
	url  string
	kind string // "playlist", "segment" or "key"
}

// parts gives each upstream URI of a stream a small number, so gate URLs
// carry no part of the provider's URL.
type parts struct {
	byID  map[int]part
	byURL map[string]int
	next  int
}

func newParts() parts {
	return parts{byID: map[int]part{}, byURL: map[string]int{}, next: 1}
}

func (p *parts) add(url, kind string) int {
	if id, ok := p.byURL[url]; ok {
		return id
	}
	id := p.next
	p.next++
	p.byID[id] = part{url: url, kind: kind}
	p.byURL[url] = id
	if old, ok := p.byID[id-maxParts]; ok {
		delete(p.byID, id-maxParts)
		delete(p.byURL, old.url)
	}
	return id
}

func (p *parts) get(id int) (part, bool) {
	pt, ok := p.byID[id]
	return pt, ok
}
