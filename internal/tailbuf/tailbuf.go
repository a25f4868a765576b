// Package tailbuf keeps the last bytes a child process wrote, for a message
// that quotes it: a player or ffmpeg fed a broken stream may say a great
// deal, and only the end says why it stopped.
package tailbuf

import (
	"bytes"
	"strings"
	"sync"
)

// Buffer is an io.Writer that keeps at most the last max bytes written to
// it. It is safe for concurrent use.
type Buffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
	max int
}

// New returns a Buffer keeping the last max bytes.
func New(max int) *Buffer { return &Buffer{max: max} }

func (t *Buffer) Write(b []byte) (int, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.buf.Write(b)
	if over := t.buf.Len() - t.max; over > 0 {
		t.buf.Next(over)
	}
	return len(b), nil
}

// String is what is kept.
func (t *Buffer) String() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.buf.String()
}

// LastLine is the last line that is not blank, trimmed; "" when nothing
// was said.
func (t *Buffer) LastLine() string {
	s := strings.TrimSpace(t.String())
	return strings.TrimSpace(s[strings.LastIndexByte(s, '\n')+1:])
}
