#!/usr/bin/env bash
# B2 — distance transform. Builds the benchmark in Release and runs it: the exact Euclidean distance
# transform of a 512³ mask (1 mm) and of a 512×512×400 mask (0.7×0.7×1.25 mm), Seldinger against
# scipy.ndimage.distance_transform_edt in the same run. Masks go through raw files under
# $TMPDIR/seldinger-bench (or SELDINGER_BENCH_DATA / --data) and are deleted afterwards.
# Writes bench/results/B2-distance-transform.md. Extra arguments go to `bench b2` (e.g. --runs 3, --no-scipy).
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ " $* " != *" --no-scipy "* ]]; then
  if ! /usr/bin/python3 -c "import scipy.ndimage, numpy" 2>/dev/null; then
    # The peer comes from Debian's packages, installed on first use like ./test does.
    sudo_cmd=(); [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
    echo "installing the peer: python3-scipy python3-numpy" >&2
    "${sudo_cmd[@]}" apt-get update -qq && DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends python3-scipy python3-numpy >/dev/null \
      || { echo "scipy missing and could not be installed: apt-get install -y --no-install-recommends python3-scipy python3-numpy" >&2; exit 1; }
  fi
fi
dotnet publish bench/Seldinger.Bench -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true \
  -o bench/Seldinger.Bench/bin/r2r -v quiet -nologo
exec dotnet bench/Seldinger.Bench/bin/r2r/bench.dll b2 "$@"
