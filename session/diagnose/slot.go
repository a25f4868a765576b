package diagnose

import (
	"fmt"
	"time"

	"github.com/tuner-iptv/tuner/internal/words"
)

// MinInterval is the shortest time between two account-info requests while
// waiting for a slot: panels ban addresses that ask more often.
const MinInterval = 15 * time.Second

// RebootSteps are the occupied-slot fixes, in order. tuner does the first
// step itself before showing the rest.
func RebootSteps() []string {
	return []string{
		"tuner first stops every player it started on this machine (it does this itself).",
		"Reboot your router and every other IPTV device on this account (TV box, TV app, phone).",
		"Prefer a cable to Wi-Fi: a dropped wireless link leaves the session open on the provider's side.",
		"Next time, stop the stream before disconnecting a VPN.",
		"Then retry.",
	}
}

const (
	contactStep = "If that does not help, ask the provider to end the last connected session; " +
		"tuner writes the message for you."
	waitStep = "Or wait and retry: tuner asks for the account info every 15 s (never the stream) " +
		"and plays as soon as a slot is free."
)

func slotOther(f *facts) Diagnosis {
	d := Diagnosis{
		Title: "Connection slot in use",
		LikelyCause: "Usually a device lost its connection (internet drop, VPN dropped or disconnected " +
			"before the stream was stopped) without telling the provider to stop, so the provider still " +
			"counts that session. Less often, someone else is using the account.",
		CanWait: f.e.Source == SourceXtream,
	}
	switch {
	case f.full:
		d.Summary = fmt.Sprintf("Your account allows %s, and the provider says %d %s in use. %s",
			words.Count(f.allowed, "connection"), f.inUse, isAre(f.inUse), notOurs(f.inUse))
	case f.bodySaysLimit:
		d.Summary = "The provider says the account's connection limit is reached. " + notOurs(0)
	default:
		d.Summary = fmt.Sprintf("The provider refused the stream with %s and no explanation. "+
			"That is how IPTV panels answer when every connection of the account is in use; "+
			"tuner could not read the account info to confirm it.", statusText(f.status))
		d.LikelyCause += " If the username or password in the source changed, check them too."
	}
	d.Evidence = lines(f.answerLine(), f.challengeLine(), f.slotsLine(), f.limitLine(), f.accountErrLine(), f.noOwnLine())
	d.Advice = slotAdvice(d.CanWait)
	return d
}

func slotOwn(f *facts) Diagnosis {
	d := Diagnosis{CanWait: f.e.Source == SourceXtream}
	inUse := ""
	if f.full {
		inUse = fmt.Sprintf("Your account allows %s, and the provider says %d %s in use: ",
			words.Count(f.allowed, "connection"), f.inUse, isAre(f.inUse))
	}
	switch f.ownWhy {
	case ownHeld:
		d.Title = "Slot held by another tuner"
		d.Summary = inUse + "another tuner on this machine is playing on this account."
		d.LikelyCause = "A second tuner (in another terminal or SSH session) holds the slot."
		d.Advice = []string{"Stop playback in the other tuner, or run `tuner stop` to stop every tuner player here.", "Then retry."}
	case ownRecovered:
		d.Title = "Slot held by tuner's last session"
		d.Summary = inUse + "the provider may still count the session tuner had open when it stopped unexpectedly."
		d.LikelyCause = "tuner crashed or was killed while playing; if the network dropped as well, " +
			"the provider never saw the stream end and keeps the slot until its own timeout."
		d.Advice = slotAdvice(d.CanWait)
	case ownTSRecent:
		d.Title = "Slot still counted for tuner's last stream"
		d.Summary = inUse + fmt.Sprintf("the provider still counts the stream tuner closed %s ago.",
			human(f.now.Sub(f.own.ReleasedAt)))
		d.LikelyCause = "Some panels keep counting a closed connection for a few seconds. " +
			"The slot frees by itself shortly."
		d.RetryAfter = MinInterval
		d.Advice = append([]string{fmt.Sprintf("Wait about %s, then retry.", human(MinInterval))}, slotAdvice(d.CanWait)[1:]...)
		d.Advice[1] = "If it is still refused after that: " + lowerFirst(d.Advice[1])
	default:
		left := hlsLeft(f)
		d.Title = "Slot still counted for tuner's last stream"
		d.Summary = inUse + fmt.Sprintf("the provider still counts the HLS stream tuner stopped %s ago.",
			human(f.now.Sub(f.own.ReleasedAt)))
		d.LikelyCause = "An HLS stream has no connection to close: panels count it until no request " +
			"has come for 30-60 s. The slot frees by itself shortly."
		d.RetryAfter = left
		d.Advice = append([]string{fmt.Sprintf("Wait about %s, then retry.", human(left))}, slotAdvice(d.CanWait)[1:]...)
		d.Advice[1] = "If it is still refused after that: " + lowerFirst(d.Advice[1])
	}
	if inUse == "" {
		d.Summary = upperFirst(d.Summary)
	}
	d.Evidence = lines(f.answerLine(), f.slotsLine(), f.limitLine(), f.accountErrLine(), f.ownLine())
	return d
}

// hlsLeft is the rest of the HLS grace period, never less than one poll interval.
func hlsLeft(f *facts) time.Duration {
	left := f.own.ReleasedAt.Add(HLSGrace).Sub(f.now)
	return max(left.Round(time.Second), MinInterval)
}

func slotAdvice(canWait bool) []string {
	steps := append(RebootSteps(), contactStep)
	if canWait {
		steps = append(steps, waitStep)
	}
	return steps
}

// notOurs says who holds the connections tuner does not.
func notOurs(inUse int) string {
	if inUse == 1 {
		return "tuner is not using it, so another device or a session that dropped without stopping holds it."
	}
	return "tuner is using none of them, so other devices or sessions that dropped without stopping hold them."
}

func isAre(n int) string {
	if n == 1 {
		return "is"
	}
	return "are"
}

func upperFirst(s string) string {
	if s == "" || s[0] < 'a' || s[0] > 'z' {
		return s
	}
	return string(s[0]-'a'+'A') + s[1:]
}

func lowerFirst(s string) string {
	if s == "" || s[0] < 'A' || s[0] > 'Z' {
		return s
	}
	return string(s[0]-'A'+'a') + s[1:]
}
