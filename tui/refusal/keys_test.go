package refusal

import (
	"context"
	"strings"
	"testing"

	"github.com/tuner-iptv/tuner/tui/common"
)

func TestRebindingTakeOver(t *testing.T) {
	d := &fakeDoctor{}
	com := common.New(nil, nil)
	com.Keys = common.KeyOverrides{"take-over": {"T"}}
	m := NewBusy(context.Background(), com, Options{Doctor: d, Getenv: noEnv}, ch, busyErr())
	if got := screen(m); !strings.Contains(got, "  T     Take over") {
		t.Fatalf("the option does not name the new key:\n%s", got)
	}
	press(t, m, "t")
	if len(d.takeOvers) != 0 {
		t.Fatal("t still takes over")
	}
	press(t, m, "T")
	if len(d.takeOvers) != 1 {
		t.Fatal("T does not take over")
	}
}
