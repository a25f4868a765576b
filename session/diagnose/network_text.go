package diagnose

func network(f *facts) Diagnosis {
	d := Diagnosis{Evidence: lines(f.answerLine(), f.routeLine())}
	switch f.net {
	case netDNS:
		d.Title = "Provider's name not found"
		d.Summary = "The provider's server name could not be looked up."
		d.LikelyCause = "A typo in the server address, no internet connection, or a DNS server that blocks the name."
		d.Advice = []string{
			"Check the server address in the source settings.",
			"Check that this machine is online.",
			"If you use a VPN or a custom DNS server, try without it or with another one.",
		}
	case netTLS:
		d.Title = "Secure connection failed"
		d.Summary = "The secure (https) connection to the provider could not be set up."
		d.LikelyCause = "The provider's certificate is invalid or expired, the address needs http:// " +
			"instead of https://, or this machine's clock is wrong."
		d.Advice = []string{
			"Check this machine's date and time.",
			"Try the server address with http:// if the provider gave it that way.",
			"If it persists, tell the provider their certificate is not accepted.",
		}
	case netTimeout:
		d.Title = "Provider did not answer in time"
		d.Summary = "The provider's server did not answer in time."
		d.LikelyCause = "A slow or dropped internet connection, a VPN problem, or an overloaded server."
		d.Advice = []string{
			"Check your internet connection.",
			"If you use a VPN, try another server or none.",
			"Try again in a few minutes.",
		}
	case netRefused:
		d.Title = "Connection refused"
		d.Summary = "The provider's server refused the connection."
		d.LikelyCause = "Nothing listens at that port: a wrong port in the server address, or the server is restarting."
		d.Advice = []string{"Check the port in the server address.", "Try again in a few minutes."}
	default:
		d.Title = "Provider unreachable"
		d.Summary = "The provider could not be reached."
		d.LikelyCause = "The internet connection dropped, a VPN or firewall is in the way, or the server is down."
		d.Advice = []string{
			"Check your internet connection (and the VPN, if you use one).",
			"Try again in a few minutes.",
		}
	}
	return d
}
