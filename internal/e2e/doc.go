// Package e2e holds end-to-end tests that run the built tuner binary in a
// tmux terminal against the provider simulator, with a real mpv, and assert
// on what the screen shows and on the connections the simulator saw.
//
// Run them with:
//
//	go test -count=1 ./internal/e2e/
//
// They need tmux and mpv; without them the tests skip, unless CI=true, where
// they fail. Tests of behaviour tuner does not have yet sit behind the
// e2e_pending build tag:
//
//	go test -count=1 -tags e2e_pending -run Pending ./internal/e2e/
//
// Benchmarks, timed at the simulator (see bench_test.go):
//
//	go test -count=1 -run '^$' -bench . -benchtime=20x ./internal/e2e/
package e2e
