package sim

import (
	"encoding/base64"
	"encoding/json"
	"net"
	"net/http"
	"strconv"
	"time"
)

// createdAt is the account's fixed creation time, 2024-01-01 00:00 UTC.
const createdAt = 1704067200

type userInfo struct {
	Username       string   `json:"username"`
	Password       string   `json:"password"`
	Message        string   `json:"message"`
	Auth           int      `json:"auth"`
	Status         Status   `json:"status"`
	ExpDate        *string  `json:"exp_date"`
	IsTrial        string   `json:"is_trial"`
	ActiveCons     string   `json:"active_cons"`
	CreatedAt      string   `json:"created_at"`
	MaxConnections string   `json:"max_connections"`
	AllowedFormats []string `json:"allowed_output_formats"`
}

type serverInfo struct {
	URL            string `json:"url"`
	Port           string `json:"port"`
	HTTPSPort      string `json:"https_port"`
	ServerProtocol string `json:"server_protocol"`
	RTMPPort       string `json:"rtmp_port"`
	Timezone       string `json:"timezone"`
	TimestampNow   int64  `json:"timestamp_now"`
	TimeNow        string `json:"time_now"`
	Process        bool   `json:"process"`
}

type accountInfo struct {
	UserInfo   userInfo   `json:"user_info"`
	ServerInfo serverInfo `json:"server_info"`
}

type category struct {
	ID       string `json:"category_id"`
	Name     string `json:"category_name"`
	ParentID int    `json:"parent_id"`
}

type epgListing struct {
	ID             string `json:"id"`
	EPGID          string `json:"epg_id"`
	Title          string `json:"title"`
	Lang           string `json:"lang"`
	Start          string `json:"start"`
	End            string `json:"end"`
	Description    string `json:"description"`
	ChannelID      string `json:"channel_id"`
	StartTimestamp string `json:"start_timestamp"`
	StopTimestamp  string `json:"stop_timestamp"`
}

// apiGate runs the checks player_api.php, get.php and xmltv.php share: rate
// limit, APIStatus5xx, APIDelay and credentials. It logs the requests it
// refuses (the caller logs the rest) and reports whether the credentials were
// right and whether the handler should go on.
func (s *Server) apiGate(w http.ResponseWriter, r *http.Request, endpoint string) (auth, ok bool) {
	if !s.admit(w, r, KindAPI) {
		s.logAPI(r, endpoint, false, http.StatusTooManyRequests)
		return false, false
	}
	user, pass := r.FormValue("username"), r.FormValue("password") // may read a POST body: not under the lock
	s.mu.Lock()
	f := s.cfg.Faults
	auth = user == s.cfg.Username && pass == s.cfg.Password
	s.mu.Unlock()
	if f.APIStatus5xx != 0 {
		s.logAPI(r, endpoint, auth, f.APIStatus5xx)
		s.refuse(w, s.rejectionLocking(r, KindAPI, RejectFault, f.APIStatus5xx))
		return auth, false
	}
	if !sleepCtx(r.Context(), f.APIDelay) {
		return auth, false
	}
	return auth, true
}

func (s *Server) rejectionLocking(r *http.Request, kind Kind, why Reason, status int) Rejection {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.rejection(r, kind, why, status)
}

func (s *Server) logAPI(r *http.Request, endpoint string, auth bool, status int) {
	action := r.FormValue("action")
	s.mu.Lock()
	defer s.mu.Unlock()
	s.apiLog = append(s.apiLog, APIRequest{
		Time: s.now(), Endpoint: endpoint, Action: action,
		Remote: r.RemoteAddr, Auth: auth, Status: status,
	})
	s.notifyLocked()
}

func (s *Server) handleAPI(w http.ResponseWriter, r *http.Request) {
	auth, ok := s.apiGate(w, r, "player_api.php")
	if !ok {
		return
	}
	s.logAPI(r, "player_api.php", auth, http.StatusOK)
	w.Header().Set("Content-Type", "application/json")
	if !auth {
		_, _ = w.Write([]byte(`{"user_info":{"auth":0}}`))
		return
	}
	s.mu.Lock()
	active := s.statusLocked() == Active
	s.mu.Unlock()
	action := r.FormValue("action")
	if action != "" && !active {
		// Panels list nothing for an account that may not watch.
		_, _ = w.Write([]byte(`[]`))
		return
	}
	switch action {
	case "":
		writeJSON(w, s.accountInfo(r))
	case "get_live_categories":
		s.writeCategories(w)
	case "get_live_streams":
		s.writeStreams(w, r)
	case "get_short_epg", "get_simple_data_table":
		s.writeShortEPG(w, r)
	case "get_vod_categories":
		writeVODCategories(w, movieCategories)
	case "get_vod_streams":
		s.writeVODStreams(w, r)
	case "get_vod_info":
		s.writeVODInfo(w, r)
	case "get_series_categories":
		writeVODCategories(w, seriesCategories)
	case "get_series":
		s.writeSeries(w, r)
	case "get_series_info":
		s.writeSeriesInfo(w, r)
	default:
		_, _ = w.Write([]byte(`[]`))
	}
}

func writeJSON(w http.ResponseWriter, v any) {
	_ = json.NewEncoder(w).Encode(v)
}

func (s *Server) accountInfo(r *http.Request) accountInfo {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.expireLocked()
	now := s.now()
	var exp *string
	if !s.cfg.ExpDate.IsZero() {
		e := strconv.FormatInt(s.cfg.ExpDate.Unix(), 10)
		exp = &e
	}
	host, port, err := net.SplitHostPort(r.Host)
	if err != nil {
		host, port = r.Host, "80"
	}
	return accountInfo{
		UserInfo: userInfo{
			Username: s.cfg.Username, Password: s.cfg.Password,
			Message: "Welcome to the tuner test panel", Auth: 1, Status: s.statusLocked(),
			ExpDate: exp, IsTrial: "0",
			ActiveCons:     strconv.Itoa(s.activeLocked()),
			CreatedAt:      strconv.Itoa(createdAt),
			MaxConnections: strconv.Itoa(s.cfg.MaxConnections),
			AllowedFormats: []string{"m3u8", "ts"},
		},
		ServerInfo: serverInfo{
			URL: host, Port: port, HTTPSPort: "443", ServerProtocol: "http", RTMPPort: "8880",
			Timezone: s.loc.String(), TimestampNow: now.Unix(),
			TimeNow: now.In(s.loc).Format(time.DateTime), Process: true,
		},
	}
}

func (s *Server) writeCategories(w http.ResponseWriter) {
	cats := make([]category, s.lineup.groupCount())
	for g := range cats {
		cats[g] = category{ID: strconv.Itoa(g + 1), Name: groups[g].name}
	}
	writeJSON(w, cats)
}

// writeStreams writes the channel list one element at a time, so a list of
// hundreds of thousands never sits in memory whole.
func (s *Server) writeStreams(w http.ResponseWriter, r *http.Request) {
	from, to := 0, s.lineup.size()
	if c := r.FormValue("category_id"); c != "" {
		g, err := strconv.Atoi(c)
		if err != nil || g < 1 || g > s.lineup.groupCount() {
			_, _ = w.Write([]byte(`[]`))
			return
		}
		from, to = s.lineup.groupStart(g-1), s.lineup.groupStart(g)
	}
	base := baseURL(r)
	w.Header().Set("Content-Type", "application/json")
	buf := make([]byte, 0, 64<<10)
	buf = append(buf, '[')
	for i := from; i < to; i++ {
		if i > from {
			buf = append(buf, ',')
		}
		ch := s.lineup.channel(i)
		buf = appendLiveStream(buf, ch, base, s.ArchiveDays(ch.ID))
		if len(buf) > 60<<10 {
			if _, err := w.Write(buf); err != nil {
				return
			}
			buf = buf[:0]
		}
	}
	buf = append(buf, "]\n"...)
	_, _ = w.Write(buf)
}

func (s *Server) writeShortEPG(w http.ResponseWriter, r *http.Request) {
	id, _ := strconv.Atoi(r.FormValue("stream_id"))
	limit, err := strconv.Atoi(r.FormValue("limit"))
	if err != nil || limit <= 0 {
		limit = 4
	}
	ch, ok := s.lineup.byID(id)
	out := struct {
		Listings []epgListing `json:"epg_listings"`
	}{Listings: []epgListing{}}
	if ok && ch.TvgID != "" {
		now := s.now()
		progs := programmes(ch, now, now.Add(guideBlock*2))
		for _, p := range progs[:min(limit, len(progs))] {
			out.Listings = append(out.Listings, s.listing(ch, p))
		}
	}
	writeJSON(w, out)
}

// listing encodes a programme as get_short_epg does: base64 text, local times
// as strings, epoch seconds as strings.
func (s *Server) listing(ch Channel, p Programme) epgListing {
	enc := base64.StdEncoding.EncodeToString
	return epgListing{
		ID:             strconv.Itoa(ch.ID) + strconv.FormatInt(p.Start.Unix(), 10),
		EPGID:          strconv.Itoa(ch.CategoryID),
		Title:          enc([]byte(p.Title)),
		Lang:           "en",
		Start:          p.Start.In(s.loc).Format(time.DateTime),
		End:            p.Stop.In(s.loc).Format(time.DateTime),
		Description:    enc([]byte(p.Desc)),
		ChannelID:      ch.TvgID,
		StartTimestamp: strconv.FormatInt(p.Start.Unix(), 10),
		StopTimestamp:  strconv.FormatInt(p.Stop.Unix(), 10),
	}
}

func baseURL(r *http.Request) string { return "http://" + r.Host }

func logoURL(base string, id int) string { return base + "/logo/" + strconv.Itoa(id) + ".png" }
