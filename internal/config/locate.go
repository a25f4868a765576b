package config

import (
	"strconv"
	"strings"

	"github.com/BurntSushi/toml"
)

// locator knows the line each key of a TOML file starts on. The TOML decoder
// keeps positions per key name only, so the keys of the second [[source]]
// would be reported at the lines of the last one; this small scanner counts
// array tables itself. It understands what a config file uses: comments,
// [table], [[array]], bare, quoted and dotted keys, and values that span lines
// (arrays, multi-line strings). Anything it cannot place falls back to the
// nearest enclosing key it knows.
type locator struct {
	lines   map[string]int // "source[1].xtream" -> line
	entries []locEntry
}

type locEntry struct {
	key  string // toml.Key form without indexes, as MetaData reports it
	path string // with array indexes: source[1].xtream
	line int
}

func locate(text string) *locator {
	l := &locator{lines: map[string]int{}}
	var (
		table   []string // current table, plain pieces
		tpath   string   // current table, indexed
		counts  = map[string]int{}
		pending scanState
	)
	for i, line := range strings.Split(text, "\n") {
		n := i + 1
		if pending.open() {
			pending = pending.scan(line)
			continue
		}
		s := strings.TrimSpace(line)
		switch {
		case s == "" || s[0] == '#':
		case strings.HasPrefix(s, "[["):
			pieces := splitKey(strings.TrimSuffix(strings.TrimSpace(between(s, "[[", "]]")), "]]"))
			key := toml.Key(pieces).String()
			idx := counts[key]
			counts[key] = idx + 1
			table = pieces
			plain := indexedPath(pieces, counts)
			tpath = plain + "[" + strconv.Itoa(idx) + "]"
			l.add(key, tpath, n)
			if _, ok := l.lines[plain]; !ok {
				l.lines[plain] = n
			}
		case s[0] == '[':
			pieces := splitKey(between(s, "[", "]"))
			table = pieces
			tpath = indexedPath(pieces, counts)
			l.add(toml.Key(pieces).String(), tpath, n)
		default:
			eq := keyEnd(s)
			if eq < 0 {
				continue
			}
			pieces := splitKey(s[:eq])
			full := append(append([]string(nil), table...), pieces...)
			path := strings.Join(pieces, ".")
			if tpath != "" {
				path = tpath + "." + path
			}
			l.add(toml.Key(full).String(), path, n)
			pending = scanState{}.scan(s[eq+1:])
		}
	}
	return l
}

func (l *locator) add(key, path string, line int) {
	if _, ok := l.lines[path]; !ok {
		l.lines[path] = line
	}
	l.entries = append(l.entries, locEntry{key, path, line})
}

// line is where path (or, failing that, its nearest known parent) is
// written; 0 when nothing of it is.
func (l *locator) line(path string) int {
	for path != "" {
		if n, ok := l.lines[path]; ok {
			return n
		}
		cut := max(strings.LastIndexByte(path, '.'), strings.LastIndexByte(path, '['))
		if cut < 0 {
			return 0
		}
		path = path[:cut]
	}
	return 0
}

// indexedPath writes a table's pieces with the current index of every
// enclosing array table: [source.extra] under [[source]] is source[2].extra.
func indexedPath(pieces []string, counts map[string]int) string {
	var b strings.Builder
	for i, p := range pieces {
		if i > 0 {
			b.WriteByte('.')
		}
		b.WriteString(p)
		if i < len(pieces)-1 {
			if c := counts[toml.Key(pieces[:i+1]).String()]; c > 0 {
				b.WriteString("[" + strconv.Itoa(c-1) + "]")
			}
		}
	}
	return b.String()
}

func between(s, open, close string) string {
	s = strings.TrimPrefix(s, open)
	if i := strings.LastIndex(s, close); i >= 0 {
		s = s[:i]
	}
	return s
}

// keyEnd is the index of the '=' that ends the key of a key/value line, or -1.
func keyEnd(s string) int {
	var quote byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case quote != 0:
			if c == '\\' && quote == '"' {
				i++
			} else if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '=':
			return i
		case c == '#':
			return -1
		}
	}
	return -1
}

// splitKey splits a dotted key into its pieces, unquoting quoted ones.
func splitKey(s string) []string {
	var pieces []string
	for s = strings.TrimSpace(s); s != ""; {
		var piece string
		switch s[0] {
		case '"':
			end := closingQuote(s)
			piece, _ = strconv.Unquote(s[:end])
			s = s[end:]
		case '\'':
			end := strings.IndexByte(s[1:], '\'') + 2
			if end < 2 {
				end = len(s)
			}
			piece = strings.Trim(s[:end], "'")
			s = s[end:]
		default:
			end := strings.IndexByte(s, '.')
			if end < 0 {
				end = len(s)
			}
			piece = strings.TrimSpace(s[:end])
			s = s[end:]
		}
		pieces = append(pieces, piece)
		s = strings.TrimSpace(s)
		s = strings.TrimSpace(strings.TrimPrefix(s, "."))
	}
	return pieces
}

func closingQuote(s string) int {
	for i := 1; i < len(s); i++ {
		switch s[i] {
		case '\\':
			i++
		case '"':
			return i + 1
		}
	}
	return len(s)
}

// scanState follows a value across lines: open brackets and multi-line
// strings.
type scanState struct {
	depth int
	multi string // `"""` or `'''` while inside one
}

func (st scanState) open() bool { return st.depth > 0 || st.multi != "" }

func (st scanState) scan(s string) scanState {
	for i := 0; i < len(s); i++ {
		if st.multi != "" {
			if strings.HasPrefix(s[i:], st.multi) {
				i += 2
				st.multi = ""
			} else if s[i] == '\\' && st.multi == `"""` {
				i++
			}
			continue
		}
		switch c := s[i]; c {
		case '#':
			return st
		case '[', '{':
			st.depth++
		case ']', '}':
			st.depth--
		case '"', '\'':
			q := strings.Repeat(string(c), 3)
			if strings.HasPrefix(s[i:], q) {
				st.multi = q
				i += 2
				continue
			}
			for i++; i < len(s) && s[i] != c; i++ {
				if s[i] == '\\' && c == '"' {
					i++
				}
			}
		}
	}
	return st
}
