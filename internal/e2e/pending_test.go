//go:build e2e_pending

package e2e

// Tests of behaviour the binary does not have yet go here, named
// TestPending…, and run with
//
//	go test -count=1 -tags e2e_pending -run Pending ./internal/e2e/
//
// None is pending now.
