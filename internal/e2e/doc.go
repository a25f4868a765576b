// Package e2e holds end-to-end tests that run the built tuner binary in a
// tmux terminal against the provider simulator, with a real mpv, and assert
// on what the screen shows and on the connections the simulator saw.
//
// Run them with:
//
//	go test -count=1 ./internal/e2e/
//
// They need tmux and mpv; without them the tests skip, unless CI=true, where
// they fail.
package e2e
