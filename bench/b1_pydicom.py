#!/usr/bin/python3
"""B1 peer: pydicom + numpy doing what Seldinger's series load does.

Read every file, sort along the normal of Image Orientation (Patient), check one series, one
orientation and size, no duplicate positions and even spacing, then stack the slices with the
modality rescale into one int16 volume. Prints JSON with per-run times in milliseconds.

usage: /usr/bin/python3 bench/b1_pydicom.py DIR [--runs N] [--only-load]
"""
import glob
import json
import os
import sys
import time

import numpy as np
import pydicom


def sort_and_check(datasets):
    first = datasets[0]
    iop = np.array(first.ImageOrientationPatient, dtype=float)
    normal = np.cross(iop[:3], iop[3:])
    for ds in datasets:
        if ds.SeriesInstanceUID != first.SeriesInstanceUID:
            raise ValueError("mixed series")
        if ds.Rows != first.Rows or ds.Columns != first.Columns:
            raise ValueError("mixed sizes")
        if np.abs(np.array(ds.ImageOrientationPatient, dtype=float) - iop).max() > 1e-4:
            raise ValueError("mixed orientations")
    along = np.array([np.dot(normal, np.array(ds.ImagePositionPatient, dtype=float)) for ds in datasets])
    order = np.argsort(along)
    gaps = np.diff(along[order])
    if (gaps < 1e-3).any():
        raise ValueError("duplicate positions")
    median = np.median(gaps)
    if (np.abs(gaps - median) > 0.01 * median).any():
        raise ValueError("uneven spacing")
    return order


def load(files):
    datasets = [pydicom.dcmread(f) for f in files]
    order = sort_and_check(datasets)
    first = datasets[0]
    volume = np.empty((len(files), first.Rows, first.Columns), dtype=np.int16)
    for k, n in enumerate(order):
        ds = datasets[n]
        volume[k] = ds.pixel_array * int(ds.RescaleSlope) + int(ds.RescaleIntercept)
    return volume


def header(files):
    datasets = [pydicom.dcmread(f, stop_before_pixels=True) for f in files]
    return datasets, sort_and_check(datasets)


def first_slice(files):
    datasets, order = header(files)
    ds = pydicom.dcmread(files[order[0]])
    return ds.pixel_array * int(ds.RescaleSlope) + int(ds.RescaleIntercept)


def timed(fn, files, runs):
    times = []
    result = None
    for _ in range(runs):
        start = time.perf_counter()
        result = fn(files)
        times.append((time.perf_counter() - start) * 1000)
    return times, result


def main():
    directory = sys.argv[1]
    runs = int(sys.argv[sys.argv.index("--runs") + 1]) if "--runs" in sys.argv else 3
    files = sorted(glob.glob(os.path.join(directory, "series", "*.dcm")))
    load_ms, volume = timed(load, files, runs)
    out = {"pydicom": pydicom.__version__, "numpy": np.__version__, "load_ms": load_ms,
           "sum": float(volume.astype(np.int64).sum()), "shape": list(volume.shape)}
    if "--only-load" not in sys.argv:
        out["header_ms"], _ = timed(header, files, runs)
        out["first_slice_ms"], _ = timed(first_slice, files, runs)
    print(json.dumps(out))


if __name__ == "__main__":
    main()
