#!/usr/bin/env bash
# B3 — trajectory sweep. Builds the benchmark in Release and runs it: every outer skin voxel of a
# 512×512×400 child torso (whole-body phantom, liver-tumor case, age 10) as an entry to the tumour
# centre, each path checked against the abdominal-biopsy protected structures with their margins.
# Then plans biopsy-deep with the catalogue-driven needle planner on the same volume, end to end and by phase.
# Writes bench/results/B3-trajectory-sweep.md. Extra arguments go to `bench b3` (e.g. --runs 3, --no-reference, --no-catalogue).
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet publish bench/Seldinger.Bench -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true \
  -o bench/Seldinger.Bench/bin/r2r -v quiet -nologo
exec dotnet bench/Seldinger.Bench/bin/r2r/bench.dll b3 "$@"
