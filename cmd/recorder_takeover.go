package cmd

import (
	"context"
	"errors"
	"log/slog"
	"os"

	"github.com/tuner-iptv/tuner/playlist"
	"github.com/tuner-iptv/tuner/session"
	"github.com/tuner-iptv/tuner/session/lease"
	"github.com/tuner-iptv/tuner/session/schedule"
)

// freeForRecording stops the playback other tuners on this machine hold on
// e's account when a scheduled recording's time comes and finds every slot
// taken: the person scheduled it, was warned before it began, and it must
// not be lost to a channel left on. A recording is never stopped for
// another, and nothing on another machine is touched. It reports whether
// it stopped anything.
func freeForRecording(ctx context.Context, store *lease.Store, e schedule.Entry, log *slog.Logger) (bool, error) {
	act, err := store.Active()
	if err != nil {
		return false, err
	}
	host, _ := os.Hostname()
	self := lease.Self()
	var playing []lease.Lease
	for _, l := range act {
		if l.Account() == e.Account && l.Kind != playlist.KindRecording.String() && l.Tuner != self &&
			(l.Hostname == "" || l.Hostname == host) {
			playing = append(playing, l)
		}
	}
	if len(playing) == 0 {
		return false, nil
	}
	log.Info("a scheduled recording takes the slot from what plays", "account", e.Account,
		"playing", playing[0].What(), "recording", e.Name())
	busy := &session.SlotBusyError{Account: e.Account, Limit: e.Limit, Holders: playing}
	return true, session.TakeOver(ctx, store, busy)
}

// recordTakingSlot records through mgr and, when a player here holds the
// slot the recording needs, stops it and tries once more.
func recordTakingSlot(ctx context.Context, mgr *session.Manager, ch playlist.Channel, e schedule.Entry, req session.RecordRequest, log *slog.Logger) (*session.Recording, error) {
	r, err := mgr.Record(ctx, ch, req)
	var taken *session.SlotTakenError
	if !errors.As(err, &taken) {
		return r, err
	}
	stopped, ferr := freeForRecording(ctx, mgr.Store(), e, log)
	if ferr != nil {
		log.Warn("the player holding the slot was not stopped", "err", ferr)
	}
	if !stopped {
		return nil, err
	}
	return mgr.Record(ctx, ch, req)
}
