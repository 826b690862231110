#!/usr/bin/env bash
# B7 — surface extraction. Builds the benchmark in Release and runs it: the surface of each label of a
# 512³ six-label volume by Seldinger's LabelSurfaceExtractor and by VTK (vtkDiscreteMarchingCubes,
# vtkDiscreteFlyingEdges3D, vtkFlyingEdges3D) in the same run, with triangle counts and watertightness.
# The volume goes through a raw file under $TMPDIR/seldinger-bench (or SELDINGER_BENCH_DATA / --data),
# deleted afterwards. Writes bench/results/B7-surface-extraction.md. Extra arguments go to `bench b7`
# (e.g. --runs 3, --peer-runs 1, --size 256, --no-vtk).
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=bench/python-peer.sh
source bench/python-peer.sh
if [[ " $* " != *" --no-vtk "* ]]; then
  ensure_python_peer "import vtk, numpy" python3-vtk9 python3-numpy
fi
dotnet publish bench/Seldinger.Bench -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true \
  -o bench/Seldinger.Bench/bin/r2r -v quiet -nologo
exec dotnet bench/Seldinger.Bench/bin/r2r/bench.dll b7 "$@"
