// Benchmark of the grid's frame against the browser's, the floor the issue
// sets: 300,000 channels, the first 2,000 with a week of hourly programmes,
// at 120x40 with the cursor among the guided ones. It reports the grid's
// time per frame and its ratio to the browser's in the same run.
//
//	go test -run '^$' -bench GridFrame -benchtime 200x ./tui/grid/
package grid

import (
	"fmt"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/tuner-iptv/tuner/playlist"
	"github.com/tuner-iptv/tuner/tui/browser"
	"github.com/tuner-iptv/tuner/tui/common"
	"github.com/tuner-iptv/tuner/tui/styles"
)

func BenchmarkGridFrame(b *testing.B) {
	const channels, guided = 300_000, 2_000
	g := hourly(b, guided)
	com := common.New(styles.New(true), nil)
	m := New(com, source(g, channels, guided), now, 1000)
	m.SetSize(120, 38)

	chans := make([]playlist.Channel, channels)
	for i := range chans {
		chans[i] = playlist.Channel{Name: fmt.Sprintf("Channel %d", i), Group: fmt.Sprintf("G%d", i%40), Source: "s"}
	}
	br := browser.New(b.Context(), com, nil)
	br.SetSize(120, 38)
	br.Update(browser.CatalogMsg{Catalog: browser.Build([]*playlist.Playlist{{Source: "s", Channels: playlist.List(chans)}}, nil, nil)})
	for range 1000 {
		br.Update(tea.KeyPressMsg{Code: tea.KeyDown})
	}

	frame := func(view func() string) time.Duration {
		start := time.Now()
		for range b.N {
			_ = view()
		}
		return time.Since(start) / time.Duration(b.N)
	}
	b.ResetTimer()
	floor := frame(br.View)
	grid := frame(m.View)
	b.ReportMetric(float64(grid.Microseconds())/1000, "grid-ms")
	b.ReportMetric(float64(floor.Microseconds())/1000, "browser-ms")
	b.ReportMetric(float64(grid)/float64(floor), "x-browser")
}
