package session

import (
	"context"
	"io"
	"net/http"
	"sync"
	"time"

	"github.com/tuner-iptv/tuner/session/lease"
	"github.com/tuner-iptv/tuner/session/player"
)

// filePlayer is a player in the test process that reads the URL it is given
// like a real one and reports the position the test sets, as mpv does
// through its IPC. It can start at a position and seek.
type filePlayer struct {
	mu      sync.Mutex
	gen     int
	status  player.Status
	cancel  context.CancelFunc
	startAt time.Duration // what the latest PlayAt asked for
	seeks   []time.Duration
	events  chan player.Event
}

func newFilePlayer() *filePlayer { return &filePlayer{events: make(chan player.Event, 32)} }

func (p *filePlayer) Name() string                { return "mpv" }
func (p *filePlayer) Events() <-chan player.Event { return p.events }
func (p *filePlayer) Process() lease.Proc         { return lease.Proc{} }
func (p *filePlayer) Status() player.Status {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.status
}

func (p *filePlayer) Gen() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.gen
}

func (p *filePlayer) Play(ctx context.Context, url, title string) error {
	return p.PlayAt(ctx, url, title, 0)
}

func (p *filePlayer) PlayAt(_ context.Context, url, _ string, at time.Duration) error {
	p.drop()
	ctx, cancel := context.WithCancel(context.Background())
	p.mu.Lock()
	p.gen++
	gen := p.gen
	p.cancel, p.startAt = cancel, at
	p.status = player.Status{Position: at}
	p.mu.Unlock()
	go p.read(ctx, url, gen)
	return nil
}

// read drains url, as a player buffering a file does.
func (p *filePlayer) read(ctx context.Context, url string, gen int) {
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return
	}
	defer resp.Body.Close()
	if resp.StatusCode >= 400 {
		p.events <- player.Event{Kind: player.Ended, Gen: gen, Err: io.ErrUnexpectedEOF}
		return
	}
	p.events <- player.Event{Kind: player.Started, Gen: gen}
	io.Copy(io.Discard, resp.Body)
}

// at sets what the player reports, as mpv's time-pos and duration.
func (p *filePlayer) at(pos, length time.Duration) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.status.Position, p.status.Length = pos, length
}

func (p *filePlayer) Seek(_ context.Context, by time.Duration) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.seeks = append(p.seeks, by)
	p.status.Position += by
	return nil
}

// drop ends the read of what plays; it returns whether something played.
func (p *filePlayer) drop() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.cancel == nil {
		return 0
	}
	p.cancel()
	p.cancel = nil
	return p.gen
}

func (p *filePlayer) Stop(context.Context) error {
	if gen := p.drop(); gen > 0 {
		p.events <- player.Event{Kind: player.Ended, Gen: gen}
	}
	return nil
}

func (p *filePlayer) Close(context.Context) error {
	p.drop()
	return nil
}

// exit is the player closing by itself, as when the person quits mpv's window.
func (p *filePlayer) exit() {
	gen := p.drop()
	p.events <- player.Event{Kind: player.Exited, Gen: gen}
}
