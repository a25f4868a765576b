package epg

import (
	"bytes"
	"fmt"
	"strconv"
)

// parser turns the elements a scanner finds into builder entries.
type parser struct {
	s      scanner
	b      *builder
	sawTV  bool
	text   []byte // decoded text of the child being read
	cats   []byte // categories of the current programme, joined by catSep
	titles []byte // titles of the current programme, each after titleSep
	nTitle int
	last   int // where the text of the latest title starts in titles
	ep     []byte
	epRank int
	names  []ref
}

func (p *parser) run() {
	s := &p.s
	for {
		i := bytes.IndexByte(s.data(), '<')
		if i < 0 {
			s.pos = s.end
			if !s.fill() {
				return
			}
			continue
		}
		s.pos += i
		s.ensure(16)
		d := s.data()
		switch {
		case hasTag(d, "<programme"):
			el, problem, ok := s.next("<programme", "</programme")
			if ok {
				p.programme(el)
			} else {
				p.b.skip(el.at, "programme", problem)
			}
		case hasTag(d, "<channel"):
			el, problem, ok := s.next("<channel", "</channel")
			if ok {
				p.channel(el)
			} else {
				p.b.skip(el.at, "channel", problem)
			}
		case bytes.HasPrefix(d, []byte("<!--")):
			s.skipPast("-->")
		case bytes.HasPrefix(d, []byte("<![CDATA[")):
			s.skipPast("]]>")
		case bytes.HasPrefix(d, []byte("<?")):
			s.skipPast("?>")
		default:
			if hasTag(d, "<tv") {
				p.sawTV = true
			}
			s.pos++
			s.skipPast(">")
		}
	}
}

func hasTag(d []byte, open string) bool {
	return bytes.HasPrefix(d, []byte(open)) && (len(d) == len(open) || isNameEnd(d[len(open)]))
}

// child is one child element of a <programme> or <channel>.
type child struct {
	name    []byte
	attrs   []byte
	content []byte // nil when self-closing
}

// children calls fn for each direct child of body. Grandchildren (actors
// in <credits>, values in <rating>) are passed over.
func children(body []byte, fn func(c child)) {
	depth := 0
	for i := 0; ; {
		j := bytes.IndexByte(body[i:], '<')
		if j < 0 {
			return
		}
		i += j
		rest := body[i:]
		switch {
		case bytes.HasPrefix(rest, []byte("</")):
			depth--
			i += skipPast(rest, ">")
			continue
		case bytes.HasPrefix(rest, []byte("<!--")):
			i += skipPast(rest, "-->")
			continue
		case bytes.HasPrefix(rest, []byte("<![CDATA[")):
			i += skipPast(rest, "]]>")
			continue
		case bytes.HasPrefix(rest, []byte("<?")):
			i += skipPast(rest, "?>")
			continue
		}
		te := tagEnd(rest)
		if te < 0 {
			return
		}
		n := 1
		for n < te && !isNameEnd(rest[n]) {
			n++
		}
		c := child{name: rest[1:n]}
		if rest[te-1] == '/' {
			c.attrs = rest[n : te-1]
			if depth == 0 {
				fn(c)
			}
			i += te + 1
			continue
		}
		c.attrs = rest[n:te]
		if depth == 0 {
			// Read the whole child at once: the children a guide keeps
			// hold text only.
			end := indexClose(rest[te+1:], c.name)
			if end >= 0 {
				c.content = rest[te+1 : te+1+end]
				fn(c)
				i += te + 1 + end + skipPast(rest[te+1+end:], ">")
				continue
			}
		}
		depth++
		i += te + 1
	}
}

// indexClose finds the end tag "</name".
func indexClose(b, name []byte) int {
	for from := 0; ; {
		i := bytes.Index(b[from:], []byte("</"))
		if i < 0 {
			return -1
		}
		i += from
		if rest := b[i+2:]; bytes.HasPrefix(rest, name) && (len(rest) == len(name) || isNameEnd(rest[len(name)])) {
			return i
		}
		from = i + 2
	}
}

// skipPast returns the length of b up to and including pat, or len(b).
func skipPast(b []byte, pat string) int {
	if i := bytes.Index(b, []byte(pat)); i >= 0 {
		return i + len(pat)
	}
	return len(b)
}

// attrs calls fn for each name="value" pair, with the value still escaped.
func attrs(b []byte, fn func(name, val []byte)) {
	for {
		b = trimSpace(b)
		eq := bytes.IndexByte(b, '=')
		if eq <= 0 {
			return
		}
		name := trimSpace(b[:eq])
		b = trimSpace(b[eq+1:])
		if len(b) == 0 || (b[0] != '"' && b[0] != '\'') {
			return
		}
		end := bytes.IndexByte(b[1:], b[0])
		if end < 0 {
			return
		}
		fn(name, b[1:1+end])
		b = b[end+2:]
	}
}

func (p *parser) programme(el element) {
	var start, stop, chID []byte
	var pr prog
	attrs(el.attrs, func(name, val []byte) {
		switch string(name) {
		case "start":
			start = val
		case "stop":
			stop = val
		case "channel":
			chID = val
		case "clumpidx":
			pr.clump = clumpIndex(val)
		}
	})
	var ok bool
	if pr.start, ok = parseTime(start); !ok {
		p.b.skip(el.at, "programme", fmt.Sprintf("bad start time %s", quote(start)))
		return
	}
	if len(trimSpace(stop)) > 0 {
		if pr.stop, ok = parseTime(stop); !ok {
			p.b.skip(el.at, "programme", fmt.Sprintf("bad stop time %s", quote(stop)))
			return
		}
		if pr.stop < pr.start {
			pr.stop = 0 // a zero-length programme keeps its stop, or it would stay on air
		}
	}
	id := p.decode(chID)
	if len(id) == 0 {
		p.b.skip(el.at, "programme", "no channel")
		return
	}
	pr.ch = p.b.channelIndex(id)
	p.cats, p.ep, p.epRank = p.cats[:0], p.ep[:0], 0
	p.titles, p.nTitle = p.titles[:0], 0
	children(el.body, func(c child) { p.programmeChild(&pr, c) })
	switch p.nTitle {
	case 0:
	case 1:
		pr.title = p.b.intern(p.titles[p.last:])
	default:
		pr.title = p.b.intern(p.titles)
	}
	pr.cats = p.b.intern(p.cats)
	pr.ep = p.b.intern(p.ep)
	p.b.add(pr)
}

// clumpIndex reads clumpidx="1/3" (the second of three programmes sharing a
// start) as 2; 0 means none or unreadable.
func clumpIndex(v []byte) uint8 {
	i, _, _ := bytes.Cut(v, []byte("/"))
	n, err := strconv.Atoi(string(trimSpace(i)))
	if err != nil || n < 0 || n > 254 {
		return 0
	}
	return uint8(n + 1)
}

func (p *parser) programmeChild(pr *prog, c child) {
	switch string(c.name) {
	case "title":
		p.addTitle(c)
	case "sub-title":
		if pr.sub.n == 0 {
			pr.sub = p.b.intern(p.decode(c.content))
		}
	case "desc":
		if pr.desc.n == 0 {
			pr.desc = p.b.intern(p.decode(c.content))
		}
	case "category":
		p.addCategory(p.decode(c.content))
	case "episode-num":
		p.episode(c)
	}
}

// addTitle keeps each non-empty title with its language.
func (p *parser) addTitle(c child) {
	if p.nTitle == maxTitles {
		return
	}
	var lang []byte
	attrs(c.attrs, func(name, val []byte) {
		if string(name) == "lang" {
			lang = val
		}
	})
	t := p.decode(c.content)
	if len(t) == 0 {
		return
	}
	p.titles = append(p.titles, titleSep...)
	p.titles = append(p.titles, lang...)
	p.titles = append(p.titles, langSep...)
	p.last = len(p.titles)
	p.titles = append(p.titles, t...)
	p.nTitle++
}

const maxCategories = 8

func (p *parser) addCategory(cat []byte) {
	if len(cat) == 0 || len(p.cats) > 512 {
		return
	}
	n := 0
	for f := range bytes.SplitSeq(p.cats, []byte(catSep)) {
		if bytes.Equal(f, cat) || n >= maxCategories {
			return
		}
		n++
	}
	if len(p.cats) > 0 {
		p.cats = append(p.cats, catSep...)
	}
	p.cats = append(p.cats, cat...)
}

// episode keeps the most readable episode number: the "onscreen" form when
// the guide has one, else one made from "xmltv_ns".
func (p *parser) episode(c child) {
	var system []byte
	attrs(c.attrs, func(name, val []byte) {
		if string(name) == "system" {
			system = val
		}
	})
	v := p.decode(c.content)
	switch string(system) {
	case "onscreen":
		if p.epRank < 2 && len(v) > 0 {
			p.ep, p.epRank = append(p.ep[:0], v...), 2
		}
	case "xmltv_ns":
		if p.epRank < 1 {
			if e := xmltvNS(v); e != "" {
				p.ep, p.epRank = append(p.ep[:0], e...), 1
			}
		}
	}
}

// xmltvNS turns "1.4/10.0" (zero-based season.episode.part) into "S02E05".
func xmltvNS(v []byte) string {
	parts := bytes.SplitN(v, []byte("."), 3)
	if len(parts) < 2 {
		return ""
	}
	num := func(b []byte) (int, bool) {
		if i := bytes.IndexByte(b, '/'); i >= 0 {
			b = b[:i]
		}
		n, err := strconv.Atoi(string(trimSpace(b)))
		return n + 1, err == nil && n >= 0 && n < 100000
	}
	s, sok := num(parts[0])
	e, eok := num(parts[1])
	switch {
	case sok && eok:
		return fmt.Sprintf("S%02dE%02d", s, e)
	case eok:
		return fmt.Sprintf("E%02d", e)
	case sok:
		return fmt.Sprintf("S%02d", s)
	}
	return ""
}

const maxNames = 16

func (p *parser) channel(el element) {
	var id []byte
	attrs(el.attrs, func(name, val []byte) {
		if string(name) == "id" {
			id = val
		}
	})
	id = p.decode(id)
	if len(id) == 0 {
		p.b.skip(el.at, "channel", "no id")
		return
	}
	ch := p.b.channelIndex(id)
	p.names = p.names[:0]
	var icon ref
	children(el.body, func(c child) {
		switch string(c.name) {
		case "display-name":
			if r := p.b.intern(p.decode(c.content)); r.n > 0 && len(p.names) < maxNames {
				p.names = append(p.names, r)
			}
		case "icon":
			attrs(c.attrs, func(name, val []byte) {
				if string(name) == "src" && icon.n == 0 {
					icon = p.b.intern(p.decode(val))
				}
			})
		}
	})
	p.b.describe(ch, p.names, icon)
}

func quote(b []byte) string {
	if len(b) > 40 {
		b = b[:40]
	}
	return strconv.Quote(string(b))
}
