#!/bin/sh
# Regenerates clip.ts, the test pattern and tone the simulator loops for every
# channel. Run from this directory; the output is committed, so this only runs
# when the clip itself has to change.
#
# The numbers are chosen so the loop is seamless: 8 s of 25 fps video is exactly
# 200 frames and 8 s of 48 kHz audio is exactly 375 AAC frames; a keyframe every
# 2 s (no scene-cut keyframes, no B-frames) lets the server cut the clip into
# four 2 s HLS segments at keyframes, and keeps presentation order equal to
# decode order so the server can shift timestamps per loop. One audio frame per
# PES lets the server drop the encoder's extra priming frame at the loop point.
set -eu
ffmpeg -hide_banner -loglevel error -y \
	-f lavfi -i "testsrc=size=320x180:rate=25:duration=8" \
	-f lavfi -i "sine=frequency=1000:sample_rate=48000:duration=8" \
	-map 0:v -map 1:a \
	-c:v libx264 -profile:v baseline -preset veryfast -pix_fmt yuv420p \
	-b:v 220k -maxrate 260k -bufsize 260k \
	-g 50 -keyint_min 50 -sc_threshold 0 -bf 0 \
	-c:a aac -b:a 48k -ac 1 \
	-metadata service_name="tuner test pattern" -metadata service_provider="tuner" \
	-pes_payload_size 0 -f mpegts clip.tmp.ts
mv clip.tmp.ts clip.ts
