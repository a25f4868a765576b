package playlist

import (
	"fmt"
	"math/rand/v2"
	"testing"
)

func TestSieveKeepsWhatItWasGivenAndLittleElse(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	name := func() string {
		// Names alike at both ends, as a provider's are.
		return fmt.Sprintf("UK: %s %d HD", []string{"BBC", "ITV", "Sky", "Channel"}[rng.IntN(4)], rng.IntN(100000))
	}
	var s sieve
	kept := map[string]bool{"": true, "x": true}
	for range 100 {
		kept[name()] = true
	}
	for k := range kept {
		s.add(k)
	}
	for k := range kept {
		if !s.may(k) {
			t.Fatalf("%q was added but the sieve says no", k)
		}
	}
	passed, tried := 0, 0
	for range 20000 {
		if k := name(); !kept[k] {
			tried++
			if s.may(k) {
				passed++
			}
		}
	}
	if passed*50 > tried {
		t.Errorf("%d of %d other names passed the sieve; it should stop all but a few", passed, tried)
	}
}
