// Package session owns what is being watched: the slot lease, the stream gate on
// 127.0.0.1, the external players, and the diagnosis of a refused stream.
// It imports no terminal library; the TUI and the command line drive it.
//
// # Locks and who may call what
//
// A Manager has two locks of its own, and its event outbox a third:
//
//   - Manager.mu is held for the whole of Play, Stop and Close, so one of them
//     runs at a time and the slot is stopped before it is started again. It
//     guards the gate, the record of what panels were seen to do (lingers)
//     and the Manager's closed state. Lease store, player and gate calls are
//     made under it; they take only their own locks.
//   - Manager.stateMu guards what a reader must not wait for a slow start to
//     learn: the current playback and the latest account (which change under
//     both locks), the accounts by source, a starting Play's cancel and
//     whether Close has begun. Slots, GateURL, SetAccount and the
//     cancellation of a start take only this lock.
//   - outbox.mu guards the queue of events not yet taken by the reader.
//
// The order is mu, then stateMu or outbox.mu. Those two are leaves: nothing is
// locked, sent, waited for or called out to while one is held, and neither is
// taken under the other. Emitting an event never blocks, so it is allowed under
// mu, from the watcher, anywhere.
//
// Each playback has one watcher goroutine, started by Play. The watcher never
// takes mu: Stop, Close and a Play that zaps hold mu while they cancel the
// watcher and wait for it to return. A playback ends in finish (upstream
// closed, player stopped if asked, lease released), called only by its owner:
// the watcher while it runs, otherwise the holder of mu before the watcher
// starts or after it returned; so finish needs no lock of its own, and others
// only look at whether it is done. The start's outcome reaches Play once,
// through a channel with room for it; later outcomes become events.
//
// Stop and Close first cancel a Play still starting, without mu, then take mu;
// Close also marks the Manager closing under stateMu, where Play records its
// cancel, so a start is either cancelled by Close or sees Close has begun.
// The screen calls Play, Stop and Close from commands, never from its update
// loop, and reads Events on its own; a screen that stops reading delays no
// one, and loses only stats.
//
// A movie or an episode keeps its position. finish reads where the player
// stands before it stops anything (once the player is gone, the last position
// the stats read, under the playback's posMu, a leaf like stateMu) and hands it
// to Options.Positions after the lease is released; so Stop, a zap, Close and
// the signals, and the player closing by itself all record it. PlayAt and Seek
// go to the player over its IPC; through the gate each seek is a new ranged
// request, opened only after the last one's provider connection was hung up.
//
// A recording (record.go) holds a slot of its own. Record runs under mu, so
// it and Play each see the other's slot taken; the recordings under way are
// kept under stateMu. Each has a goroutine of the recorder (session/record)
// that opens one connection at a time through the gate and never takes mu,
// and a watcher that gives the lease back once the recorder is done. Close
// stops the recordings under mu and waits for their leases.
//
// Watching a recording (watch.go) is a playback like any other, taken and
// stopped under mu with its watcher, but it reads a local file the gate
// follows as it grows (gate.FileStream), so it holds no lease and counts
// for no slot: Slots and Record look past it, and its finish stops the
// file's stream and the player, never the recording.
package session
