package session

import (
	"errors"
	"sync"
)

// eventBuffer is how many events wait in the channel for a reader before the
// rest queue behind it.
const eventBuffer = 256

// outbox delivers the Manager's events to one reader, in order. Emitting
// never blocks, so no lock holder waits for the screen: events the channel
// has no room for queue behind it and one goroutine feeds them in as the
// reader takes them. Only stats are dropped when the reader lags, since a
// newer report follows within a second; a state change never is.
type outbox struct {
	mu       sync.Mutex
	out      chan Event
	queue    []Event // waiting for room in out, oldest first
	feeding  bool    // a goroutine moves queue into out
	closed   bool    // close was called; out closes once queue is empty
	warnings []error // go out with the next event that cannot be dropped
}

func newOutbox(buffer int) *outbox {
	return &outbox{out: make(chan Event, buffer)}
}

// put delivers e, or drops it when it is droppable and the reader lags.
// It reports whether e was kept.
func (o *outbox) put(e Event, droppable bool) bool {
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.closed {
		return false
	}
	if !droppable && len(o.warnings) > 0 {
		e.Warning = errors.Join(append(o.warnings, e.Warning)...)
		o.warnings = nil
	}
	if len(o.queue) == 0 {
		select {
		case o.out <- e:
			return true
		default:
		}
	}
	if droppable {
		return false
	}
	o.queue = append(o.queue, e)
	if !o.feeding {
		o.feeding = true
		go o.feed()
	}
	return true
}

// warn keeps err for the next event put that cannot be dropped.
func (o *outbox) warn(err error) {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.warnings = append(o.warnings, err)
}

// warned reports whether a warning waits for an event to carry it.
func (o *outbox) warned() bool {
	o.mu.Lock()
	defer o.mu.Unlock()
	return len(o.warnings) > 0
}

// feed moves queued events into out, waiting for the reader as long as it
// takes. The event being sent stays first in the queue, so put never sends
// past it.
func (o *outbox) feed() {
	for {
		o.mu.Lock()
		if len(o.queue) == 0 {
			o.feeding = false
			if o.closed {
				close(o.out)
			}
			o.mu.Unlock()
			return
		}
		e := o.queue[0]
		o.mu.Unlock()
		o.out <- e
		o.mu.Lock()
		o.queue[0] = Event{}
		o.queue = o.queue[1:]
		o.mu.Unlock()
	}
}

// close ends delivery: events put before it still reach the reader, then
// the channel closes. It never waits for the reader.
func (o *outbox) close() {
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.closed {
		return
	}
	o.closed = true
	if !o.feeding {
		close(o.out)
	}
}
