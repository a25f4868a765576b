package player

import (
	"context"
	"encoding/json"
	"net"
	"os"
	"path/filepath"
	"syscall"
	"time"

	"github.com/tuner-iptv/tuner/internal/atomicfile"
	"github.com/tuner-iptv/tuner/session/lease"
)

// An mpv that tuner starts lives in a private folder of its own, beside its
// IPC socket and an owner file naming the tuner that started it (written
// before mpv starts) and mpv itself (once started). A tuner killed before it
// could record its player in a lease leaves that mpv behind, idle or, in
// direct mode, still playing; the owner file lets `tuner stop` find it.
const (
	socketDirPattern = "tuner-mpv-*"
	ownerFile        = "owner.json"
)

type owner struct {
	Tuner  lease.Proc `json:"tuner"`
	Player lease.Proc `json:"player,omitzero"`
}

func writeOwner(dir string, o owner) error {
	b, err := json.Marshal(o)
	if err != nil {
		return err
	}
	return atomicfile.Write(filepath.Join(dir, ownerFile), b, 0o600)
}

// StopStrays quits the mpv players whose tuner is gone and that no lease
// records, found through their folders in dir (the system's temporary
// folder when empty). It asks each over its own socket to quit, which needs
// no pid, and kills one that does not only when its start time matches the
// owner file. It returns the players it stopped.
func StopStrays(ctx context.Context, dir string, grace time.Duration) ([]lease.Proc, error) {
	if dir == "" {
		dir = os.TempDir()
	}
	found, err := filepath.Glob(filepath.Join(dir, socketDirPattern))
	if err != nil {
		return nil, err
	}
	var stopped []lease.Proc
	for _, d := range found {
		o, ok := strayOwner(d)
		if !ok {
			continue
		}
		if quitStray(ctx, d, o, grace) {
			stopped = append(stopped, o.Player)
		}
		os.RemoveAll(d)
	}
	return stopped, nil
}

// strayOwner reads the owner of a folder that is this user's private one
// and whose tuner no longer runs.
func strayOwner(dir string) (owner, bool) {
	st, err := os.Lstat(dir)
	if err != nil || !st.IsDir() || st.Mode().Perm() != 0o700 {
		return owner{}, false
	}
	if sys, ok := st.Sys().(*syscall.Stat_t); !ok || int(sys.Uid) != os.Getuid() {
		return owner{}, false
	}
	b, err := atomicfile.ReadRegular(filepath.Join(dir, ownerFile), 64<<10)
	if err != nil {
		return owner{}, false
	}
	var o owner
	if json.Unmarshal(b, &o) != nil || o.Tuner.IsZero() || o.Tuner.Alive() {
		return owner{}, false
	}
	return o, true
}

// quitStray asks the mpv on dir's socket to quit and waits for it to close
// the socket; it reports whether an mpv was there.
func quitStray(ctx context.Context, dir string, o owner, grace time.Duration) bool {
	d := net.Dialer{Timeout: time.Second}
	conn, err := d.DialContext(ctx, "unix", filepath.Join(dir, "mpv.sock"))
	if err != nil {
		// No socket (mpv died, or was killed before it made one): only a
		// process the owner file names exactly is stopped.
		killed, _ := KillGroup(ctx, o.Player, grace)
		return killed || o.Player.Identified()
	}
	defer conn.Close()
	conn.Write([]byte(`{"command":["quit"]}` + "\n"))
	conn.SetReadDeadline(time.Now().Add(grace))
	buf := make([]byte, 4096)
	for {
		if _, err := conn.Read(buf); err != nil {
			break // EOF once mpv quit, or the grace ran out
		}
	}
	if o.Player.Identified() {
		KillGroup(ctx, o.Player, grace)
	}
	return true
}
