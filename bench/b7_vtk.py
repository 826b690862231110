#!/usr/bin/python3
"""B7 peer: VTK surface extraction of every label of a raw uint8 label volume.

The label file holds sizeK*sizeJ*sizeI bytes, i fastest (Seldinger's voxel order). For each filter and
each label the surface of that one label is extracted (the same work as LabelSurfaceExtractor.Extract
per label), timed with the filter's Update() only:

- vtkDiscreteMarchingCubes with the label value;
- vtkDiscreteFlyingEdges3D with the label value;
- vtkFlyingEdges3D at 0.5 on the binary mask (labels == label); building the mask is timed apart.

Each output is checked for watertightness: every undirected edge is shared by exactly two triangles.
Prints one JSON line.
"""
import argparse
import json
import statistics
import time

import numpy as np
import vtk
from vtk.util import numpy_support


def image(array, spacing, origin):
    nk, nj, ni = array.shape
    data = vtk.vtkImageData()
    data.SetDimensions(ni, nj, nk)
    data.SetSpacing(*spacing)
    data.SetOrigin(*origin)
    scalars = numpy_support.numpy_to_vtk(array.ravel(), deep=False, array_type=vtk.VTK_UNSIGNED_CHAR)
    data.GetPointData().SetScalars(scalars)
    return data, scalars


def triangles(poly):
    polys = poly.GetPolys()
    if polys.GetNumberOfCells() == 0:
        return np.zeros((0, 3), dtype=np.int64)
    conn = numpy_support.vtk_to_numpy(polys.GetConnectivityArray()).astype(np.int64)
    offsets = numpy_support.vtk_to_numpy(polys.GetOffsetsArray())
    if not np.all(np.diff(offsets) == 3):
        raise SystemExit("non-triangle cell in VTK output")
    return conn.reshape(-1, 3)


def watertight(tris, points):
    """True when every undirected edge is used by exactly two triangles."""
    if len(tris) == 0:
        return True
    a = np.concatenate([tris[:, 0], tris[:, 1], tris[:, 2]])
    b = np.concatenate([tris[:, 1], tris[:, 2], tris[:, 0]])
    keys = np.minimum(a, b) * points + np.maximum(a, b)
    keys.sort()
    boundaries = np.flatnonzero(np.diff(keys)) + 1
    counts = np.diff(np.concatenate([[0], boundaries, [len(keys)]]))
    return bool(np.all(counts == 2))


def run_filter(make, data, value):
    f = make()
    f.SetInputData(data)
    f.SetValue(0, value)
    if hasattr(f, "ComputeNormalsOff"):
        f.ComputeNormalsOff()
    if hasattr(f, "ComputeGradientsOff"):
        f.ComputeGradientsOff()
    if hasattr(f, "ComputeScalarsOff"):
        f.ComputeScalarsOff()
    start = time.perf_counter()
    f.Update()
    elapsed = time.perf_counter() - start
    return elapsed, f.GetOutput()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--labels", required=True)
    parser.add_argument("--size", type=int, nargs=3, required=True, metavar=("I", "J", "K"))
    parser.add_argument("--spacing", type=float, nargs=3, default=(1.0, 1.0, 1.0), metavar=("SI", "SJ", "SK"))
    parser.add_argument("--values", type=int, nargs="+", required=True)
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--filters", nargs="+", default=["discrete-mc", "discrete-fe", "flying-edges"])
    args = parser.parse_args()

    ni, nj, nk = args.size
    labels = np.fromfile(args.labels, dtype=np.uint8).reshape(nk, nj, ni)
    data, keep = image(labels, args.spacing, (0.0, 0.0, 0.0))
    makers = {
        "discrete-mc": vtk.vtkDiscreteMarchingCubes,
        "discrete-fe": vtk.vtkDiscreteFlyingEdges3D,
        "flying-edges": vtk.vtkFlyingEdges3D,
    }
    results = {}
    for name in args.filters:
        totals = []
        mask_s = 0.0
        per_label = []
        for run in range(args.runs):
            total = 0.0
            for value in args.values:
                source, iso = data, value
                if name == "flying-edges":
                    start = time.perf_counter()
                    mask = (labels == value).astype(np.uint8)
                    mask_s += time.perf_counter() - start
                    source, keep_mask = image(mask, args.spacing, (0.0, 0.0, 0.0))
                    iso = 0.5
                elapsed, poly = run_filter(makers[name], source, iso)
                total += elapsed
                if run == args.runs - 1:
                    tris = triangles(poly)
                    per_label.append({"label": value, "triangles": int(len(tris)),
                                      "points": int(poly.GetNumberOfPoints()),
                                      "watertight": watertight(tris, max(1, poly.GetNumberOfPoints())),
                                      "seconds": elapsed})
                del poly
            totals.append(total)
        results[name] = {"seconds": totals, "median_s": statistics.median(totals),
                         "mask_s_per_run": mask_s / args.runs,
                         "triangles": sum(p["triangles"] for p in per_label),
                         "watertight": all(p["watertight"] for p in per_label),
                         "labels": per_label}
    print(json.dumps({"vtk": vtk.vtkVersion.GetVTKVersion(), "numpy": np.__version__,
                      "smp": vtk.vtkSMPTools().GetBackend(),
                      "threads": vtk.vtkSMPTools().GetEstimatedNumberOfThreads(),
                      "filters": results}))
    del keep


if __name__ == "__main__":
    main()
