#!/bin/sh
# Regenerates clip.ts: two seconds of test pattern and tone, small enough to commit.
ffmpeg -hide_banner -loglevel error -f lavfi -i testsrc=size=160x120:rate=25 \
	-f lavfi -i sine=frequency=440:sample_rate=22050 -t 2 \
	-c:v libx264 -preset veryfast -g 25 -b:v 100k -c:a aac -b:a 32k \
	-f mpegts -y clip.ts
