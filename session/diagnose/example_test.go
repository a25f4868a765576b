package diagnose_test

import (
	"fmt"
	"time"

	"github.com/tuner-iptv/tuner/internal/diagnosetest"
	"github.com/tuner-iptv/tuner/session/diagnose"
)

func ExampleDiagnose() {
	now := time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)
	e := diagnosetest.Sample(diagnose.SlotOther, now)
	d := diagnose.Diagnose(e)
	fmt.Println(d.Kind, "|", d.Title)
	fmt.Println(d.Summary)
	for _, l := range d.Evidence {
		fmt.Println("-", l)
	}
	fmt.Println(d.CanWait)
	// Output:
	// slot-other | Connection slot in use
	// Your account allows 1 connection, and the provider says 1 is in use. tuner is not using it, so another device or a session that dropped without stopping holds it.
	// - provider answered HTTP 401 Unauthorized with an empty body
	// - account allows 1 connection, 1 in use
	// - tuner holds no lease on this account; its last clean stop was 2 h ago
	// true
}

func ExampleContactMessage() {
	now := time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)
	info := diagnose.NewContactInfo(diagnosetest.Sample(diagnose.SlotOther, now))
	fmt.Print(diagnose.ContactMessage(info))
	// Output:
	// Subject: Please end the last connected session on account demo
	//
	// Hello,
	//
	// My account demo on provider.example:8080 is refused new streams (HTTP 401), although none of my devices is playing. A session that dropped without stopping seems to still hold the connection.
	//
	// Could you please end (kick) the last connected session on this account so I can connect again?
	//
	// What I saw:
	// - account: demo
	// - server: provider.example:8080
	// - time: 2026-11-23 12:00:00 UTC
	// - answer: HTTP 401 Unauthorized
	// - connections in use: 1 of 1 allowed
	// - my player's last clean stop: 2026-11-23 10:00:00 UTC
	//
	// Thank you.
}
