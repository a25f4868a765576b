package sim_test

import (
	"bufio"
	"bytes"
	"encoding/base64"
	"encoding/json"
	"encoding/xml"
	"image/png"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/tuner-iptv/tuner/internal/sim"
)

func TestAccountInfoAsPanelsSendIt(t *testing.T) {
	now := time.Date(2026, 6, 1, 18, 30, 0, 0, time.UTC)
	s := start(t, sim.Config{
		Clock: sim.NewFakeClock(now), MaxConnections: 2,
		ExpDate: time.Date(2026, 7, 1, 0, 0, 0, 0, time.UTC), Timezone: "Europe/Berlin",
	})
	s.Occupy(1)
	_, _, body := getBody(t, apiURL(s, ""))

	// Panels send numbers as strings; clients must cope, so the simulator must too.
	var raw map[string]map[string]any
	decode(t, body, &raw)
	for _, field := range []string{"max_connections", "active_cons", "exp_date", "created_at", "is_trial"} {
		if _, ok := raw["user_info"][field].(string); !ok {
			t.Errorf("user_info.%s is %T, want a string", field, raw["user_info"][field])
		}
	}
	if _, ok := raw["server_info"]["timestamp_now"].(float64); !ok {
		t.Errorf("server_info.timestamp_now is %T, want a number", raw["server_info"]["timestamp_now"])
	}

	a := accountOf(t, s)
	u, si := a.UserInfo, a.ServerInfo
	if u.Auth != 1 || u.Status != "Active" || u.Username != "demo" || u.MaxConnections != "2" || u.ActiveCons != "1" {
		t.Fatalf("user_info %+v", u)
	}
	if u.ExpDate == nil || *u.ExpDate != strconv.FormatInt(time.Date(2026, 7, 1, 0, 0, 0, 0, time.UTC).Unix(), 10) {
		t.Fatalf("exp_date %v", u.ExpDate)
	}
	if len(u.AllowedFormats) == 0 {
		t.Fatal("no allowed_output_formats")
	}
	if si.URL+":"+si.Port != strings.TrimPrefix(s.URL(), "http://") || si.ServerProtocol != "http" {
		t.Fatalf("server_info url %q port %q for %s", si.URL, si.Port, s.URL())
	}
	if si.Timezone != "Europe/Berlin" || si.TimestampNow != now.Unix() || si.TimeNow != "2026-06-01 20:30:00" {
		t.Fatalf("server_info time %q %d %q", si.Timezone, si.TimestampNow, si.TimeNow)
	}
}

func TestWrongCredentialsOnTheAPI(t *testing.T) {
	s := start(t, sim.Config{})
	tests := []struct{ name, query string }{
		{"account info", ""},
		{"stream list", "&action=get_live_streams"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, body := getBody(t, s.URL()+"/player_api.php?username=demo&password=wrong"+tt.query)
			if code != http.StatusOK || strings.TrimSpace(string(body)) != `{"user_info":{"auth":0}}` {
				t.Fatalf("status %d body %s", code, body)
			}
		})
	}
	log := s.APIRequests()
	if len(log) != 2 || log[0].Auth || log[1].Action != "get_live_streams" || log[0].Endpoint != "player_api.php" {
		t.Fatalf("API log %+v", log)
	}
}

type stream struct {
	Num          int     `json:"num"`
	Name         string  `json:"name"`
	StreamID     int     `json:"stream_id"`
	StreamIcon   string  `json:"stream_icon"`
	EPGChannelID *string `json:"epg_channel_id"`
	CategoryID   string  `json:"category_id"`
	StreamType   string  `json:"stream_type"`
}

func streams(t *testing.T, s *sim.Server, query string) []stream {
	t.Helper()
	_, _, body := getBody(t, apiURL(s, "action=get_live_streams"+query))
	var out []stream
	decode(t, body, &out)
	return out
}

func TestCategoriesAndStreams(t *testing.T) {
	s := start(t, sim.Config{})
	_, _, body := getBody(t, apiURL(s, "action=get_live_categories"))
	var cats []struct {
		ID   string `json:"category_id"`
		Name string `json:"category_name"`
	}
	decode(t, body, &cats)
	if len(cats) < 20 {
		t.Fatalf("%d categories, want a realistic spread", len(cats))
	}
	prefixed := regexp.MustCompile(`^\S+ \| \S`)
	for _, c := range cats {
		if !prefixed.MatchString(c.Name) {
			t.Errorf("category %q is not country-prefixed", c.Name)
		}
	}

	_, _, raw := getBody(t, apiURL(s, "action=get_live_streams"))
	if !bytes.Contains(raw, []byte(`\/logo\/`)) || !bytes.Contains(raw, []byte(`\u`)) {
		t.Fatalf("stream list is not escaped as PHP's json_encode does: %.300s", raw)
	}
	all := streams(t, s, "")
	if len(all) != 300 {
		t.Fatalf("%d streams, want the default 300", len(all))
	}
	names := map[string]bool{}
	nonASCII, cjk := 0, 0
	for i, st := range all {
		if st.StreamID != i+1 || st.Num != i+1 || st.StreamType != "live" || st.Name == "" {
			t.Fatalf("stream %d: %+v", i, st)
		}
		if names[st.Name] {
			t.Fatalf("name %q repeats", st.Name)
		}
		names[st.Name] = true
		if utf8.RuneCountInString(st.Name) != len(st.Name) {
			nonASCII++
		}
		if strings.ContainsAny(st.Name, "総新예") {
			cjk++
		}
	}
	if nonASCII < 20 || cjk == 0 {
		t.Fatalf("%d names beyond ASCII, %d CJK; want unicode well represented", nonASCII, cjk)
	}

	total := 0
	for _, c := range cats {
		in := streams(t, s, "&category_id="+c.ID)
		if len(in) == 0 {
			t.Fatalf("category %s is empty", c.Name)
		}
		for _, st := range in {
			if st.CategoryID != c.ID {
				t.Fatalf("stream %d in category %s says %s", st.StreamID, c.ID, st.CategoryID)
			}
		}
		total += len(in)
	}
	if total != len(all) {
		t.Fatalf("categories hold %d streams of %d", total, len(all))
	}
	if got := streams(t, s, "&category_id=9999"); len(got) != 0 {
		t.Fatalf("unknown category lists %d streams", len(got))
	}
}

func TestShortEPG(t *testing.T) {
	now := time.Date(2026, 6, 1, 18, 40, 0, 0, time.UTC)
	s := start(t, sim.Config{Clock: sim.NewFakeClock(now), Timezone: "UTC"})
	_, _, body := getBody(t, apiURL(s, "action=get_short_epg&stream_id=2&limit=3"))
	var epg struct {
		Listings []struct {
			Title          string `json:"title"`
			Description    string `json:"description"`
			Start          string `json:"start"`
			ChannelID      string `json:"channel_id"`
			StartTimestamp string `json:"start_timestamp"`
			StopTS         string `json:"stop_timestamp"`
		} `json:"epg_listings"`
	}
	decode(t, body, &epg)
	if len(epg.Listings) != 3 {
		t.Fatalf("%d listings, want limit 3", len(epg.Listings))
	}
	ch, _ := s.Channel(2)
	prevStop := ""
	for i, l := range epg.Listings {
		title, err := base64.StdEncoding.DecodeString(l.Title)
		if err != nil || len(title) == 0 || !utf8.Valid(title) {
			t.Fatalf("listing %d title %q: %v", i, l.Title, err)
		}
		if _, err := base64.StdEncoding.DecodeString(l.Description); err != nil {
			t.Fatalf("listing %d description: %v", i, err)
		}
		start, _ := strconv.ParseInt(l.StartTimestamp, 10, 64)
		stop, _ := strconv.ParseInt(l.StopTS, 10, 64)
		if i == 0 && (start > now.Unix() || stop <= now.Unix()) {
			t.Fatalf("first listing %d-%d does not cover now %d", start, stop, now.Unix())
		}
		if l.Start != time.Unix(start, 0).UTC().Format(time.DateTime) || l.ChannelID != ch.TvgID {
			t.Fatalf("listing %d: start %q for %d, channel %q want %q", i, l.Start, start, l.ChannelID, ch.TvgID)
		}
		if prevStop != "" && l.StartTimestamp != prevStop {
			t.Fatalf("listing %d starts at %s, the one before ends at %s", i, l.StartTimestamp, prevStop)
		}
		prevStop = l.StopTS
	}
}

var extinf = regexp.MustCompile(`^#EXTINF:-1 tvg-id="([^"]*)" tvg-name="([^"]+)" tvg-logo="([^"]*)" group-title="([^"]+)",(.+)$`)

func TestGetPHPPlaylist(t *testing.T) {
	s := start(t, sim.Config{})
	code, _, body := getBody(t, s.URL()+"/get.php?username=demo&password=demo&type=m3u_plus&output=ts")
	if code != http.StatusOK {
		t.Fatalf("status %d", code)
	}
	lines := strings.Split(strings.TrimSpace(string(body)), "\n")
	wantHeader := `#EXTM3U url-tvg="` + s.URL() + `/xmltv.php?username=demo&password=demo"`
	if !strings.HasPrefix(lines[0], wantHeader) {
		t.Fatalf("header %q, want it to start %q", lines[0], wantHeader)
	}
	api := streams(t, s, "")
	if len(lines) != 1+2*len(api) {
		t.Fatalf("%d lines for %d channels", len(lines), len(api))
	}
	for i, st := range api {
		m := extinf.FindStringSubmatch(lines[1+2*i])
		if m == nil {
			t.Fatalf("line %q is not an extended #EXTINF", lines[1+2*i])
		}
		tvg := ""
		if st.EPGChannelID != nil {
			tvg = *st.EPGChannelID
		}
		if m[1] != tvg || m[2] != st.Name || m[3] != st.StreamIcon || m[5] != st.Name {
			t.Fatalf("playlist entry %q disagrees with the API's %+v", lines[1+2*i], st)
		}
		if want := s.StreamURL(st.StreamID, "ts"); lines[2+2*i] != want {
			t.Fatalf("URL %q, want %q", lines[2+2*i], want)
		}
	}

	_, _, hls := getBody(t, s.URL()+"/get.php?username=demo&password=demo&type=m3u_plus&output=m3u8")
	if !strings.Contains(string(hls), s.StreamURL(1, "m3u8")+"\n") {
		t.Fatal("output=m3u8 does not list .m3u8 URLs")
	}
	_, _, plain := getBody(t, s.URL()+"/get.php?username=demo&password=demo&type=m3u")
	if !strings.HasPrefix(string(plain), "#EXTM3U\n#EXTINF:-1,UK: ") {
		t.Fatalf("type=m3u starts %.60q", plain)
	}
}

func TestPlaylistAndGuideRefusals(t *testing.T) {
	tests := []struct {
		name   string
		status sim.Status
		pass   string
		code   int
		reason sim.Reason
	}{
		{"wrong password", sim.Active, "wrong", http.StatusUnauthorized, sim.RejectCredentials},
		{"banned account", sim.Banned, "demo", http.StatusForbidden, sim.RejectStatus},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := start(t, sim.Config{Status: tt.status})
			for _, ep := range []string{"get.php", "xmltv.php"} {
				code, _, body := getBody(t, s.URL()+"/"+ep+"?username=demo&password="+tt.pass)
				if code != tt.code || len(body) != 0 {
					t.Fatalf("%s: status %d body %q, want %d and empty", ep, code, body, tt.code)
				}
			}
			r := s.Rejections()
			if len(r) != 2 || r[0].Reason != tt.reason || r[0].Kind != sim.KindAPI {
				t.Fatalf("rejections %+v", r)
			}
		})
	}
}

type xmltv struct {
	Channels []struct {
		ID   string `xml:"id,attr"`
		Name string `xml:"display-name"`
	} `xml:"channel"`
	Programmes []struct {
		Start   string `xml:"start,attr"`
		Stop    string `xml:"stop,attr"`
		Channel string `xml:"channel,attr"`
		Title   string `xml:"title"`
	} `xml:"programme"`
}

func TestXMLTVCoversNowForEveryGuideChannel(t *testing.T) {
	now := time.Date(2026, 6, 1, 23, 50, 0, 0, time.UTC)
	s := start(t, sim.Config{Clock: sim.NewFakeClock(now)})
	_, h, body := getBody(t, s.URL()+"/xmltv.php?username=demo&password=demo")
	if !strings.HasPrefix(h.Get("Content-Type"), "application/xml") {
		t.Fatalf("content type %q", h.Get("Content-Type"))
	}
	var g xmltv
	if err := xml.Unmarshal(body, &g); err != nil {
		t.Fatal(err)
	}
	tvgIDs := map[string]bool{}
	for _, st := range streams(t, s, "") {
		if st.EPGChannelID != nil {
			tvgIDs[*st.EPGChannelID] = true
		}
	}
	if len(g.Channels) != len(tvgIDs) {
		t.Fatalf("guide has %d channels, the list %d tvg-ids", len(g.Channels), len(tvgIDs))
	}
	covered := map[string]bool{}
	for _, c := range g.Channels {
		if !tvgIDs[c.ID] || c.Name == "" {
			t.Fatalf("guide channel %+v is not in the list", c)
		}
	}
	for _, p := range g.Programmes {
		start, err1 := time.Parse("20060102150405 -0700", p.Start)
		stop, err2 := time.Parse("20060102150405 -0700", p.Stop)
		if err1 != nil || err2 != nil || !stop.After(start) || p.Title == "" || !tvgIDs[p.Channel] {
			t.Fatalf("programme %+v", p)
		}
		if !start.After(now) && stop.After(now) {
			covered[p.Channel] = true
		}
	}
	if len(covered) != len(tvgIDs) {
		t.Fatalf("%d of %d channels have a programme at %v", len(covered), len(tvgIDs), now)
	}
}

func TestLineupIsDeterministic(t *testing.T) {
	a := start(t, sim.Config{})
	b := start(t, sim.Config{})
	_, _, pa := getBody(t, a.URL()+"/get.php?username=demo&password=demo&type=m3u_plus")
	_, _, pb := getBody(t, b.URL()+"/get.php?username=demo&password=demo&type=m3u_plus")
	if strings.ReplaceAll(string(pa), a.URL(), "") != strings.ReplaceAll(string(pb), b.URL(), "") {
		t.Fatal("two servers with one config list different channels")
	}
}

func TestBigLineup(t *testing.T) {
	s := start(t, sim.Config{Channels: 20000})
	all := streams(t, s, "")
	if len(all) != 20000 {
		t.Fatalf("%d streams, want 20000", len(all))
	}
	seen, names := map[string]bool{}, map[string]bool{}
	for _, st := range all {
		if names[st.Name] {
			t.Fatalf("name %q repeats", st.Name)
		}
		names[st.Name] = true
		if st.EPGChannelID == nil {
			continue
		}
		if seen[*st.EPGChannelID] {
			t.Fatalf("tvg-id %q repeats", *st.EPGChannelID)
		}
		seen[*st.EPGChannelID] = true
	}
	resp := get(t, s.URL()+"/get.php?username=demo&password=demo&type=m3u_plus")
	defer resp.Body.Close()
	n := 0
	sc := bufio.NewScanner(resp.Body)
	for sc.Scan() {
		if strings.HasPrefix(sc.Text(), "#EXTINF") {
			n++
		}
	}
	if n != 20000 {
		t.Fatalf("get.php lists %d channels, want 20000", n)
	}
}

func TestLogos(t *testing.T) {
	s := start(t, sim.Config{})
	all := streams(t, s, "")
	withLogo, without := all[0], stream{}
	for _, st := range all {
		if st.StreamIcon == "" {
			without = st
			break
		}
	}
	code, h, body := getBody(t, withLogo.StreamIcon)
	if code != http.StatusOK || h.Get("Content-Type") != "image/png" {
		t.Fatalf("logo: status %d type %q", code, h.Get("Content-Type"))
	}
	if _, err := png.Decode(bytes.NewReader(body)); err != nil {
		t.Fatalf("logo: %v", err)
	}
	if without.StreamID == 0 {
		t.Fatal("every channel has a logo; real lists have gaps")
	}
	if code, _, _ := getBody(t, s.URL()+"/logo/"+strconv.Itoa(without.StreamID)+".png"); code != http.StatusNotFound {
		t.Fatalf("logo of a channel without one: status %d", code)
	}
}

func TestPrintAccount(t *testing.T) {
	s := start(t, sim.DemoConfig())
	var b bytes.Buffer
	sim.PrintAccount(&b, s)
	for _, want := range []string{
		s.URL(), "username     demo", "password     demo-password",
		"tuner --xtream " + s.URL() + " --username demo",
		"mpv " + s.StreamURL(1, "ts"),
	} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, b.String())
		}
	}
}

func TestAPIAcceptsAPostedForm(t *testing.T) {
	s := start(t, sim.Config{})
	resp, err := client().PostForm(s.URL()+"/player_api.php", map[string][]string{
		"username": {"demo"}, "password": {"demo"}, "action": {"get_live_categories"},
	})
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var cats []map[string]any
	if err := json.NewDecoder(resp.Body).Decode(&cats); err != nil || len(cats) == 0 {
		t.Fatalf("posted get_live_categories: %v, %d categories", err, len(cats))
	}
}
