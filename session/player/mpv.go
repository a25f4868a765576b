package player

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/tuner-iptv/tuner/playlist"
	"github.com/tuner-iptv/tuner/session/lease"
)

// mpv keeps one mpv process for the whole run and zaps with loadfile over its
// JSON IPC socket, so a channel change does not pay for a new process and
// window.
type mpv struct {
	path string
	args []string
	opts Options

	mu       sync.Mutex
	proc     *process
	conn     net.Conn
	dir      string // holds the IPC socket
	nextID   int
	pending  map[int]chan reply
	status   Status
	changed  chan struct{} // closed and replaced on every status change
	gen      int           // the latest Play
	entryGen map[int]int   // mpv playlist entry id -> Play generation
	curEntry int
	events   chan Event
	// said is mpv's last warning or error in its log since the latest Play,
	// masked: with --no-terminal it prints nothing, so this is its last word.
	said string
	// broken is set when mpv said an audio or video output failed to open:
	// an idle mpv does not try that output again, so every later file
	// ends at once ("no audio or video data played"). The next Play starts
	// a fresh mpv.
	broken bool
}

type reply struct {
	data json.RawMessage
	err  error
}

// message is anything mpv sends on the socket: a reply or an event.
type message struct {
	RequestID *int            `json:"request_id"`
	Error     string          `json:"error"`
	Data      json.RawMessage `json:"data"`
	Event     string          `json:"event"`
	ID        int             `json:"id"`
	Name      string          `json:"name"`
	Reason    string          `json:"reason"`
	FileError string          `json:"file_error"`
	EntryID   int             `json:"playlist_entry_id"`
	Level     string          `json:"level"` // of a log-message
	Prefix    string          `json:"prefix"`
	Text      string          `json:"text"`
}

// observed are the properties tuner watches, by observe id.
var observed = []string{
	1: "idle-active", 2: "pause", 3: "core-idle", 4: "video-params",
	5: "video-bitrate", 6: "audio-bitrate", 7: "demuxer-cache-duration", 8: "time-pos", 9: "duration",
}

func newMPV(path string, args []string, opts Options) *mpv {
	return &mpv{
		path: path, args: args, opts: opts,
		pending: map[int]chan reply{}, entryGen: map[int]int{},
		changed: make(chan struct{}), events: make(chan Event, 32),
	}
}

func (m *mpv) Name() string         { return "mpv" }
func (m *mpv) Events() <-chan Event { return m.events }
func (m *mpv) Status() Status       { m.mu.Lock(); defer m.mu.Unlock(); return m.status }
func (m *mpv) Process() lease.Proc {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.proc == nil || !m.proc.running() {
		return lease.Proc{}
	}
	return m.proc.proc
}

func (m *mpv) Play(ctx context.Context, url, title string) error {
	return m.play(ctx, title, []any{"loadfile", url, "replace"})
}

// play sets the title, then sends the loadfile command given.
func (m *mpv) play(ctx context.Context, title string, load any) error {
	if err := m.ensure(ctx); err != nil {
		return err
	}
	m.mu.Lock()
	m.gen++
	// Keep Idle: mpv reports only changes, and a failed load may never
	// report idle-active again if it was already true.
	m.status = Status{Idle: m.status.Idle}
	m.said = ""
	m.mu.Unlock()
	if title != "" {
		// A property, not a loadfile option: the name needs no escaping this way.
		if _, err := m.command(ctx, "set_property", "force-media-title", title); err != nil {
			return err
		}
	}
	_, err := m.send(ctx, "loadfile", load)
	return err
}

func (m *mpv) Stop(ctx context.Context) error {
	if !m.alive() {
		return nil
	}
	if _, err := m.command(ctx, "stop"); err != nil {
		return m.kill(ctx)
	}
	wait, cancel := context.WithTimeout(ctx, m.opts.StopTimeout)
	defer cancel()
	if !m.waitFor(wait, func(s Status) bool { return s.Idle }) {
		return m.kill(ctx)
	}
	return nil
}

func (m *mpv) Close(ctx context.Context) error {
	m.mu.Lock()
	p := m.proc
	m.mu.Unlock()
	if p == nil {
		return nil
	}
	if p.running() {
		quit, cancel := context.WithTimeout(ctx, m.opts.StopTimeout)
		m.command(quit, "quit")
		cancel()
		p.waitOrKill(ctx, m.opts.StopTimeout)
	}
	m.mu.Lock()
	if m.dir != "" && m.opts.RuntimeDir == "" {
		os.RemoveAll(m.dir)
		m.dir = "" // a later Play starts a new mpv in a new directory
	}
	m.mu.Unlock()
	return nil
}

// kill ends an mpv that did not stop when asked; the next Play starts a new one.
func (m *mpv) kill(ctx context.Context) error {
	m.mu.Lock()
	p := m.proc
	m.mu.Unlock()
	if p != nil {
		p.stop(ctx, m.opts.StopTimeout)
	}
	return nil
}

func (m *mpv) alive() bool {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.proc != nil && m.proc.running() && m.conn != nil
}

// ensure starts mpv and connects to its socket unless that is already done.
func (m *mpv) ensure(ctx context.Context) error {
	if m.alive() {
		if !m.takeBroken() {
			return nil
		}
		m.Close(ctx)
	}
	dir, err := m.socketDir()
	if err != nil {
		return err
	}
	sock := filepath.Join(dir, "mpv.sock")
	os.Remove(sock)
	self := lease.Self()
	if err := writeOwner(dir, owner{Tuner: self}); err != nil {
		return fmt.Errorf("mpv: %w", err)
	}
	p, err := startProcess(m.path, m.argv(sock), m.opts.Env, m.opts.SecretEnv)
	if err != nil {
		return fmt.Errorf("mpv: %w", err)
	}
	writeOwner(dir, owner{Tuner: self, Player: p.proc})
	conn, err := dialSocket(ctx, sock, p)
	if err != nil {
		p.stop(context.Background(), m.opts.StopTimeout)
		return err
	}
	m.mu.Lock()
	m.proc, m.conn, m.status = p, conn, Status{Idle: true}
	m.mu.Unlock()
	go m.read(conn, p)
	if _, err := m.command(ctx, "request_log_messages", "warn"); err != nil {
		return err
	}
	for id, name := range observed {
		if name == "" {
			continue
		}
		if _, err := m.command(ctx, "observe_property", id, name); err != nil {
			return err
		}
	}
	return nil
}

func (m *mpv) socketDir() (string, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.dir != "" {
		return m.dir, nil
	}
	var err error
	if m.opts.RuntimeDir != "" {
		m.dir = m.opts.RuntimeDir
		err = os.MkdirAll(m.dir, 0o700)
	} else {
		m.dir, err = os.MkdirTemp("", socketDirPattern)
	}
	if err != nil {
		return "", fmt.Errorf("mpv: socket directory: %w", err)
	}
	return m.dir, nil
}

// argv puts the person's own arguments first and tuner's after, so the
// options tuner relies on (the socket, staying idle) win.
func (m *mpv) argv(sock string) []string {
	var args []string
	// mpv must keep off tuner's terminal, unless the person asked for video
	// in the terminal (--vo=tct over SSH) or its output.
	if !hasFlag(m.args, "--terminal") && !slices.Contains(m.args, "--vo=tct") && !slices.Contains(m.args, "--vo=kitty") {
		args = append(args, "--no-terminal")
	}
	args = append(args, m.args...)
	if m.opts.Display && !hasFlag(m.args, "--vo", "--force-window") {
		args = append(args, "--force-window=yes")
	}
	return append(args, "--idle=yes", "--keep-open=no", "--input-ipc-server="+sock)
}

func hasFlag(args []string, names ...string) bool {
	for _, a := range args {
		for _, n := range names {
			if a == n || strings.HasPrefix(a, n+"=") {
				return true
			}
		}
	}
	return false
}

// dialSocket waits for mpv to create its socket.
func dialSocket(ctx context.Context, sock string, p *process) (net.Conn, error) {
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	for {
		conn, err := net.Dial("unix", sock)
		if err == nil {
			return conn, nil
		}
		select {
		case <-p.exited:
			return nil, fmt.Errorf("mpv exited at start: %s", lastLine(p))
		case <-ctx.Done():
			return nil, fmt.Errorf("mpv: no IPC socket: %w", ctx.Err())
		case <-time.After(20 * time.Millisecond):
		}
	}
}

func lastLine(p *process) string {
	out := p.out.LastLine()
	if out == "" && p.err != nil {
		out = p.err.Error()
	}
	return playlist.MaskURL(out)
}

// command sends one IPC command and waits for its reply.
func (m *mpv) command(ctx context.Context, args ...any) (json.RawMessage, error) {
	return m.send(ctx, fmt.Sprint(args[0]), args)
}

// send sends one IPC command, a list or a map of named arguments, and waits
// for its reply; name is for errors.
func (m *mpv) send(ctx context.Context, name string, cmd any) (json.RawMessage, error) {
	m.mu.Lock()
	conn := m.conn
	if conn == nil {
		m.mu.Unlock()
		return nil, errors.New("mpv is not running")
	}
	m.nextID++
	id := m.nextID
	ch := make(chan reply, 1)
	m.pending[id] = ch
	line, _ := json.Marshal(map[string]any{"command": cmd, "request_id": id})
	_, err := conn.Write(append(line, '\n'))
	m.mu.Unlock()
	if err != nil {
		m.drop(id)
		return nil, fmt.Errorf("mpv: %w", err)
	}
	select {
	case r := <-ch:
		return r.data, r.err
	case <-ctx.Done():
		m.drop(id)
		return nil, fmt.Errorf("mpv %s: %w", name, ctx.Err())
	}
}

func (m *mpv) drop(id int) {
	m.mu.Lock()
	delete(m.pending, id)
	m.mu.Unlock()
}

// read handles everything mpv sends until the socket closes.
func (m *mpv) read(conn net.Conn, p *process) {
	sc := bufio.NewScanner(conn)
	sc.Buffer(make([]byte, 64<<10), 4<<20)
	for sc.Scan() {
		var msg message
		if json.Unmarshal(sc.Bytes(), &msg) != nil {
			continue
		}
		if msg.RequestID != nil {
			m.answer(*msg.RequestID, msg)
			continue
		}
		m.event(msg)
	}
	conn.Close()
	m.mu.Lock()
	if m.conn == conn {
		m.conn = nil
	}
	for id, ch := range m.pending {
		ch <- reply{err: errors.New("mpv closed its IPC connection")}
		delete(m.pending, id)
	}
	gen, said := m.gen, m.said
	m.mu.Unlock()
	<-p.exited
	if out := lastWords(p.out.String()); out != "" {
		said = out
	}
	m.emit(Event{Kind: Exited, Gen: gen, Err: exitErr(p), Output: said})
}

func exitErr(p *process) error {
	if p.err == nil {
		return nil
	}
	if closedOutside(p.err, mpvInterrupted) {
		return ErrClosed
	}
	return fmt.Errorf("mpv exited: %s", lastLine(p))
}

func (m *mpv) answer(id int, msg message) {
	m.mu.Lock()
	ch, ok := m.pending[id]
	delete(m.pending, id)
	m.mu.Unlock()
	if !ok {
		return
	}
	if msg.Error != "" && msg.Error != "success" {
		ch <- reply{err: fmt.Errorf("mpv: %s", msg.Error)}
		return
	}
	ch <- reply{data: msg.Data}
}

func (m *mpv) event(msg message) {
	switch msg.Event {
	case "log-message":
		if line := strings.TrimSpace(msg.Text); line != "" {
			m.mu.Lock()
			m.said = playlist.MaskURL(line)
			m.broken = m.broken || brokenOutput(line)
			m.mu.Unlock()
		}
	case "property-change":
		m.property(msg.ID, msg.Data)
	case "start-file":
		m.mu.Lock()
		m.entryGen[msg.EntryID], m.curEntry = m.gen, msg.EntryID
		m.mu.Unlock()
	case "playback-restart":
		m.mu.Lock()
		gen := m.entryGen[m.curEntry]
		m.mu.Unlock()
		m.emit(Event{Kind: Started, Gen: gen})
	case "end-file":
		m.mu.Lock()
		gen, ok := m.entryGen[msg.EntryID]
		delete(m.entryGen, msg.EntryID)
		said := m.said
		m.mu.Unlock()
		if !ok || msg.Reason == "redirect" {
			return
		}
		var err error
		if msg.Reason == "error" {
			err = fmt.Errorf("mpv: %s", playlist.MaskURL(cmp(msg.FileError, "playback failed")))
		}
		m.emit(Event{Kind: Ended, Gen: gen, Err: err, Output: said})
	}
}

func cmp(s, fallback string) string {
	if s == "" {
		return fallback
	}
	return s
}

// property records one observed property's new value.
func (m *mpv) property(id int, data json.RawMessage) {
	m.mu.Lock()
	defer m.mu.Unlock()
	s := &m.status
	null := len(data) == 0 || string(data) == "null"
	switch id {
	case 1:
		json.Unmarshal(data, &s.Idle)
	case 2:
		json.Unmarshal(data, &s.Paused)
	case 3:
		var coreIdle bool
		if null || json.Unmarshal(data, &coreIdle) != nil {
			coreIdle = true
		}
		s.Playing = !coreIdle
	case 4:
		var vp struct{ W, H int }
		json.Unmarshal(data, &vp)
		s.Width, s.Height = vp.W, vp.H
	case 5:
		s.VideoBitrate = number(data)
	case 6:
		s.AudioBitrate = number(data)
	case 7:
		s.CacheSeconds = number(data)
	case 8:
		s.Elapsed = seconds(data)
		// time-pos turns null as a file ends or stops: the position the
		// person left it at is the last one before that.
		if !null {
			s.Position = s.Elapsed
		}
	case 9:
		if !null {
			s.Length = seconds(data)
		}
	}
	if s.Idle {
		s.Playing = false
	}
	close(m.changed)
	m.changed = make(chan struct{})
}

func seconds(data json.RawMessage) time.Duration {
	return time.Duration(number(data) * float64(time.Second))
}

func number(data json.RawMessage) float64 {
	var f float64
	json.Unmarshal(data, &f)
	return f
}

// waitFor waits until cond holds for the status, or ctx ends.
func (m *mpv) waitFor(ctx context.Context, cond func(Status) bool) bool {
	for {
		m.mu.Lock()
		ok, ch := cond(m.status), m.changed
		m.mu.Unlock()
		if ok {
			return true
		}
		select {
		case <-ch:
		case <-ctx.Done():
			return false
		}
	}
}

// emit never blocks mpv's reader: a watcher that fell behind loses events,
// not the player.
func (m *mpv) emit(e Event) {
	select {
	case m.events <- e:
	default:
	}
}

func (m *mpv) Gen() int {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.gen
}

// SetHeaders sets the HTTP headers mpv sends for the following loads, for
// direct mode where mpv talks to the provider itself. The values go over the
// IPC socket, never on a command line.
func (m *mpv) SetHeaders(ctx context.Context, h http.Header) error {
	if err := m.ensure(ctx); err != nil {
		return err
	}
	fields := []string{} // an empty list, not null, clears earlier headers
	for name, vals := range h {
		if name == "User-Agent" || name == "Referer" {
			continue
		}
		for _, v := range vals {
			fields = append(fields, name+": "+v)
		}
	}
	slices.Sort(fields)
	for _, set := range [][]any{
		{"set_property", "user-agent", h.Get("User-Agent")},
		{"set_property", "referrer", h.Get("Referer")},
		{"set_property", "http-header-fields", fields},
	} {
		if _, err := m.command(ctx, set...); err != nil {
			return err
		}
	}
	return nil
}
