package cmd

import (
	"context"
	"fmt"
)

// runBrowser opens the channel browser.
func runBrowser(ctx context.Context, g *globals) error {
	srcs, err := g.sources(ctx, nil)
	if err != nil {
		return err
	}
	_ = srcs
	return fmt.Errorf("the channel browser is not built yet; use `tuner list` meanwhile")
}
