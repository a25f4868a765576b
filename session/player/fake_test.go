package player

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strings"
	"sync"
	"syscall"
	"time"
)

// The test binary doubles as a fake player: linked under the name "mpv" (or
// any other) and started with fakeEnv set, it runs fakeMain instead of the
// tests. As mpv it speaks enough of the JSON IPC protocol and, like a real
// player, fetches the URL it is given.
const (
	fakeEnv     = "TUNER_FAKE_PLAYER"
	fakeLogEnv  = "TUNER_FAKE_PLAYER_LOG"
	stubbornEnv = "TUNER_FAKE_PLAYER_STUBBORN"
	terminalEnv = "TUNER_FAKE_PLAYER_TERMINAL"
	fakeEnvLog  = "TUNER_FAKE_PLAYER_ENVIRON"
	// With noSoundEnv set, the fake mpv has no sound device as real mpv
	// 0.35 behaves then: its first file plays with a warning, and every
	// later file in the same process ends at once with an error.
	noSoundEnv   = "TUNER_FAKE_PLAYER_NO_SOUND"
	fakeOpenWait = 5 * time.Second
)

func fakeMain() {
	if log := os.Getenv(fakeLogEnv); log != "" {
		f, _ := os.OpenFile(log, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o600)
		fmt.Fprintln(f, strings.Join(os.Args[1:], " "))
		f.Close()
	}
	if log := os.Getenv(fakeEnvLog); log != "" {
		os.WriteFile(log, []byte(strings.Join(os.Environ(), "\n")), 0o600)
	}
	if os.Getenv(stubbornEnv) != "" {
		signal.Ignore(syscall.SIGTERM)
	}
	if os.Getenv(terminalEnv) != "" {
		fakeTerminal()
	}
	sock := ""
	for i, a := range os.Args[1:] {
		if v, ok := strings.CutPrefix(a, "--input-ipc-server="); ok {
			sock = v
		}
		if a == "--rc-host" && i+2 < len(os.Args) {
			fakeVLC(os.Args[i+2])
		}
	}
	if sock == "" {
		// Not mpv: a player that plays until told to stop.
		select {}
	}
	ln, err := net.Listen("unix", sock)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	for {
		c, err := ln.Accept()
		if err != nil {
			os.Exit(2)
		}
		// Like mpv, every client is served at once.
		go (&fakeMPV{out: c}).serve(c)
	}
}

type fakeMPV struct {
	mu    sync.Mutex
	out   io.Writer
	entry int
	body  io.Closer
	loads int
	pos   float64 // seconds into the file, as time-pos reports it
}

// fakeCommand reads an IPC command sent as a list or with named arguments,
// as the list it stands for and the named arguments.
func fakeCommand(raw json.RawMessage) ([]any, map[string]any) {
	var list []any
	if json.Unmarshal(raw, &list) == nil {
		return list, nil
	}
	var named map[string]any
	if json.Unmarshal(raw, &named) != nil {
		return nil, nil
	}
	return []any{named["name"], named["url"]}, named
}

// fakeStart reads start=SECONDS from loadfile's options.
func fakeStart(opts any) float64 {
	s, _ := opts.(string)
	var at float64
	fmt.Sscanf(strings.TrimPrefix(s, "start="), "%g", &at)
	return at
}

func (f *fakeMPV) send(v map[string]any) {
	f.mu.Lock()
	defer f.mu.Unlock()
	b, _ := json.Marshal(v)
	f.out.Write(append(b, '\n'))
}

func (f *fakeMPV) prop(name string, v any) {
	id := 0
	for i, n := range observed {
		if n == name {
			id = i
		}
	}
	f.send(map[string]any{"event": "property-change", "id": id, "name": name, "data": v})
}

func (f *fakeMPV) serve(c net.Conn) {
	sc := bufio.NewScanner(c)
	for sc.Scan() {
		var req struct {
			Command   json.RawMessage `json:"command"`
			RequestID int             `json:"request_id"`
		}
		if json.Unmarshal(sc.Bytes(), &req) != nil {
			continue
		}
		cmd, named := fakeCommand(req.Command)
		if len(cmd) == 0 {
			continue
		}
		f.send(map[string]any{"error": "success", "request_id": req.RequestID, "data": nil})
		switch cmd[0] {
		case "observe_property":
			if cmd[2] == "idle-active" {
				f.prop("idle-active", true)
			}
		case "loadfile":
			f.stop("stop")
			f.mu.Lock()
			f.pos = fakeStart(named["options"])
			f.mu.Unlock()
			f.load(cmd[1].(string))
		case "seek":
			f.mu.Lock()
			f.pos += cmd[1].(float64)
			pos := f.pos
			f.mu.Unlock()
			f.prop("time-pos", pos)
		case "stop":
			f.stop("stop")
		case "quit":
			if os.Getenv(stubbornEnv) == "" {
				os.Exit(0)
			}
		}
	}
	os.Exit(0)
}

func (f *fakeMPV) load(url string) {
	f.mu.Lock()
	f.entry++
	entry := f.entry
	f.mu.Unlock()
	f.send(map[string]any{"event": "start-file", "playlist_entry_id": entry})
	f.prop("idle-active", false)
	if os.Getenv(noSoundEnv) != "" {
		f.mu.Lock()
		f.loads++
		first := f.loads == 1
		f.mu.Unlock()
		if !first {
			f.send(map[string]any{"event": "end-file", "reason": "error", "file_error": "no audio or video data played", "playlist_entry_id": entry})
			f.prop("idle-active", true)
			return
		}
		f.send(map[string]any{"event": "log-message", "level": "error", "prefix": "cplayer", "text": "Could not open/initialize audio device -> no sound.\n"})
	}
	client := &http.Client{Timeout: fakeOpenWait}
	resp, err := client.Get(url)
	if err != nil || resp.StatusCode != http.StatusOK {
		if err == nil {
			resp.Body.Close()
		}
		// What real mpv says for a 401 without WWW-Authenticate.
		f.send(map[string]any{"event": "end-file", "reason": "error", "file_error": "loading failed", "playlist_entry_id": entry})
		f.prop("idle-active", true)
		return
	}
	f.mu.Lock()
	f.body = resp.Body
	f.mu.Unlock()
	go func() {
		buf := make([]byte, 4096)
		if _, err := io.ReadFull(resp.Body, buf); err != nil {
			return
		}
		f.prop("video-params", map[string]int{"w": 1280, "h": 720})
		f.mu.Lock()
		pos := f.pos
		f.mu.Unlock()
		f.prop("duration", 3600.0)
		f.prop("time-pos", pos)
		f.prop("core-idle", false)
		f.send(map[string]any{"event": "playback-restart"})
		io.Copy(io.Discard, resp.Body)
	}()
}

func (f *fakeMPV) stop(reason string) {
	f.mu.Lock()
	body, entry := f.body, f.entry
	f.body = nil
	f.mu.Unlock()
	if body == nil {
		return
	}
	body.Close()
	f.prop("time-pos", nil)
	f.prop("core-idle", true)
	f.send(map[string]any{"event": "end-file", "reason": reason, "playlist_entry_id": entry})
	f.prop("idle-active", true)
}

// fakeVLC answers VLC's rc commands on addr: add, stop, quit.
func fakeVLC(addr string) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		os.Exit(2)
	}
	c, err := ln.Accept()
	if err != nil {
		os.Exit(2)
	}
	var body io.Closer
	stop := func() {
		if body != nil {
			body.Close()
			body = nil
		}
	}
	sc := bufio.NewScanner(c)
	for sc.Scan() {
		cmd, arg, _ := strings.Cut(sc.Text(), " ")
		switch cmd {
		case "add":
			stop()
			if resp, err := http.Get(arg); err == nil {
				body = resp.Body
				go io.Copy(io.Discard, resp.Body)
			}
		case "stop":
			stop()
		case "quit":
			if os.Getenv(stubbornEnv) == "" {
				os.Exit(0)
			}
		}
		fmt.Fprintln(c, "> ")
	}
	os.Exit(0)
}

// fakeTerminal is mpv drawing in the terminal: it draws a frame on stdout
// and quits when q arrives on stdin, with mpv's exit status for Ctrl-C on
// c and for a failed file on e.
func fakeTerminal() {
	fmt.Fprintln(os.Stdout, "\x1b[48;2;1;2;3mframe")
	in := bufio.NewReader(os.Stdin)
	for {
		b, err := in.ReadByte()
		if err != nil {
			os.Exit(3)
		}
		switch b {
		case 'q':
			os.Exit(0)
		case 'c': // Ctrl-C
			os.Exit(4)
		case 'e': // a broken stream
			os.Exit(2)
		}
	}
}
