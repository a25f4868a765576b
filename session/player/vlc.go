package player

import (
	"bufio"
	"context"
	"fmt"
	"net"
	"strings"
	"sync"
	"time"

	"github.com/tuner-iptv/tuner/session/lease"
)

// vlc keeps one VLC and drives it through its rc interface on a 127.0.0.1
// port: "add URL" to zap, "stop", "quit".
type vlc struct {
	path string
	args []string
	opts Options

	mu     sync.Mutex
	proc   *process
	conn   net.Conn
	gen    int
	events chan Event
}

func newVLC(path string, args []string, opts Options) *vlc {
	return &vlc{path: path, args: args, opts: opts, events: make(chan Event, 32)}
}

func (v *vlc) Name() string         { return "vlc" }
func (v *vlc) Events() <-chan Event { return v.events }

func (v *vlc) Status() Status {
	v.mu.Lock()
	defer v.mu.Unlock()
	running := v.proc != nil && v.proc.running()
	return Status{Playing: running && v.gen > 0, Idle: !running}
}

func (v *vlc) Process() lease.Proc {
	v.mu.Lock()
	defer v.mu.Unlock()
	if v.proc == nil || !v.proc.running() {
		return lease.Proc{}
	}
	return v.proc.proc
}

func (v *vlc) Play(ctx context.Context, url, title string) error {
	if err := v.ensure(ctx); err != nil {
		return err
	}
	v.mu.Lock()
	v.gen++
	gen := v.gen
	v.mu.Unlock()
	if err := v.send("add " + url); err != nil {
		return err
	}
	v.emit(Event{Kind: Started, Gen: gen})
	return nil
}

func (v *vlc) Stop(ctx context.Context) error {
	v.mu.Lock()
	p := v.proc
	v.mu.Unlock()
	if p == nil || !p.running() {
		return nil
	}
	if v.send("stop") != nil {
		p.stop(ctx, v.opts.StopTimeout)
	}
	return nil
}

func (v *vlc) Close(ctx context.Context) error {
	v.mu.Lock()
	p := v.proc
	v.mu.Unlock()
	if p == nil || !p.running() {
		return nil
	}
	v.send("quit")
	p.waitOrKill(ctx, v.opts.StopTimeout)
	return nil
}

func (v *vlc) send(line string) error {
	v.mu.Lock()
	defer v.mu.Unlock()
	if v.conn == nil {
		return fmt.Errorf("vlc is not running")
	}
	v.conn.SetWriteDeadline(time.Now().Add(5 * time.Second))
	_, err := v.conn.Write([]byte(line + "\n"))
	return err
}

func (v *vlc) ensure(ctx context.Context) error {
	v.mu.Lock()
	ok := v.proc != nil && v.proc.running() && v.conn != nil
	v.mu.Unlock()
	if ok {
		return nil
	}
	addr, err := freePort()
	if err != nil {
		return fmt.Errorf("vlc: %w", err)
	}
	args := append([]string{"-I", "rc", "--rc-host", addr}, v.args...)
	p, err := startProcess(v.path, args, v.opts.Env, v.opts.SecretEnv)
	if err != nil {
		return fmt.Errorf("vlc: %w", err)
	}
	conn, err := dialTCP(ctx, addr, p)
	if err != nil {
		p.stop(context.Background(), v.opts.StopTimeout)
		return err
	}
	v.mu.Lock()
	v.proc, v.conn = p, conn
	v.mu.Unlock()
	go v.drain(conn, p)
	return nil
}

// drain reads and discards VLC's rc chatter (so it never blocks on a full
// socket) and reports the process's exit under the latest Play's generation,
// as mpv does: the process outlives the Play that started it.
func (v *vlc) drain(conn net.Conn, p *process) {
	r := bufio.NewReader(conn)
	for {
		if _, err := r.ReadString('\n'); err != nil {
			break
		}
	}
	<-p.exited
	v.mu.Lock()
	if v.conn == conn {
		v.conn = nil
	}
	gen := v.gen
	v.mu.Unlock()
	var err error
	switch {
	case closedOutside(p.err, 0):
		err = ErrClosed
	case p.err != nil:
		err = fmt.Errorf("vlc exited: %s", strings.TrimSpace(lastLine(p)))
	}
	v.emit(Event{Kind: Exited, Gen: gen, Err: err})
}

func freePort() (string, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	defer ln.Close()
	return ln.Addr().String(), nil
}

func dialTCP(ctx context.Context, addr string, p *process) (net.Conn, error) {
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	for {
		conn, err := net.Dial("tcp", addr)
		if err == nil {
			return conn, nil
		}
		select {
		case <-p.exited:
			return nil, fmt.Errorf("vlc exited at start: %s", lastLine(p))
		case <-ctx.Done():
			return nil, fmt.Errorf("vlc: no rc interface on %s: %w", addr, ctx.Err())
		case <-time.After(50 * time.Millisecond):
		}
	}
}

func (v *vlc) emit(e Event) {
	select {
	case v.events <- e:
	default:
	}
}

func (v *vlc) Gen() int {
	v.mu.Lock()
	defer v.mu.Unlock()
	return v.gen
}
