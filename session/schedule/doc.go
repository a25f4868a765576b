// Package schedule keeps the recordings to be made later in one file under
// the state folder, schedule.json, shared by the TUI, `tuner record --at`
// and `tuner recorder`: read and rewritten whole under a file lock, replaced
// atomically, so two writers never lose each other's entries and a crash
// never leaves half a file.
//
// It also runs the schedule (Runner): each entry starts at its padded start
// and stops at its padded stop through a Starter that cmd wires to a
// recording Manager. The package knows nothing of slots or players and
// never sees a password: an entry holds the channel's masked URL only.
package schedule
