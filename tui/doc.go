// Package tui is what the person sees: a stack of screens, the status bar
// and the footer under them, and the controllers that load, play and fetch
// the guide on the screens' behalf. It never touches a process or a socket;
// session does, from commands.
//
// # The stack
//
// The browser (package browser) is the bottom screen and never leaves.
// Every other screen is pushed on top of it and popped again: the refusal
// screens (refusal), the schedule (guide), the help (help.go), and every
// screen to come. A screen is a common.Component; the top one takes the keys
// and draws, the ones beneath keep their state until they are on top again.
// The stack is in stack.go.
//
//   - To push, send common.PushMsg (common.Push(screen) is the command), or,
//     inside a controller, call push on the hub.
//   - To pop, send common.PopMsg (common.Pop). refusal.BackMsg and
//     guide.CloseMsg are that message under the screens' own names. A popped
//     screen that implements common.Closer is closed, so whatever it still
//     runs is cancelled.
//
// The help is an overlay: it covers the remote panel too, shows only "any
// key close help" in the footer, closes on any key, and closes when another
// screen is pushed, since it is about the screen beneath.
//
// # How messages are routed
//
// Model.Update only routes (model.go):
//
//   - the window size, the terminal's colours and grapheme mode, push, pop,
//     status notes (common.StatusMsg) and the end of quitting are the
//     root's own;
//   - a key goes first to the global keys (quit, help), then to the play
//     keys while the browser is on top and takes no text (stop, copy the
//     URL), and otherwise to the top screen alone;
//   - any other message goes to hub.send (hub.go): to every controller that
//     takes it and to every screen on the stack that subscribes to it
//     (common.Subscriber); a message nobody takes (the mouse, pasted text, a
//     screen's own results) goes to the top screen.
//
// The browser subscribes to the catalog, what plays and the guide, so it is
// up to date when the screen above it pops; nothing reaches into it.
//
// # Controllers
//
// A controller owns one part of what the app does: its state, the commands
// it runs, and the screens it opens.
//
//   - loader (load.go): loads the sources, builds the catalog, opens the
//     refusal screen for an account refused as it loads;
//   - playback (play.go, terminal.go): plays through session.Controller,
//     follows its events, opens the refusal screens;
//   - guides (epg.go): loads, matches and refreshes the programme guide;
//   - openers (screens.go): pushes the screens another screen asks for.
//
// Async results carry the tag of the request (a sequence number, the
// catalog they were built for), and a result whose tag is no longer the
// latest is dropped. Commands capture the values they need when they are
// made, never the model.
//
// # Adding a screen
//
// Write the screen in one file of its own package: its model, a KeyMap with
// ShortHelp and FullHelp (the footer and the help show the top screen's),
// and its view. Then register it with one line: a case in openers.update
// (screens.go) for the message that asks for it, or, when it needs nothing
// the controllers know, return common.Push(screen) from the screen that
// opens it. Pop it with common.PopMsg. If it has keys of its own, list its
// LiveKeys in liveKeys (keys.go) so CheckKeys finds clashes on it.
package tui
