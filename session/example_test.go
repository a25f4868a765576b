package session_test

import (
	"context"
	"fmt"
	"os"
	"time"

	"github.com/tuner-iptv/tuner/playlist"
	"github.com/tuner-iptv/tuner/session"
	"github.com/tuner-iptv/tuner/session/lease"
)

// How the command line wires playback: recover what a crashed run left,
// make the Manager, route signals through Close, play, and close on quit.
func Example() {
	ctx := context.Background()
	store, err := lease.Open("") // $XDG_STATE_HOME/tuner
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return
	}
	if r, err := session.Recover(ctx, store); err == nil {
		for _, msg := range r.Messages() {
			fmt.Println(msg)
		}
		// After asking the person:
		session.StopOrphans(ctx, store, r.Orphans)
	}
	m, err := session.New(session.Options{
		Player: "mpv", // from --player
		Store:  store,
		Accounts: map[string]session.Account{
			"my provider": session.AccountFrom(&playlist.Account{Server: "http://provider.example:8080", Username: "alice", MaxConnections: 1}, 0),
		},
	})
	if err != nil {
		fmt.Fprintln(os.Stderr, err) // e.g. "mpv not found: install it with ..."
		return
	}
	stop := session.OnSignals(m, 5*time.Second, func(os.Signal) { os.Exit(0) })
	defer stop()
	defer m.Close(ctx) // the quit key takes the same path

	go func() {
		for e := range m.Events() {
			fmt.Println(e.State, e.Message)
		}
	}()
	ch := playlist.Channel{Name: "News", URL: "http://provider.example:8080/live/alice/secret/1.ts", Source: "my provider"}
	if err := m.Play(ctx, ch); err != nil {
		fmt.Fprintln(os.Stderr, err) // *session.RefusedError, *session.SlotBusyError, ...
	}
}
