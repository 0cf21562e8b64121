#!/usr/bin/env bash
# Speaks the project's own sample clips with espeak-ng and converts them to 16 kHz mono 16-bit WAV
# with sox. The outputs are committed; run this again only to change them.
# Needs: apt-get install espeak-ng sox
set -euo pipefail
cd "$(dirname "$0")"
speak() { # name voice words-per-minute text
    local raw
    raw=$(mktemp --suffix .wav)
    espeak-ng -v "$2" -s "$3" -w "$raw" "$4"
    sox -R -D "$raw" -b 16 -c 1 "$1.wav" rate 16000
    rm -f "$raw"
}
speak hello en-us 150 "Hello from earshot. This sample was spoken by a computer for the speech recognition tests."
speak numbers en-gb+f3 140 "The meeting moved from nine thirty to ten fifteen on the twenty first of March."
