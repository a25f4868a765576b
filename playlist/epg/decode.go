package epg

import (
	"bytes"
	"strconv"
	"unicode/utf8"
)

// decode returns the text of b with entities replaced, CDATA sections
// unwrapped, stray tags and comments dropped, line ends normalised and
// surrounding space trimmed. Bytes that are not UTF-8 are read as Latin-1,
// the usual mistake of guides that do not declare their encoding. The result
// is b itself when nothing needed changing, else p.text; either is valid until
// the next call.
func (p *parser) decode(b []byte) []byte {
	b = trimSpace(b)
	if bytes.IndexByte(b, '&') < 0 && bytes.IndexByte(b, '<') < 0 && bytes.IndexByte(b, '\r') < 0 {
		if utf8.Valid(b) {
			return b
		}
		p.text = appendLatin1(p.text[:0], b)
		return p.text
	}
	out := p.text[:0]
	for len(b) > 0 {
		i := bytes.IndexAny(b, "&<\r")
		if i < 0 {
			out = append(out, b...)
			break
		}
		out = append(out, b[:i]...)
		b = b[i:]
		switch b[0] {
		case '&':
			var n int
			out, n = appendEntity(out, b)
			b = b[n:]
		case '\r':
			if len(b) < 2 || b[1] != '\n' {
				out = append(out, '\n')
			}
			b = b[1:]
		case '<':
			if bytes.HasPrefix(b, []byte("<![CDATA[")) {
				body := b[len("<![CDATA["):]
				end := bytes.Index(body, []byte("]]>"))
				if end < 0 {
					end = len(body)
				}
				out = append(out, body[:end]...)
				b = body[min(end+3, len(body)):]
				continue
			}
			end := ">"
			if bytes.HasPrefix(b, []byte("<!--")) {
				end = "-->"
			}
			b = b[skipPast(b, end):]
		}
	}
	out = trimSpace(out)
	if !utf8.Valid(out) {
		p.text = appendLatin1(p.text[:0], bytes.Clone(out))
		return p.text
	}
	p.text = out
	return out
}

// appendLatin1 keeps valid UTF-8 and reads every other byte as Latin-1.
func appendLatin1(dst, b []byte) []byte {
	for len(b) > 0 {
		r, n := utf8.DecodeRune(b)
		if r == utf8.RuneError && n <= 1 {
			dst = utf8.AppendRune(dst, rune(b[0]))
			b = b[1:]
			continue
		}
		dst = append(dst, b[:n]...)
		b = b[n:]
	}
	return dst
}

var namedEntities = map[string]string{
	"amp": "&", "lt": "<", "gt": ">", "quot": `"`, "apos": "'", "nbsp": "\u00a0",
}

// appendEntity appends the character that the entity at the start of b
// stands for and returns how many bytes it used. An unknown or malformed
// entity is kept as it is, one '&' at a time.
func appendEntity(dst, b []byte) ([]byte, int) {
	semi := bytes.IndexByte(b[:min(len(b), 12)], ';')
	if semi < 2 {
		return append(dst, '&'), 1
	}
	name := b[1:semi]
	if name[0] == '#' {
		var v uint64
		var err error
		if len(name) > 1 && (name[1] == 'x' || name[1] == 'X') {
			v, err = strconv.ParseUint(string(name[2:]), 16, 32)
		} else {
			v, err = strconv.ParseUint(string(name[1:]), 10, 32)
		}
		if err != nil || v == 0 || !utf8.ValidRune(rune(v)) {
			return append(dst, '&'), 1
		}
		return utf8.AppendRune(dst, rune(v)), semi + 1
	}
	if s, ok := namedEntities[string(name)]; ok {
		return append(dst, s...), semi + 1
	}
	return append(dst, '&'), 1
}
