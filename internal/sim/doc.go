// Package sim is an Xtream Codes panel simulator: the provider behind
// `tuner demo` and the test bed for everything that touches a connection slot.
//
// # What it serves
//
//   - /player_api.php: account info (user_info and server_info with numbers as
//     strings, exp_date as epoch seconds or null, and the password, as panels
//     send them), action=get_live_categories, get_live_streams (optional
//     category_id) and get_short_epg (stream_id, limit; base64 text). Wrong
//     credentials answer 200 with {"user_info":{"auth":0}}.
//   - /get.php?username=&password=&type=m3u_plus|m3u&output=ts|m3u8 and
//     /xmltv.php, a guide from 3 h before to 9 h after now whose channel ids
//     are the list's tvg-ids. With Config.PlaylistVOD, m3u_plus lists the
//     movies and episodes after the channels, as panels do.
//   - /live/U/P/ID.ts: an endless MPEG-TS stream, a committed 8 s clip (test
//     pattern and 1 kHz tone, made by assets/make-clip.sh) looped with
//     timestamps and continuity counters carried across loops, paced at the
//     clip's byte rate after a first second sent at once.
//   - /live/U/P/ID.m3u8: a master playlist with one variant at
//     /hls/TOKEN/index.m3u8, a live media playlist whose 2 s segments
//     /hls/TOKEN/N.ts follow a rolling media sequence.
//   - /logo/ID.png: a small PNG per channel (some channels have none).
//   - action=get_vod_categories, get_vod_streams (optional category_id),
//     get_vod_info (vod_id), get_series_categories, get_series and
//     get_series_info (series_id): a film and series catalogue with what
//     panels really send: ids as numbers and as strings, ratings as strings,
//     numbers, "" and null, movies without container_extension, info as [],
//     category_ids arrays, episodes keyed by season, as an array of arrays or
//     as one flat list, and PHP's escaped slashes. Posters are /poster/ID.png.
//   - /movie/U/P/ID.EXT and /series/U/P/ID.EXT: a movie's or an episode's
//     file, the clip looped for its running time (or Config.VODLength), under
//     any extension, with Range support (206 with Content-Range, 416 past the
//     end, Accept-Ranges) at real-time pace after the first 10 s of it sent at
//     once, the read-ahead a player wants.
//
// The lineup is deterministic: Config.Channels channels (300 by default, any
// size up to hundreds of thousands, generated on demand) in country-prefixed
// groups such as "UK | News" and "JP | 総合", with accented, Greek, Cyrillic,
// Arabic, CJK and emoji names; every 23rd channel has no tvg-id and every 11th
// no logo, as in real lists.
//
// The catalogue is deterministic too: Config.Movies movies (60 by default)
// and Config.Series series (12) of one to four seasons, generated on demand,
// so Movies: 100000, Series: 20000 makes a large panel for benchmarks.
//
// # Slots
//
// A TS stream holds a slot from its response until its TCP connection closes;
// a movie or episode response holds one until its last byte is sent or its
// client leaves, so every seek (a new ranged request) is a new connection and
// a player that opens it before closing the last needs two slots.
// An HLS session (one per username, client host and stream) holds one until
// Config.HLSGrace passes without a request from it. Beyond MaxConnections the
// panel answers 401 with an empty body and no WWW-Authenticate (Reject401) or
// cuts the oldest connection (KickOldest). Wrong credentials get 401, an
// Expired, Banned or Disabled account 403, an unknown stream 404; none of these
// take a slot. Faults add a slow first byte, a drop mid-stream, 5xx answers, a
// rate limit (429), an IP lock (401 or 403 with slots free) and Linger: a TS
// slot that stays counted after its client left, as when a player vanished in
// a Wi-Fi or VPN drop, the case behind most 401s.
//
// # Test API
//
// Start a server on a free loopback port and close it with the test:
//
//	s := sim.New(sim.Config{MaxConnections: 1, OverLimit: sim.Reject401})
//	if err := s.Start("127.0.0.1:0"); err != nil { ... }
//	defer s.Close()
//	url := s.StreamURL(1, "ts") // or s.URL(), s.Username(), s.Password()
//
// What happened:
//
//   - Connections: every connection, current and past, with Kind (ts, hls,
//     movie, episode, other), the Range a movie or episode asked for, stream, client address, Open and Close times (and Disconnected,
//     when a TS client left), why it closed, bytes sent and HLS requests.
//     Active counts the slots in use, Peak the most ever in use at once.
//   - Rejections: every refused request with its Reason, status and masked path.
//   - APIRequests: every player_api.php, get.php and xmltv.php request with its
//     time and action, to check that a client polls politely.
//
// Waiting without sleeps: WaitActive(ctx, n) returns once exactly n slots are
// in use; WaitFor(ctx, cond) once any condition over the server holds. Both
// wake on every change and end with ctx.
//
// Changing the world while it runs: Occupy(n) holds n slots as "another
// device" and returns a release function; Kick(id) cuts one connection;
// SetStatus (leaving Active cuts every connection), SetExpDate,
// SetMaxConnections, SetPassword, SetOverLimit and SetFaults apply to the
// next request; Control does the same from text commands ("status Banned",
// "occupy 1", "fault linger 45s"), for scripts. Config.Clock takes a FakeClock so the HLS grace period, expiry
// dates and rate windows can be stepped with Advance instead of waited for;
// stream pacing and the HLS media sequence always run on real time.
//
// For people, DemoConfig is the account `tuner demo` serves and PrintAccount
// prints how to use a running server.
package sim
