package tui

import (
	"context"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/tuner-iptv/tuner/playlist"
	"github.com/tuner-iptv/tuner/tui/common"
	"github.com/tuner-iptv/tuner/tui/library"
)

// Library is what the Recordings catalogue shows and does: the files in
// the recordings folder with the schedule's entries to come, played and
// deleted through the caller, which owns the files and the player.
type Library interface {
	// List reads the recordings and the schedule as they are now.
	List(ctx context.Context) ([]library.Item, error)
	// Play plays the item's file: one this tuner records on the
	// connection the recording holds, any other from the disk, needing no
	// slot. Whatever played is stopped first.
	Play(ctx context.Context, it library.Item) error
	// Delete removes a finished item's file and its info, or cancels an
	// entry of the schedule that is still to come or records.
	Delete(ctx context.Context, it library.Item) error
}

// recordingsKey opens the Recordings catalogue from the browser.
func recordingsKey(o common.KeyOverrides) key.Binding {
	return o.Bind(common.ActionRecordings, key.NewBinding(key.WithKeys("W"), key.WithHelp("W", "recordings")))
}

// catalogue runs the Recordings screen's requests off the UI goroutine.
type catalogue struct {
	app  *hub
	ctx  context.Context
	com  *common.Common
	opts *Options
	play *playback
}

type deletedMsg struct {
	it  library.Item
	err error
}

func (c catalogue) update(msg tea.Msg) (tea.Cmd, bool) {
	lib := c.opts.Library
	if lib == nil {
		return nil, false
	}
	switch msg := msg.(type) {
	case library.ListMsg:
		ctx := c.ctx
		return func() tea.Msg {
			items, err := lib.List(ctx)
			return library.ListedMsg{Items: items, Err: err}
		}, true
	case library.PlayMsg:
		return c.play.playItem(msg.Item), true
	case library.AskDeleteMsg:
		return c.app.push(newDeleteAsk(c.com, msg.Item, c.opts.Now)), true
	case library.DeleteMsg:
		ctx := c.ctx
		return func() tea.Msg { return deletedMsg{it: msg.Item, err: lib.Delete(ctx, msg.Item)} }, true
	case deletedMsg:
		c.app.status = c.deleted(msg)
		return func() tea.Msg { return library.ListMsg{} }, true
	}
	return nil, false
}

func (c catalogue) deleted(msg deletedMsg) common.StatusMsg {
	name := playlist.Printable(msg.it.Name())
	switch {
	case msg.err != nil:
		return common.StatusMsg{Text: name + ": " + c.com.Mask(msg.err.Error()), Err: true}
	case msg.it.Cancels():
		return common.StatusMsg{Text: "cancelled the recording of " + name}
	}
	return common.StatusMsg{Text: "deleted the recording of " + name}
}

// playItem plays a recording's file as a start the status bar follows.
func (p *playback) playItem(it library.Item) tea.Cmd {
	lib := p.opts.Library
	ch := asRecording(playlist.Channel{Name: it.Name()})
	ch.Extra.Item.Aired, ch.Extra.Item.Until = it.Start, it.Until
	if lib == nil || !p.begin(ch) {
		return nil
	}
	ctx := p.ctx
	return p.run(p.seq, func() error { return lib.Play(ctx, it) })
}

// openRecordings pushes the Recordings catalogue.
func (m *Model) openRecordings() tea.Cmd {
	if m.opts.Library == nil {
		return nil
	}
	return m.push(library.New(m.com, m.opts.Now))
}
