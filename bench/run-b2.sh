#!/usr/bin/env bash
# B2 — distance transform. Builds the benchmark in Release and runs it: the exact Euclidean distance
# transform of a 512³ mask (1 mm) and of a 512×512×400 mask (0.7×0.7×1.25 mm), Seldinger against
# scipy.ndimage.distance_transform_edt in the same run. Masks go through raw files under
# $TMPDIR/seldinger-bench (or SELDINGER_BENCH_DATA / --data) and are deleted afterwards.
# Writes bench/results/B2-distance-transform.md. Extra arguments go to `bench b2` (e.g. --runs 3, --no-scipy).
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=bench/python-peer.sh
source bench/python-peer.sh
if [[ " $* " != *" --no-scipy "* ]]; then
  ensure_python_peer "import scipy.ndimage, numpy" python3-scipy python3-numpy
fi
dotnet publish bench/Seldinger.Bench -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true \
  -o bench/Seldinger.Bench/bin/r2r -v quiet -nologo
exec dotnet bench/Seldinger.Bench/bin/r2r/bench.dll b2 "$@"
