package guide

import (
	"strings"
	"testing"

	"github.com/tuner-iptv/tuner/playlist"
	"github.com/tuner-iptv/tuner/playlist/epg"
	"github.com/tuner-iptv/tuner/tui/common"
)

func TestRebindingKeys(t *testing.T) {
	g, k := day(t)
	com := common.New(nil, nil)
	com.Keys = common.KeyOverrides{"schedule": {"v"}, "down": {"down", "J"}}
	m := New(com, now, playlist.Channel{Name: "One"}, g, k)
	m.SetSize(80, 22)

	if cmd := press(m, "e"); cmd != nil {
		t.Error("e still closes the schedule")
	}
	if cmd := press(m, "v"); cmd == nil {
		t.Error("the schedule key does not close the schedule")
	} else if _, ok := cmd().(CloseMsg); !ok {
		t.Error("the schedule key does something other than close")
	}
	press(m, "j")
	if got := cursorTitle(m); got != "Show 18" {
		t.Errorf("j still moves down, to %q", got)
	}
	press(m, "J")
	if got := cursorTitle(m); got != "Show 19" {
		t.Errorf("J does not move down: on %q", got)
	}
}

func TestLoadingNamesTheScheduleKey(t *testing.T) {
	com := common.New(nil, nil)
	com.Keys = common.KeyOverrides{"schedule": {"v"}}
	m := New(com, now, playlist.Channel{Name: "Loading"}, nil, epg.Key{})
	m.SetLoading(true)
	m.SetSize(80, 22)
	if s := screen(m); !strings.Contains(s, "Press esc, and v again") {
		t.Fatalf("the loading note does not name the schedule key:\n%s", s)
	}
}
