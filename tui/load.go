package tui

import (
	"context"

	tea "charm.land/bubbletea/v2"

	"github.com/tuner-iptv/tuner/playlist"
	"github.com/tuner-iptv/tuner/playlist/prefs"
	"github.com/tuner-iptv/tuner/session/doctor"
	"github.com/tuner-iptv/tuner/tui/browser"
	"github.com/tuner-iptv/tuner/tui/refusal"
)

// loadMsg is one step of loading source i: progress, or the end (final).
type loadMsg struct {
	source      int
	done, total int64
	final       bool
	pl          *playlist.Playlist
	err         error
	next        <-chan loadMsg
}

// loadCmd loads one source in the background. Progress comes back through a
// channel, one message at a time, each re-issuing the wait for the next
// (bubbletea's realtime pattern). Progress that arrives faster than it is
// drawn is dropped; the final message never is.
func loadCmd(ctx context.Context, i int, src playlist.Source) tea.Cmd {
	return func() tea.Msg {
		ch := make(chan loadMsg, 1)
		go func() {
			pl, err := src.Load(ctx, func(done, total int64) {
				select {
				case ch <- loadMsg{source: i, done: done, total: total}:
				default:
				}
			})
			ch <- loadMsg{source: i, final: true, pl: pl, err: err}
		}()
		return waitLoad(ch)()
	}
}

func waitLoad(ch <-chan loadMsg) tea.Cmd {
	return func() tea.Msg {
		msg := <-ch
		if !msg.final {
			msg.next = ch
		}
		return msg
	}
}

// catalogMsg carries a catalog built in the background; seq orders builds so
// an older, slower one never replaces a newer one.
type catalogMsg struct {
	seq uint64
	cat *browser.Catalog
}

func buildCmd(seq uint64, pls []*playlist.Playlist, newSearcher func([]string) browser.Searcher, store *prefs.Store) tea.Cmd {
	return func() tea.Msg {
		return catalogMsg{seq: seq, cat: browser.Build(pls, newSearcher, store)}
	}
}

// loadReportMsg is the doctor's word on an account refused as it loaded.
type loadReportMsg struct {
	source string
	report doctor.Report
	ok     bool
}

// diagnoseLoadCmd asks the doctor whether a load's answer (its error, or
// the account it carries) means the provider refuses the account itself.
func diagnoseLoadCmd(ctx context.Context, d refusal.Doctor, source string, acct *playlist.Account, err error) tea.Cmd {
	if d == nil {
		return nil
	}
	return func() tea.Msg {
		rep, ok := d.DiagnoseLoad(ctx, source, acct, err)
		return loadReportMsg{source: source, report: rep, ok: ok}
	}
}
