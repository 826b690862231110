#!/usr/bin/python3
"""B2 peer: scipy.ndimage.distance_transform_edt on a raw uint8 mask.

The mask file holds sizeK*sizeJ*sizeI bytes, i fastest (Seldinger's voxel order). Distances are taken
to the voxels equal to --feature, so scipy gets (mask != feature) as its input, with sampling in
(k, j, i) order. Writes the float32 result (same order) to --out and prints one JSON line of timings.
"""
import argparse
import json
import statistics
import time

import numpy as np
import scipy
from scipy import ndimage


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--mask", required=True)
    parser.add_argument("--size", type=int, nargs=3, required=True, metavar=("I", "J", "K"))
    parser.add_argument("--spacing", type=float, nargs=3, required=True, metavar=("SI", "SJ", "SK"))
    parser.add_argument("--feature", type=int, default=1)
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()

    ni, nj, nk = args.size
    si, sj, sk = args.spacing
    mask = np.fromfile(args.mask, dtype=np.uint8).reshape(nk, nj, ni)
    times = []
    result = None
    for _ in range(args.runs):
        start = time.perf_counter()
        background = mask != args.feature
        result = ndimage.distance_transform_edt(background, sampling=(sk, sj, si))
        times.append(time.perf_counter() - start)
    result.astype(np.float32).tofile(args.out)
    print(json.dumps({"scipy": scipy.__version__, "numpy": np.__version__, "seconds": times,
                      "median_s": statistics.median(times)}))


if __name__ == "__main__":
    main()
