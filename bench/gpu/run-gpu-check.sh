#!/usr/bin/env bash
# GPU checks of the ILGPU distance transform (see docs/imaging.md, "GPU") and of the ILGPU bioheat engine
# (benchmark B4, docs/ablation-physics.md).
#
#   bench/gpu/run-gpu-check.sh                 publish tools/Seldinger.GpuBench self-contained for linux-x64
#                                              into .gpu/app and pack it as .gpu/app.tar.xz (no GPU needed)
#   bench/gpu/run-gpu-check.sh --run [ARGS]    run the published app here and write .gpu/result.json
#                                              (ARGS go to `gpubench gpu-bench`, e.g. --size 256 --runs 20)
#   bench/gpu/run-gpu-check.sh --run-thermal [ARGS]
#                                              run the bioheat check here and write .gpu/thermal.json
#                                              (ARGS go to `gpubench thermal-bench`, e.g. --sizes 256,512 --steps 20)
#
# On a CUDA machine with the NVIDIA driver but no .NET, copy .gpu/app.tar.xz there and run:
#   mkdir -p /tmp/a && tar xJf app.tar.xz -C /tmp/a && /tmp/a/app/gpubench gpu-bench --out result.json
#   /tmp/a/app/gpubench thermal-bench --out thermal.json          # bioheat: CPU agreement, 256³/512³ G updates/s
#     (every kernel variant by default, one console line per variant and case; --variants column,pairs,... for some)
# Exit codes: 0 all checks passed, 1 a result differed from the CPU engine, 2 usage, 3 no CUDA device.
# Record card, sizes, medians and the fraction of the measured copy bandwidth in bench/results/ with the date.
set -euo pipefail
cd "$(dirname "$0")/../.."
if [[ "${1:-}" == "--run" ]]; then
  shift
  exec .gpu/app/gpubench gpu-bench --out .gpu/result.json "$@"
fi
if [[ "${1:-}" == "--run-thermal" ]]; then
  shift
  exec .gpu/app/gpubench thermal-bench --out .gpu/thermal.json "$@"
fi
rm -rf .gpu/app .gpu/app.tar.xz
dotnet publish tools/Seldinger.GpuBench -c Release -r linux-x64 --self-contained -o .gpu/app -v quiet -nologo
tar cJf .gpu/app.tar.xz -C .gpu app
ls -l .gpu/app.tar.xz
