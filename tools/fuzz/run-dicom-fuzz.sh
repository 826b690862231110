#!/usr/bin/env bash
# Coverage-guided fuzzing of the DICOM reader with afl-fuzz and SharpFuzz.
#
#   tools/fuzz/run-dicom-fuzz.sh [--seconds N] [--out DIR] [--corpus DIR]... [--round-trip] [--no-minimize]
#
# Builds the harness (tools/fuzz/Seldinger.Dicom.Fuzz), instruments Seldinger.Dicom.dll with the
# sharpfuzz tool, runs afl-fuzz for N seconds (default 60) on the committed seeds (tools/fuzz/seeds)
# plus any --corpus folders (files up to 64 KiB are taken), then replays every crash and hang,
# copies each into OUT/findings/ named by its signature (minimized with afl-tmin unless
# --no-minimize) and prints executions, paths, crashes and hangs. A finding whose signature matches
# one of the committed open findings (tools/fuzz/regressions/open/) is reported as known.
# Exit status: 0 when there is no new crash or hang, 1 otherwise, 2 when the run itself failed.
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"

seconds=60
out=""
round_trip=()
minimize=1
corpora=()
while [ $# -gt 0 ]; do
  case "$1" in
    --seconds) seconds="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    --corpus) corpora+=("$2"); shift 2 ;;
    --round-trip) round_trip=(--round-trip); shift ;;
    --no-minimize) minimize=0; shift ;;
    -h|--help) sed -n '2,15p' "$0"; exit 0 ;;
    *) echo "run-dicom-fuzz: unknown argument $1" >&2; exit 2 ;;
  esac
done
[ -n "$out" ] || out=$(mktemp -d /tmp/seldinger-fuzz.XXXXXX)
mkdir -p "$out"
out="$(cd "$out" && pwd)"

if ! command -v afl-fuzz >/dev/null 2>&1; then
  echo "run-dicom-fuzz: afl-fuzz is not installed (apt-get install afl++)" >&2
  exit 2
fi

bin="$out/bin"
echo "fuzz: building the harness into $bin"
rm -rf "$bin"
dotnet publish tools/fuzz/Seldinger.Dicom.Fuzz -c Release -o "$bin" --nologo -v quiet -clp:ErrorsOnly >"$out/build.log" 2>&1 \
  || { cat "$out/build.log"; echo "run-dicom-fuzz: build failed" >&2; exit 2; }
# The instrumented assembly only runs under afl-fuzz (it writes to afl's shared memory); replays use
# a plain copy.
rm -rf "$bin-plain"; cp -r "$bin" "$bin-plain"
dotnet tool restore >/dev/null 2>&1
dotnet tool run sharpfuzz "$bin/Seldinger.Dicom.dll" >"$out/instrument.log" 2>&1 \
  || { cat "$out/instrument.log"; echo "run-dicom-fuzz: instrumenting Seldinger.Dicom.dll failed" >&2; exit 2; }
harness=(dotnet "$bin/Seldinger.Dicom.Fuzz.dll")
plain=(dotnet "$bin-plain/Seldinger.Dicom.Fuzz.dll")

seeds="$out/seeds"
rm -rf "$seeds"; mkdir -p "$seeds"
cp tools/fuzz/seeds/*.dcm "$seeds/"
for c in "${corpora[@]}"; do
  n=0
  while IFS= read -r -d '' f; do
    n=$((n + 1)); cp "$f" "$seeds/corpus-$n-$(basename "$f")"
  done < <(find "$c" -type f -size -65k -print0)
done
echo "fuzz: $(ls "$seeds" | wc -l) seeds"

findings_raw="$out/afl"
rm -rf "$findings_raw"
export AFL_SKIP_BIN_CHECK=1 AFL_NO_UI=1 AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_NO_AFFINITY=1
echo "fuzz: afl-fuzz for $seconds s"
afl-fuzz -i "$seeds" -o "$findings_raw" -t 5000 -m none -V "$seconds" -- "${harness[@]}" afl "${round_trip[@]}" >"$out/afl-fuzz.log" 2>&1
afl_status=$?
stats="$findings_raw/default/fuzzer_stats"
if [ ! -f "$stats" ]; then
  tail -30 "$out/afl-fuzz.log"
  echo "run-dicom-fuzz: afl-fuzz did not run (status $afl_status)" >&2
  exit 2
fi
stat() { awk -F' *: *' -v k="$1" '$1 == k { print $2 }' "$stats"; }

# Signatures of the open findings, so that a known bug does not fail every run.
known=$("${plain[@]}" replay "${round_trip[@]}" tools/fuzz/regressions/open 2>/dev/null | sed -n 's/^SIGNATURE \([^	]*\)	.*/\1/p' | sort -u)

# Replay every crash and hang in one process; each finding prints "SIGNATURE name<TAB>path".
findings="$out/findings"
rm -rf "$findings"; mkdir -p "$findings"
inputs=()
for f in "$findings_raw"/default/crashes/id:* "$findings_raw"/default/hangs/id:*; do [ -f "$f" ] && inputs+=("$f"); done
new=0; known_count=0; unreproduced=0
if [ ${#inputs[@]} -gt 0 ]; then
  "${plain[@]}" replay "${round_trip[@]}" "${inputs[@]}" >"$out/replay.log" 2>&1
  unreproduced=$(grep -c '^OK ' "$out/replay.log")
  new=$unreproduced
  declare -A seen=()
  while IFS=$'\t' read -r signature f; do
    if printf '%s\n' "$known" | grep -qxF "$signature"; then known_count=$((known_count + 1)); continue; fi
    new=$((new + 1))
    [ -n "${seen[$signature]:-}" ] && continue
    seen[$signature]=1
    name=$(printf '%s' "$signature" | tr -c 'A-Za-z0-9.@-' '_')
    cp "$f" "$findings/$name.dcm"
    grep -F "$f" "$out/replay.log" | grep -E '^(FINDING|HANG)' | sed "s|$f|$name.dcm|" > "$findings/$name.txt"
    if [ "$minimize" -eq 1 ] && [ "$signature" != "hang" ]; then
      timeout 60 afl-tmin -i "$f" -o "$findings/$name.min.dcm" -t 5000 -m none -- "${harness[@]}" afl "${round_trip[@]}" >/dev/null 2>&1 \
        || rm -f "$findings/$name.min.dcm"
    fi
    echo "fuzz: NEW $signature -> $findings/$name.dcm"
    sed 's/^/      /' "$findings/$name.txt"
  done < <(sed -n 's/^SIGNATURE //p' "$out/replay.log")
  [ "$unreproduced" -eq 0 ] || echo "fuzz: $unreproduced crash inputs did not crash when replayed alone (see $out/replay.log)"
fi

echo "fuzz: executions $(stat execs_done) ($(stat execs_per_sec)/s), paths found $(stat corpus_found), edges $(stat edges_found)," \
  "crashes $(stat saved_crashes), hangs $(stat saved_hangs), new findings $new, known $known_count, in $(stat run_time) s"
echo "fuzz: work folder $out"
[ "$new" -eq 0 ]
