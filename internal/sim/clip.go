package sim

import (
	_ "embed"
	"errors"
	"fmt"
	"sync"
	"time"
)

// clip.ts is made by assets/make-clip.sh.
//
//go:embed assets/clip.ts
var clipTS []byte

const (
	tsPacket = 188
	tsSync   = 0x47
	// ptsWrap is the modulus of 33-bit PTS, DTS and PCR base values.
	ptsWrap = 1 << 33
)

// clip is the committed MPEG-TS clip prepared for looping: packets split at
// keyframes into segments, each packet's position in its PID's continuity
// sequence, and the loop length in 90 kHz ticks.
type clip struct {
	packets  [][]byte // 188-byte packets of one loop
	ccIndex  []int    // per packet: how many payload packets of its PID came before it
	perLoop  map[uint16]int
	segments []segment // cover packets in order
	loop     int64     // loop duration in 90 kHz ticks
}

type segment struct {
	first, end int     // packet range [first, end)
	seconds    float64 // duration, from the keyframe timestamps
}

// Duration is the length of one loop.
func (c *clip) Duration() time.Duration {
	return time.Duration(c.loop) * time.Second / 90000
}

// Size is the byte length of one loop.
func (c *clip) Size() int { return len(c.packets) * tsPacket }

// ByteRate is the rate, in bytes per second, that plays the clip in real time.
func (c *clip) ByteRate() float64 { return float64(c.Size()) / c.Duration().Seconds() }

// packet returns packet i of loop n, with timestamps moved forward by n loops and
// continuity counters continuing across loops, written into dst.
func (c *clip) packet(dst []byte, n int64, i int) {
	copy(dst, c.packets[i])
	pid := packetPID(dst)
	if hasPayload(dst) {
		cc := (n*int64(c.perLoop[pid]) + int64(c.ccIndex[i])) & 0x0f
		dst[3] = dst[3]&0xf0 | byte(cc)
	}
	shiftTimestamps(dst, n*c.loop)
}

var loadClip = sync.OnceValues(func() (*clip, error) { return parseClip(clipTS) })

func parseClip(data []byte) (*clip, error) {
	if len(data) == 0 || len(data)%tsPacket != 0 {
		return nil, fmt.Errorf("clip: length %d is not a whole number of packets", len(data))
	}
	pkts := make([][]byte, 0, len(data)/tsPacket)
	for off := 0; off < len(data); off += tsPacket {
		p := data[off : off+tsPacket]
		if p[0] != tsSync {
			return nil, fmt.Errorf("clip: lost sync at byte %d", off)
		}
		pkts = append(pkts, p)
	}
	pmtPID, err := findPMT(pkts)
	if err != nil {
		return nil, err
	}
	videoPID, err := findVideo(pkts, pmtPID)
	if err != nil {
		return nil, err
	}
	loop, err := videoLoop(pkts, videoPID)
	if err != nil {
		return nil, err
	}
	pkts = trimOverlap(pkts, loop)
	c := &clip{packets: pkts, loop: loop, perLoop: map[uint16]int{}}
	c.ccIndex = make([]int, len(pkts))
	for i, p := range pkts {
		pid := packetPID(p)
		c.ccIndex[i] = c.perLoop[pid]
		if hasPayload(p) {
			c.perLoop[pid]++
		}
	}
	c.segments = cutSegments(pkts, videoPID, pmtPID, loop)
	return c, nil
}

// videoLoop measures the loop from the video timestamps: last minus first plus
// one frame. The clip has no B-frames, so PTS order is packet order.
func videoLoop(pkts [][]byte, videoPID uint16) (int64, error) {
	var pts []int64
	for _, p := range pkts {
		if packetPID(p) == videoPID && pusi(p) {
			if v, ok := pesPTS(p); ok {
				pts = append(pts, v)
			}
		}
	}
	if len(pts) < 2 {
		return 0, errors.New("clip: too few video frames")
	}
	frame := pts[1] - pts[0]
	return pts[len(pts)-1] - pts[0] + frame, nil
}

// trimOverlap drops every PES whose PTS lies a whole loop or more after the
// first PTS of its stream: the audio encoder's priming frame makes the audio one
// frame longer than the video, and that frame would overlap the next loop.
func trimOverlap(pkts [][]byte, loop int64) [][]byte {
	first := map[uint16]int64{}
	dropping := map[uint16]bool{}
	out := pkts[:0:0]
	for _, p := range pkts {
		pid := packetPID(p)
		if pusi(p) {
			dropping[pid] = false
			if v, ok := pesPTS(p); ok {
				f, seen := first[pid]
				if !seen {
					first[pid], f = v, v
				}
				dropping[pid] = v-f >= loop
			}
		}
		if !dropping[pid] {
			out = append(out, p)
		}
	}
	return out
}

// cutSegments splits the clip before each video keyframe, including the PAT and
// PMT the muxer writes just before it, so each segment decodes on its own.
func cutSegments(pkts [][]byte, videoPID, pmtPID uint16, loop int64) []segment {
	type cut struct {
		at  int
		pts int64
	}
	var cuts []cut
	for i, p := range pkts {
		if packetPID(p) != videoPID || !pusi(p) || !randomAccess(p) {
			continue
		}
		v, _ := pesPTS(p)
		at := i
		for at > 0 && isTable(packetPID(pkts[at-1]), pmtPID) {
			at--
		}
		if len(cuts) == 0 {
			at = 0
		}
		cuts = append(cuts, cut{at, v})
	}
	segs := make([]segment, len(cuts))
	for k, c := range cuts {
		end, next := len(pkts), cuts[0].pts+loop
		if k+1 < len(cuts) {
			end, next = cuts[k+1].at, cuts[k+1].pts
		}
		segs[k] = segment{first: c.at, end: end, seconds: float64(next-c.pts) / 90000}
	}
	return segs
}

func isTable(pid, pmtPID uint16) bool { return pid == 0 || pid == 0x11 || pid == pmtPID }

func packetPID(p []byte) uint16 { return uint16(p[1]&0x1f)<<8 | uint16(p[2]) }
func pusi(p []byte) bool        { return p[1]&0x40 != 0 }
func hasPayload(p []byte) bool  { return p[3]&0x10 != 0 }
func hasAdapt(p []byte) bool    { return p[3]&0x20 != 0 && p[4] > 0 }

func randomAccess(p []byte) bool { return hasAdapt(p) && p[5]&0x40 != 0 }

// payload returns the packet's payload, or nil.
func payload(p []byte) []byte {
	if !hasPayload(p) {
		return nil
	}
	off := 4
	if p[3]&0x20 != 0 {
		off += 1 + int(p[4])
	}
	if off >= tsPacket {
		return nil
	}
	return p[off:]
}

// findPMT reads the PAT for the first program's PMT PID.
func findPMT(pkts [][]byte) (uint16, error) {
	for _, p := range pkts {
		if packetPID(p) != 0 || !pusi(p) {
			continue
		}
		sec := section(payload(p))
		// table header (8 bytes), then 4-byte entries: program number, PID.
		for off := 8; off+4 <= len(sec)-4; off += 4 {
			if prog := uint16(sec[off])<<8 | uint16(sec[off+1]); prog != 0 {
				return uint16(sec[off+2]&0x1f)<<8 | uint16(sec[off+3]), nil
			}
		}
	}
	return 0, errors.New("clip: no program in PAT")
}

// findVideo reads the PMT for the H.264 elementary stream's PID.
func findVideo(pkts [][]byte, pmtPID uint16) (uint16, error) {
	for _, p := range pkts {
		if packetPID(p) != pmtPID || !pusi(p) {
			continue
		}
		sec := section(payload(p))
		if len(sec) < 12 {
			continue
		}
		progInfo := int(sec[10]&0x0f)<<8 | int(sec[11])
		for off := 12 + progInfo; off+5 <= len(sec)-4; {
			typ := sec[off]
			pid := uint16(sec[off+1]&0x1f)<<8 | uint16(sec[off+2])
			if typ == 0x1b {
				return pid, nil
			}
			off += 5 + (int(sec[off+3]&0x0f)<<8 | int(sec[off+4]))
		}
	}
	return 0, errors.New("clip: no H.264 stream in PMT")
}

// section skips the pointer field and trims a PSI section to its length.
func section(pl []byte) []byte {
	if len(pl) < 1 || 1+int(pl[0])+3 > len(pl) {
		return nil
	}
	sec := pl[1+int(pl[0]):]
	n := 3 + (int(sec[1]&0x0f)<<8 | int(sec[2]))
	if n > len(sec) {
		return nil
	}
	return sec[:n]
}

// pesPTS returns the PTS of the PES that starts in this packet.
func pesPTS(p []byte) (int64, bool) {
	pl := payload(p)
	if len(pl) < 14 || pl[0] != 0 || pl[1] != 0 || pl[2] != 1 || pl[7]&0x80 == 0 {
		return 0, false
	}
	return readTimestamp(pl[9:]), true
}

// shiftTimestamps adds d ticks to the packet's PCR and to the PTS and DTS of a
// PES that starts in it.
func shiftTimestamps(p []byte, d int64) {
	if d == 0 {
		return
	}
	if hasAdapt(p) && p[5]&0x10 != 0 && p[4] >= 7 {
		base := int64(p[6])<<25 | int64(p[7])<<17 | int64(p[8])<<9 | int64(p[9])<<1 | int64(p[10])>>7
		base = (base + d) % ptsWrap
		p[6], p[7], p[8], p[9] = byte(base>>25), byte(base>>17), byte(base>>9), byte(base>>1)
		p[10] = p[10]&0x7f | byte(base&1)<<7
	}
	if !pusi(p) {
		return
	}
	pl := payload(p)
	if len(pl) < 14 || pl[0] != 0 || pl[1] != 0 || pl[2] != 1 {
		return
	}
	flags := pl[7] >> 6
	if flags&2 != 0 {
		writeTimestamp(pl[9:], (readTimestamp(pl[9:])+d)%ptsWrap)
	}
	if flags == 3 && len(pl) >= 19 {
		writeTimestamp(pl[14:], (readTimestamp(pl[14:])+d)%ptsWrap)
	}
}

// readTimestamp decodes a 5-byte PES PTS/DTS field.
func readTimestamp(b []byte) int64 {
	return int64(b[0]>>1&0x07)<<30 | int64(b[1])<<22 | int64(b[2]>>1)<<15 | int64(b[3])<<7 | int64(b[4]>>1)
}

// writeTimestamp encodes v into a 5-byte PES PTS/DTS field, keeping its prefix
// bits and setting the marker bits.
func writeTimestamp(b []byte, v int64) {
	b[0] = b[0]&0xf0 | byte(v>>29)&0x0e | 1
	b[1] = byte(v >> 22)
	b[2] = byte(v>>14) | 1
	b[3] = byte(v >> 7)
	b[4] = byte(v<<1) | 1
}
