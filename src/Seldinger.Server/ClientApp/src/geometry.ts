// Patient geometry shared by the viewer: the JSON the server sends and the world → voxel mapping.

/** A point in DICOM patient space (LPS), millimetres. */
export interface Point {
  x: number;
  y: number;
  z: number;
}

/** Geometry of a series as /api/cases/{id} returns it. */
export interface SeriesGeometry {
  seriesInstanceUid: string;
  columns: number;
  rows: number;
  slices: number;
  /** Centre of voxel (0,0,0), LPS mm. */
  origin: [number, number, number];
  /** Spacing along i (columns), j (rows), k (slices), mm. */
  spacing: [number, number, number];
  /** Direction cosines, row-major 3×3; column c is the unit vector of index axis c. */
  direction: number[];
}

export interface Clearance {
  structure: string;
  minimumDistanceMm: number;
  requiredMm: number;
  crossed: boolean;
  violatesMargin: boolean;
}

export interface Plan {
  entry: Point;
  target: Point;
  lengthMm: number;
  insertionAngleDeg: number;
  isSafe: boolean;
  clearances: Clearance[];
}

export interface CaseDetail {
  id: string;
  patientName: string;
  series: SeriesGeometry | null;
  target: Point | null;
  plan: Plan | null;
}

/** Continuous voxel index of a world point: D^T (p − origin) / spacing (D is orthonormal). */
export function worldToIndex(g: SeriesGeometry, p: Point): { i: number; j: number; k: number } {
  const d = g.direction;
  const dx = p.x - g.origin[0];
  const dy = p.y - g.origin[1];
  const dz = p.z - g.origin[2];
  return {
    i: (d[0] * dx + d[3] * dy + d[6] * dz) / g.spacing[0],
    j: (d[1] * dx + d[4] * dy + d[7] * dz) / g.spacing[1],
    k: (d[2] * dx + d[5] * dy + d[8] * dz) / g.spacing[2],
  };
}

/** Geometry of a resliced image, as the X-Slice-Plane header and /reslice/{kind}.json give it. */
export interface ViewPlane {
  kind: string;
  width: number;
  height: number;
  /** Centre of pixel (0, 0), LPS mm. */
  origin: [number, number, number];
  rowDirection: [number, number, number];
  columnDirection: [number, number, number];
  normal: [number, number, number];
  /** mm between columns, between rows. */
  pixelSpacing: [number, number];
  index: number | null;
  count: number | null;
  slabMm: number;
  mode: string;
}

/** A label of the series with its colour and measurements (/api/series/{uid}/labels). */
export interface LabelInfo {
  value: number;
  name: string;
  colour: string;
  voxelCount: number;
  volumeMl: number;
  centroid: Point;
  largestDiameterMm: number;
}

export type Vec3 = [number, number, number];

export const dot = (a: Vec3, b: Vec3): number => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
export const cross = (a: Vec3, b: Vec3): Vec3 => [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];
export const toVec = (p: Point): Vec3 => [p.x, p.y, p.z];
export function normalise(v: Vec3): Vec3 {
  const n = Math.hypot(v[0], v[1], v[2]);
  return [v[0] / n, v[1] / n, v[2] / n];
}

/** Pixel position (x = column, y = row; integers at pixel centres) of a point's projection on a plane. */
export function worldToPixel(p: ViewPlane, w: Point): { x: number; y: number; distance: number } {
  const d: Vec3 = [w.x - p.origin[0], w.y - p.origin[1], w.z - p.origin[2]];
  return { x: dot(d, p.rowDirection) / p.pixelSpacing[0], y: dot(d, p.columnDirection) / p.pixelSpacing[1], distance: dot(d, p.normal) };
}

/** The patient-space point at a (fractional) pixel position of a plane. */
export function pixelToWorld(p: ViewPlane, x: number, y: number): Point {
  const a = x * p.pixelSpacing[0];
  const b = y * p.pixelSpacing[1];
  return {
    x: p.origin[0] + a * p.rowDirection[0] + b * p.columnDirection[0],
    y: p.origin[1] + a * p.rowDirection[1] + b * p.columnDirection[1],
    z: p.origin[2] + a * p.rowDirection[2] + b * p.columnDirection[2],
  };
}

/**
 * How axial (z), coronal (y) and sagittal (x) planes are numbered: plane n is at first + n·step mm along the axis,
 * count planes in all (the same rule as the server: the extent of the voxel centres, the spacing of the best-aligned index axis).
 */
export function standardAxis(g: SeriesGeometry, kind: "axial" | "coronal" | "sagittal"): { axis: Vec3; first: number; step: number; count: number } {
  const axis: Vec3 = kind === "axial" ? [0, 0, 1] : kind === "coronal" ? [0, 1, 0] : [1, 0, 0];
  const d = g.direction;
  const columns: Vec3[] = [
    [d[0], d[3], d[6]],
    [d[1], d[4], d[7]],
    [d[2], d[5], d[8]],
  ];
  let min = Infinity;
  let max = -Infinity;
  for (let corner = 0; corner < 8; corner++) {
    const i = corner & 1 ? g.columns - 1 : 0;
    const j = corner & 2 ? g.rows - 1 : 0;
    const k = corner & 4 ? g.slices - 1 : 0;
    const p: Vec3 = [0, 1, 2].map(
      (r) => g.origin[r] + columns[0][r] * i * g.spacing[0] + columns[1][r] * j * g.spacing[1] + columns[2][r] * k * g.spacing[2],
    ) as Vec3;
    const v = dot(p, axis);
    min = Math.min(min, v);
    max = Math.max(max, v);
  }
  const align = columns.map((c) => Math.abs(dot(c, axis)));
  const step = align[0] >= align[1] && align[0] >= align[2] ? g.spacing[0] : align[1] >= align[2] ? g.spacing[1] : g.spacing[2];
  return { axis, first: min, step, count: Math.floor((max - min) / step + 1e-6) + 1 };
}
