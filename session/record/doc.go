// Package record writes a stream to a file as the provider sends it: a TS
// stream as it is, an HLS stream's segments joined into one TS. Beside each
// recording lies an info file (NAME.json) that says how far it got, so a
// crash leaves a playable file and a record of it, and the next start marks
// a recording nobody writes any more as partial.
//
// The package knows nothing of slots, leases or the gate: session opens the
// connections (through the gate, holding the lease) and hands them in
// through Options.Open. Nothing here ever sees a password: the info file
// holds the channel's masked URL and masked error texts only.
package record
