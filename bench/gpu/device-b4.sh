#!/usr/bin/env bash
# One prepared B4 run on a CUDA machine that has the NVIDIA driver but no .NET: unpacks the self-contained gpubench
# that `bench/gpu/run-gpu-check.sh` packed into .gpu/app.tar.xz, checks every ILGPU bioheat kernel layout against the
# CPU engine on random problems, times them at 256³ and 512³ beside a copy kernel, and writes the JSON and the console
# log to the folder given (default: ./gpu-b4). Takes about two minutes on an H200.
#
#   bench/gpu/device-b4.sh [OUTDIR] [extra thermal-bench arguments, e.g. --variants column,pairs,quads,vector4]
#
# Record card, medians and fractions in bench/results/B4-thermal-simulation.md with the date; the fastest layout that
# passes becomes GpuBioheatEngine.DefaultLayout.
set -euo pipefail
cd "$(dirname "$0")/../.."
out="${1:-gpu-b4}"
shift || true
mkdir -p "$out" /tmp/seldinger-gpubench
tar xJf .gpu/app.tar.xz -C /tmp/seldinger-gpubench
nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv > "$out/card.csv" 2>&1 || true
/tmp/seldinger-gpubench/app/gpubench thermal-bench --out "$out/thermal.json" --sizes 256,512 --steps 20 --runs 10 "$@" \
  2>&1 | tee "$out/thermal.log"
