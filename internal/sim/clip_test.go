package sim

import (
	"testing"
)

func TestClipAssetStaysSmall(t *testing.T) {
	if len(clipTS) > 500<<10 {
		t.Fatalf("clip.ts is %d bytes; keep it at most 500 KB", len(clipTS))
	}
}

// TestClipLoopsSeamlessly plays three loops back to back and checks what a
// demuxer checks: continuity counters per PID, and timestamps that keep rising
// by one frame across the loop point.
func TestClipLoopsSeamlessly(t *testing.T) {
	c, err := loadClip()
	if err != nil {
		t.Fatal(err)
	}
	if got := c.Duration().Seconds(); got < 7.9 || got > 8.1 {
		t.Fatalf("loop is %.3f s, the clip script makes 8 s", got)
	}
	lastCC := map[uint16]int{}
	lastPTS := map[uint16]int64{}
	step := map[uint16]int64{}
	var lastPCR int64 = -1
	pkt := make([]byte, tsPacket)
	for loop := int64(0); loop < 3; loop++ {
		for i := range c.packets {
			c.packet(pkt, loop, i)
			pid := packetPID(pkt)
			if hasPayload(pkt) {
				cc := int(pkt[3] & 0x0f)
				if prev, ok := lastCC[pid]; ok && cc != (prev+1)&0x0f {
					t.Fatalf("loop %d packet %d pid %d: continuity %d after %d", loop, i, pid, cc, prev)
				}
				lastCC[pid] = cc
			}
			if pcr, ok := readPCR(pkt); ok {
				if pcr <= lastPCR {
					t.Fatalf("loop %d packet %d: PCR %d not after %d", loop, i, pcr, lastPCR)
				}
				lastPCR = pcr
			}
			if !pusi(pkt) {
				continue
			}
			pts, ok := pesPTS(pkt)
			if !ok {
				continue
			}
			if prev, seen := lastPTS[pid]; seen {
				d := pts - prev
				if s, known := step[pid]; !known {
					step[pid] = d
				} else if d != s {
					t.Fatalf("loop %d packet %d pid %d: PTS step %d, want %d", loop, i, pid, d, s)
				}
			}
			lastPTS[pid] = pts
		}
	}
	if len(step) < 2 {
		t.Fatalf("saw timestamps on %d streams, want video and audio", len(step))
	}
}

func TestClipSegmentsDecodeAlone(t *testing.T) {
	c, err := loadClip()
	if err != nil {
		t.Fatal(err)
	}
	if len(c.segments) != 4 {
		t.Fatalf("%d segments, want 4 (a keyframe every 2 s of 8)", len(c.segments))
	}
	total, next := 0.0, 0
	for k, sg := range c.segments {
		if sg.first != next {
			t.Fatalf("segment %d starts at packet %d, want %d", k, sg.first, next)
		}
		next = sg.end
		total += sg.seconds
		if !hasTablesThenKeyframe(c, sg) {
			t.Errorf("segment %d lacks a PAT and PMT before its first video frame", k)
		}
	}
	if next != len(c.packets) {
		t.Fatalf("segments end at packet %d of %d", next, len(c.packets))
	}
	if d := total - c.Duration().Seconds(); d > 0.001 || d < -0.001 {
		t.Fatalf("segments last %.3f s, loop %.3f s", total, c.Duration().Seconds())
	}
}

func hasTablesThenKeyframe(c *clip, sg segment) bool {
	sawPAT := false
	for _, p := range c.packets[sg.first:sg.end] {
		if packetPID(p) == 0 {
			sawPAT = true
		}
		if randomAccess(p) && pusi(p) {
			return sawPAT
		}
	}
	return false
}

func readPCR(p []byte) (int64, bool) {
	if !hasAdapt(p) || p[5]&0x10 == 0 || p[4] < 7 {
		return 0, false
	}
	return int64(p[6])<<25 | int64(p[7])<<17 | int64(p[8])<<9 | int64(p[9])<<1 | int64(p[10])>>7, true
}

func TestTimestampRoundTrip(t *testing.T) {
	tests := []struct {
		name string
		v    int64
	}{
		{"zero", 0},
		{"clip start", 127920},
		{"top bit", 1 << 32},
		{"largest", ptsWrap - 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := []byte{0x21, 0, 0, 0, 0}
			writeTimestamp(b, tt.v)
			if got := readTimestamp(b); got != tt.v {
				t.Fatalf("read %d after writing %d", got, tt.v)
			}
			if b[0]&0xf0 != 0x20 || b[0]&1 != 1 || b[2]&1 != 1 || b[4]&1 != 1 {
				t.Fatalf("prefix or marker bits lost: % x", b)
			}
		})
	}
}
