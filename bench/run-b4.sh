#!/usr/bin/env bash
# B4 — thermal simulation. Compiles the C peers (bench/b4: a STREAM-like copy/triad bandwidth probe and a
# plain C reference of the same explicit Pennes + Arrhenius step as Seldinger's CPU bioheat engine) with
# gcc -O3 -march=native -fopenmp, builds the benchmark in Release and runs both in the same process run:
# memory bandwidth, voxel updates/s of ours and of C, a 10-simulated-minute ablation on a 128³ region at
# 1 mm, a 512³ run, the engine's error against an analytic solution and max |ΔT| between C and ours.
# Writes bench/results/B4-thermal-simulation.md. Extra arguments go to `bench b4` (e.g. --runs 3, --no-512).
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p bench/b4/bin
gcc -O3 -march=native -fopenmp -std=c11 -Wall -Wextra -o bench/b4/bin/b4-stream bench/b4/stream.c
gcc -O3 -march=native -fopenmp -std=c11 -Wall -Wextra -o bench/b4/bin/b4-pennes bench/b4/pennes.c -lm
dotnet publish bench/Seldinger.Bench -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true \
  -o bench/Seldinger.Bench/bin/r2r -v quiet -nologo
exec dotnet bench/Seldinger.Bench/bin/r2r/bench.dll b4 --c-bin bench/b4/bin "$@"
