package tui

import (
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/tuner-iptv/tuner/playlist"
	"github.com/tuner-iptv/tuner/playlist/catchup"
	"github.com/tuner-iptv/tuner/session"
	"github.com/tuner-iptv/tuner/tui/common"
	"github.com/tuner-iptv/tuner/tui/guide"
)

// replays turns the schedule's and the grid's requests into playback: a
// programme's replay from the provider's archive, or the channel live.
type replays struct {
	app  *hub
	opts *Options
	load *loader
	play *playback
}

func (r replays) update(msg tea.Msg) (tea.Cmd, bool) {
	switch msg := msg.(type) {
	case guide.PlayLiveMsg:
		r.app.pop()
		return r.play.start(msg.Channel, nil, 0), true
	case guide.ReplayMsg:
		return r.replay(msg), true
	}
	return nil, false
}

func (r replays) replay(msg guide.ReplayMsg) tea.Cmd {
	_, zone := r.load.archiveOf(msg.Channel)
	ch, err := catchup.Replay(msg.Channel, msg.Spec, msg.Start, msg.Stop, r.opts.Now(), zone)
	if err != nil {
		r.app.status = common.StatusMsg{Text: playlist.Printable(msg.Title) + ": " + err.Error(), Err: true}
		return nil
	}
	// The lease and the status bar name the channel and the programme.
	ch.Extra.Item.Title = msg.Channel.Name + ": " + msg.Title
	r.app.pop()
	return r.play.start(ch, nil, 0)
}

// replayText is the now-playing line's word on a replay: what, when it
// aired, and where it stands of its length.
func replayText(ch playlist.Channel, st session.Stats, now time.Time) (string, session.Stats) {
	it := ch.ItemInfo()
	if it == nil {
		return ch.Name, st
	}
	name := "replay · " + playlist.Printable(it.Title)
	if it.Title == "" {
		name = "replay · " + ch.Name
	}
	name += " · aired " + it.Aired.In(now.Location()).Format("Mon 15:04")
	if it.Seconds > 0 {
		// A replay's own timestamps are the broadcast's, and a player's
		// idea of its length is the archive file's: the programme's length
		// and the time played say more.
		st.Length = time.Duration(it.Seconds) * time.Second
		st.Position = st.Elapsed
	}
	return name, st
}
