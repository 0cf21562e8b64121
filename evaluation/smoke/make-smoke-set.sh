#!/usr/bin/env bash
# Builds earshot's small real-speech smoke set: espeak-ng speaks a few dozen sentences in several English
# voices and at several speeds, sox turns each into 16 kHz mono 16-bit WAV, and a manifest.jsonl of
# {"audio", "text", "language"} is written beside them for `earshot eval --manifest`.
#
# The audio is made here, never committed: synthetic speech is enough to check the evaluation plumbing end to
# end, and rebuilding it keeps the repository free of binary data.
#
# usage: make-smoke-set.sh [OUTPUT_DIR [COUNT]]   (default: target/smoke-set, all sentences)
set -euo pipefail

out_dir=${1:-target/smoke-set}
limit=${2:-0}

for tool in espeak-ng sox; do
  command -v "$tool" >/dev/null || { echo "make-smoke-set: $tool is needed (apt-get install espeak-ng sox)" >&2; exit 1; }
done

# Plain sentences plus some that exercise the English normalizer: numbers, money, contractions, British spellings.
sentences=(
  "The quick brown fox jumps over the lazy dog."
  "She sells sea shells by the sea shore."
  "Please call Stella and ask her to bring these things from the store."
  "The meeting starts at nine thirty tomorrow morning."
  "I can't believe it's already the end of the year."
  "We'll need twenty five chairs for the conference room."
  "The train to London leaves from platform three."
  "My favourite colour has always been blue."
  "It costs about fifteen dollars and fifty cents."
  "He scored ninety eight percent on the final exam."
  "Doctor Smith will see you in a few minutes."
  "The weather today is cloudy with a chance of rain."
  "They travelled across the country by bus."
  "Open the window and let some fresh air in."
  "Two thousand people attended the concert last night."
  "Could you please repeat that more slowly?"
  "The library closes at six o'clock on Saturdays."
  "Our neighbour's dog barks every evening."
  "The recipe calls for two and a half cups of flour."
  "Turn left at the second traffic light."
  "Learning a new language takes patience and practice."
  "The museum was founded in nineteen ninety nine."
  "I'd rather walk than wait for the next bus."
  "The children played football in the park."
  "Mister Brown organised the annual charity dinner."
  "Keep your receipt in case you need a refund."
  "The first flight departs at seven in the morning."
  "Water boils at one hundred degrees Celsius."
  "She's been working on the project for three weeks."
  "The results were better than anyone expected."
)
# voice and words per minute, cycled through the sentences
voices=(en-us en-gb en-gb-scotland en-gb-x-rp en-029 en-us+f3)
speeds=(175 140 200 160)

mkdir -p "$out_dir/audio"
manifest="$out_dir/manifest.jsonl"
: > "$manifest"

json_string() {
  # the sentences hold no backslashes or control characters, so escaping quotes is enough
  printf '"%s"' "${1//\"/\\\"}"
}

count=${#sentences[@]}
if (( limit > 0 && limit < count )); then count=$limit; fi
raw=$(mktemp --suffix=.wav)
trap 'rm -f "$raw"' EXIT
for (( i = 0; i < count; i++ )); do
  text=${sentences[$i]}
  voice=${voices[$(( i % ${#voices[@]} ))]}
  speed=${speeds[$(( i % ${#speeds[@]} ))]}
  name=$(printf 'smoke-%02d.wav' "$(( i + 1 ))")
  espeak-ng -v "$voice" -s "$speed" -w "$raw" "$text"
  # normalise to -1 dBFS first: resampling espeak-ng's full-scale output would otherwise clip
  sox -q --norm=-1 "$raw" -c 1 -b 16 "$out_dir/audio/$name" rate 16k
  printf '{"audio": %s, "text": %s, "language": "en"}\n' "$(json_string "audio/$name")" "$(json_string "$text")" >> "$manifest"
done
echo "make-smoke-set: $count utterances → $manifest" >&2
