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
