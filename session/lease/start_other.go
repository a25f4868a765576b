//go:build !darwin

package lease

// sysStartTime has no source here beyond /proc.
func sysStartTime(int) (uint64, error) { return 0, errNoStartTime }
