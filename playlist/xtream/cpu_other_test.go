//go:build !unix

package xtream

import "time"

func cpuTime() time.Duration { return 0 }
