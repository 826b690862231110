// The plan API's JSON (ProcedurePlan, StoredPlan and friends) and the geometry the viewer needs from a route:
// the in-plane and probe's-eye planes of a straight needle, as oblique-plane parameters the reslice endpoint takes.
import { type Point, type Vec3, cross, normalise } from "./geometry";

export type Severity = "Info" | "Caution" | "Danger";

export interface RouteClearance {
  structure: string;
  /** Null when the structure is absent from the volume. */
  distanceMm: number | null;
  requiredMm: number;
  crossed: boolean;
  violates: boolean;
}

export interface PlannedRoute {
  /** needle, catheter or tube. */
  kind: string;
  /** From the entry (skin or access site) to the tip. */
  points: Point[];
  lengthMm: number;
  insertionAngleDeg: number | null;
  score: number;
  isSafe: boolean;
  clearances: RouteClearance[];
  description: string;
}

export interface ParetoEntry {
  entry: Point;
  lengthMm: number;
  clearanceSurplusMm: number;
  insertionAngleDeg: number;
}

export interface PlanWarning {
  severity: Severity;
  code: string;
  message: string;
  structure: string | null;
  route: number | null;
}

export interface PlanMeasurement {
  name: string;
  value: number;
  unit: string;
  note: string | null;
}

export interface PlanPoint {
  name: string;
  role: string;
  point: Point;
  sizeMm: number | null;
}

export interface PlanPolyline {
  name: string;
  role: string;
  points: Point[];
}

export interface ProcedurePlan {
  procedureId: string;
  procedureName: string;
  routeKind: string;
  planner: string;
  method: string;
  catalogueVersion: number;
  catalogueDigest: string;
  feasible: boolean;
  target: Point | null;
  targetReason: string | null;
  routes: PlannedRoute[];
  paretoFront: ParetoEntry[];
  candidatesConsidered: number;
  rejections: Record<string, number>;
  warnings: PlanWarning[];
  measurements: PlanMeasurement[];
  points: PlanPoint[];
  polylines: PlanPolyline[];
  devices: Record<string, unknown>[];
}

export interface PlanInputs {
  target: Point | null;
  manualEntry: Point | null;
  weightKg: number | null;
  ageYears: number | null;
}

/** A plan as the server stores it; the list endpoint leaves out the plan body. */
export interface StoredPlan {
  id: string;
  caseId: string;
  createdAt: string;
  procedureId: string;
  feasible?: boolean;
  method?: string;
  seriesInstanceUid?: string;
  labelsDigest?: string;
  catalogueVersion?: number;
  catalogueDigest?: string;
  inputs?: PlanInputs;
  plan?: ProcedurePlan;
}

/** A procedure the case can be planned for (GET /api/cases/{id}/procedures). */
export interface ProcedureOption {
  id: string;
  name: string;
  route: string;
  planner: string;
  suggested: boolean;
}

export interface RerunResult {
  identical: boolean;
  differences: string[];
  plan: ProcedurePlan;
}

/** Suggested procedures first, otherwise in the server's order. */
export function orderProcedures(options: readonly ProcedureOption[]): ProcedureOption[] {
  return [...options.filter((o) => o.suggested), ...options.filter((o) => !o.suggested)];
}

/** Warnings ordered Danger, Caution, Info (stable within a severity). */
export function orderWarnings(warnings: readonly PlanWarning[]): PlanWarning[] {
  const rank: Record<string, number> = { Danger: 0, Caution: 1, Info: 2 };
  return warnings
    .map((w, i) => ({ w, i }))
    .sort((a, b) => (rank[a.w.severity] ?? 3) - (rank[b.w.severity] ?? 3) || a.i - b.i)
    .map((x) => x.w);
}

/** Whether a route is a straight needle the in-plane and probe's-eye views can follow. */
export function isStraightNeedle(route: PlannedRoute | undefined): route is PlannedRoute {
  if (!route || route.points.length !== 2) return false;
  const [a, b] = route.points;
  return Math.hypot(b.x - a.x, b.y - a.y, b.z - a.z) > 1e-6;
}

/** An oblique plane request: centre, normal and screen-up, as the reslice endpoint's cx..uz parameters take them. */
export interface ObliqueRequest {
  centre: Point;
  normal: Vec3;
  up: Vec3;
}

/** The horizontal unit vector across the path, toward the patient's left (else posterior); x-axis for a vertical path. */
function horizontalAcross(along: Vec3): Vec3 {
  const h = cross([0, 0, 1], along);
  if (Math.hypot(h[0], h[1], h[2]) < 1e-9) return [1, 0, 0];
  const n = normalise(h);
  return n[0] > 1e-12 || (Math.abs(n[0]) <= 1e-12 && n[1] > 0) ? n : [-n[0], -n[1], -n[2]];
}

/**
 * The plane containing a needle path, centred half-way, with the path vertical on screen and rows horizontal
 * across it (the server's needle-plane convention): returned as oblique parameters so any route can be shown.
 * The oblique endpoint builds screen-down as −up and rows as down × normal, so normal = row × down and up = −down.
 */
export function inPlaneRequest(entry: Point, target: Point): ObliqueRequest {
  const along = normalise([target.x - entry.x, target.y - entry.y, target.z - entry.z]);
  const row = horizontalAcross(along);
  const c = cross(row, along);
  const down: Vec3 = c[2] > 0 || (Math.abs(c[2]) < 1e-12 && along[2] < 0) ? along : [-along[0], -along[1], -along[2]];
  return {
    centre: { x: (entry.x + target.x) / 2, y: (entry.y + target.y) / 2, z: (entry.z + target.z) / 2 },
    normal: cross(row, down),
    up: [-down[0], -down[1], -down[2]],
  };
}

/** The plane across a needle path at a depth from the entry, looking along the needle (the server's probe's-eye convention). */
export function probeRequest(entry: Point, target: Point, depthMm: number): ObliqueRequest {
  const along = normalise([target.x - entry.x, target.y - entry.y, target.z - entry.z]);
  const row = horizontalAcross(along);
  const down = cross(along, row);
  return {
    centre: { x: entry.x + along[0] * depthMm, y: entry.y + along[1] * depthMm, z: entry.z + along[2] * depthMm },
    normal: along,
    up: [-down[0], -down[1], -down[2]],
  };
}

/** Writes an oblique request into query parameters. */
export function setOblique(q: URLSearchParams, r: ObliqueRequest): void {
  q.set("cx", r.centre.x.toFixed(3));
  q.set("cy", r.centre.y.toFixed(3));
  q.set("cz", r.centre.z.toFixed(3));
  q.set("nx", r.normal[0].toFixed(6));
  q.set("ny", r.normal[1].toFixed(6));
  q.set("nz", r.normal[2].toFixed(6));
  q.set("ux", r.up[0].toFixed(6));
  q.set("uy", r.up[1].toFixed(6));
  q.set("uz", r.up[2].toFixed(6));
}

/** Length of a polyline, mm. */
export function polylineLength(points: readonly Point[]): number {
  let sum = 0;
  for (let i = 1; i < points.length; i++) sum += Math.hypot(points[i].x - points[i - 1].x, points[i].y - points[i - 1].y, points[i].z - points[i - 1].z);
  return sum;
}

export const formatPoint = (p: Point | null | undefined): string => (p ? `(${p.x.toFixed(1)}, ${p.y.toFixed(1)}, ${p.z.toFixed(1)})` : "—");

/** A number in plain form: integers without decimals, otherwise one or two decimals by size. */
export function formatNumber(v: number | null | undefined, unit = ""): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return "—";
  const text = Number.isInteger(v) ? String(v) : Math.abs(v) >= 100 ? v.toFixed(0) : Math.abs(v) >= 10 ? v.toFixed(1) : v.toFixed(2);
  if (!unit) return text;
  return unit === "%" || unit === "°" ? `${text}${unit}` : `${text} ${unit}`;
}
