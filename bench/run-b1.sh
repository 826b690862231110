#!/usr/bin/env bash
# B1 — series ingest. Builds the benchmark in Release and runs it; the 500-slice series is generated
# once and cached (default: $TMPDIR/seldinger-bench/b1-512x512x500, or SELDINGER_BENCH_DATA / --data).
# Writes bench/results/B1-series-ingest.md. Extra arguments go to `bench b1` (e.g. --runs 5).
set -euo pipefail
cd "$(dirname "$0")/.."
command -v dcmdump >/dev/null || { echo "dcmdump missing: apt-get install -y --no-install-recommends dcmtk" >&2; exit 1; }
/usr/bin/python3 -c "import pydicom, numpy" 2>/dev/null || { echo "pydicom missing: apt-get install -y --no-install-recommends python3-pydicom python3-numpy" >&2; exit 1; }
# ReadyToRun: the cold-process runs measure our code, not the JIT warming up.
dotnet publish bench/Seldinger.Bench -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true \
  -o bench/Seldinger.Bench/bin/r2r -v quiet -nologo
# The same program compiled ahead of time, for the cold header-only row (no runtime start-up or JIT).
dotnet publish bench/Seldinger.Bench -c Release -r linux-x64 -p:PublishAot=true -p:InvariantGlobalization=true \
  -o bench/Seldinger.Bench/bin/aot -v quiet -nologo
exec dotnet bench/Seldinger.Bench/bin/r2r/bench.dll b1 "$@"
