// The ablation API's JSON (device library, the plan's ablation summary, the post-ablation confirmation) and the
// small pure helpers the ablation panel needs: which procedures are ablations, devices grouped by modality, the
// overlay layers and their colours, and the rows of the side-by-side comparisons.
import type { Point } from "./geometry";
import { type ProcedureOption, type ProcedurePlan, type StoredPlan, formatNumber } from "./plan-model";

export type AblationModality = "Radiofrequency" | "Microwave" | "Cryo" | string;

export interface AblationZoneShape {
  lengthMm: number;
  diameterMm: number;
  distalExtentBeyondTipMm: number;
}

export interface AblationIsothermShape {
  temperatureCelsius: number;
  shape: AblationZoneShape;
}

export interface AblationSettingInfo {
  id: string;
  powerWatts: number | null;
  durationMinutes: number;
  freezeThawMinutes: number[];
  zone: AblationZoneShape;
  isotherms: AblationIsothermShape[];
  tissue: string;
  source: string;
  verify: boolean;
}

export interface AblationDeviceInfo {
  id: string;
  name: string;
  manufacturer: string;
  modality: AblationModality;
  kind: string;
  gauge: number;
  shaftLengthMm: number;
  activeTipLengthMm: number;
  clusterSpacingMm: number | null;
  probeTemperatureCelsius: number | null;
  source: string;
  settings: AblationSettingInfo[];
}

/** GET /api/ablation/devices. */
export interface AblationDeviceCatalogue {
  version: number | string;
  devices: AblationDeviceInfo[];
  sources: Record<string, string>;
  /** Ablation procedure id → default device id. */
  defaults: Record<string, string>;
}

export interface AblationProbeInfo {
  deviceId: string;
  settingId: string;
  entry: Point;
  tip: Point;
  axis?: Point;
  insertedLengthMm?: number;
}

export interface AblationCoverageRow {
  name: string;
  marginMm: number;
  fraction: number;
  volumeMl: number;
}

export interface AblationStructureAtRiskRow {
  structure: string;
  distanceMm: number;
  volumeInsideMl: number;
  requiredMm: number;
  severity: "Info" | "Caution" | "Danger" | string;
  nearestPoint: Point;
}

export interface AblationHeatSinkRow {
  structure: string;
  diameterMm: number;
  distanceMm: number;
  at: Point;
}

export interface AblationSuggestionRow {
  structure: string;
  kind: string;
  distanceMm: number;
  message: string;
}

export interface AblationAlternativeRow {
  label: string;
  deviceId: string;
  settingId: string;
  probes: AblationProbeInfo[];
  targetCoverage: number;
  marginCoverage: number;
  minimalMarginMm: number;
  healthyTissueAblatedMl: number;
  score: number;
  chosen: boolean;
  note: string | null;
}

/** plan.ablation of a stored ablation plan. */
export interface AblationSummary {
  deviceId: string;
  deviceName: string;
  modality: AblationModality;
  settingId: string;
  zoneModel: string;
  probes: AblationProbeInfo[];
  plannedMarginMm: number;
  coverage: AblationCoverageRow[];
  minimalMarginMm: number;
  minimalMarginAt: Point;
  surfaceFractionAtLeast5Mm: number;
  surfaceFractionAtLeast10Mm: number;
  zoneVolumeMl: number;
  healthyTissueAblatedMl: number;
  structuresAtRisk: AblationStructureAtRiskRow[];
  heatSinks: AblationHeatSinkRow[];
  suggestions: AblationSuggestionRow[];
  alternatives: AblationAlternativeRow[];
}

export type AblationPlan = ProcedurePlan & { ablation?: AblationSummary | null };

/** A stored plan whose body may carry the ablation summary. */
export type StoredAblationPlan = Omit<StoredPlan, "plan"> & { plan?: AblationPlan };

/** POST /api/plans/{id}/ablation/confirm and GET …/ablation/confirmation. */
export interface AblationConfirmation {
  achievedMinimalMarginMm: number;
  at: Point | null;
  coveredFraction: number;
  zoneVolumeMl: number;
  registration: { metric: string; value: number; iterations: number; residualMm: number; transform4x4: number[] };
  postSeriesUid: string | null;
}

/** The body of POST /api/cases/{id}/ablation-plans the panel sends. */
export interface AblationPlanRequest {
  procedureId: string;
  deviceId?: string;
  settingId?: string;
  probeCount?: number;
  maxProbes?: number;
  model?: "table" | "bioheat";
  marginMm?: number;
}

/** The server's enum names in declaration order, for plans whose JSON carries an enum as its number. */
const MODALITIES = ["Radiofrequency", "Microwave", "Cryo"];
const PROTECTION_KINDS = ["Hydrodissection", "ThermalProtection", "DifferentApproach", "HeatSinkCompensation"];
const SEVERITIES = ["Info", "Caution", "Danger"];

function enumName(value: unknown, names: readonly string[]): string {
  return typeof value === "number" && Number.isInteger(value) && value >= 0 && value < names.length ? names[value] : String(value);
}

/** The summary with its enums as names (modality, protection kinds, severities), whether the JSON had names or numbers. */
export function normaliseSummary(a: AblationSummary): AblationSummary {
  return {
    ...a,
    modality: enumName(a.modality, MODALITIES),
    structuresAtRisk: (a.structuresAtRisk ?? []).map((s) => ({ ...s, severity: enumName(s.severity, SEVERITIES) })),
    heatSinks: a.heatSinks ?? [],
    suggestions: (a.suggestions ?? []).map((s) => ({ ...s, kind: enumName(s.kind, PROTECTION_KINDS) })),
    alternatives: a.alternatives ?? [],
  };
}

/** Overlay layers of GET /api/plans/{id}/ablation/overlay/{kind}.png. */
export const OVERLAY_LAYERS = ["zone", "isotherms", "margin", "achieved"] as const;
export type OverlayLayer = (typeof OVERLAY_LAYERS)[number];

export const LAYER_NAMES: Record<OverlayLayer, string> = {
  zone: "Zone",
  isotherms: "Isotherms",
  margin: "Margin map",
  achieved: "Achieved zone",
};

/** One legend entry: a name and a CSS colour. */
export interface LegendEntry {
  name: string;
  colour: string;
  /** Drawn as an outline (isotherms, achieved zone) rather than a fill. */
  outline?: boolean;
}

/**
 * The overlay colours as the API contract describes them, used when the server sends no X-Overlay-Legend header
 * (and for the 3D surfaces, which share them).
 */
export const DEFAULT_LEGEND: LegendEntry[] = [
  { name: "Zone", colour: "rgb(255, 140, 0)" },
  { name: "Cryo 0 °C", colour: "rgb(255, 255, 255)", outline: true },
  { name: "Cryo −20 °C", colour: "rgb(0, 220, 255)", outline: true },
  { name: "Cryo −40 °C", colour: "rgb(40, 90, 255)", outline: true },
  { name: "Heat 50 °C", colour: "rgb(255, 230, 0)", outline: true },
  { name: "Heat 60 °C", colour: "rgb(255, 30, 30)", outline: true },
  { name: "Margin < 0 mm", colour: "rgb(220, 30, 30)" },
  { name: "Margin 0–5 mm", colour: "rgb(255, 150, 0)" },
  { name: "Margin 5–10 mm", colour: "rgb(255, 230, 0)" },
  { name: "Margin ≥ 10 mm", colour: "rgb(40, 200, 60)" },
  { name: "Achieved zone", colour: "rgb(255, 0, 255)", outline: true },
];

/** The zone's orange, as a number for three.js. */
export const ZONE_COLOUR = 0xff8c00;

/** An isotherm surface's colour for three.js, by temperature (the 2D outlines' colours). */
export function isothermColour(celsius: number): number {
  if (celsius <= -40) return 0x285aff;
  if (celsius <= -20) return 0x00dcff;
  if (celsius <= 0) return 0xffffff;
  if (celsius < 60) return 0xffe600;
  return 0xff1e1e;
}

/**
 * Reads the X-Overlay-Legend header: an array of {layer, label, colour, style} (or name/color/rgba) or an object
 * name → colour.
 * Anything else gives null (the panel then shows the default legend).
 */
export function parseLegend(header: string | null): LegendEntry[] | null {
  if (!header) return null;
  let value: unknown;
  try {
    value = JSON.parse(header);
  } catch {
    return null;
  }
  const colourOf = (c: unknown): string | null => {
    if (typeof c === "string") return c;
    if (Array.isArray(c) && c.length >= 3 && c.every((x) => typeof x === "number")) {
      const [r, g, b, a] = c as number[];
      return a === undefined ? `rgb(${r}, ${g}, ${b})` : `rgba(${r}, ${g}, ${b}, ${(a > 1 ? a / 255 : a).toFixed(2)})`;
    }
    return null;
  };
  const entries: LegendEntry[] = [];
  const list = Array.isArray(value) ? value : value && typeof value === "object" && Array.isArray((value as { entries?: unknown }).entries) ? (value as { entries: unknown[] }).entries : null;
  if (list) {
    for (const item of list) {
      if (!item || typeof item !== "object") continue;
      const o = item as Record<string, unknown>;
      let name = o.name ?? o.label ?? o.layer;
      // An isotherm's label is its temperature alone.
      if (typeof name === "string" && o.layer === "isotherms" && !/isotherm/i.test(name)) name = `isotherm ${name}`;
      const colour = colourOf(o.colour ?? o.color ?? o.rgba ?? o.rgb);
      if (typeof name === "string" && colour) entries.push({ name, colour, outline: o.style === "outline" });
    }
  } else if (value && typeof value === "object") {
    for (const [name, c] of Object.entries(value as Record<string, unknown>)) {
      const colour = colourOf(c);
      if (colour) entries.push({ name, colour });
    }
  }
  return entries.length > 0 ? entries : null;
}

/** The case's procedures that are ablations: those the device library has a default device for, or the ablation planner's. */
export function ablationProcedures(options: readonly ProcedureOption[], catalogue: AblationDeviceCatalogue | null): ProcedureOption[] {
  const known = new Set(Object.keys(catalogue?.defaults ?? {}));
  return options.filter((o) => known.has(o.id) || o.planner === "ablation");
}

/** Devices grouped by modality, in the library's order. */
export function devicesByModality(devices: readonly AblationDeviceInfo[]): [AblationModality, AblationDeviceInfo[]][] {
  const groups = new Map<AblationModality, AblationDeviceInfo[]>();
  for (const d of devices) {
    const list = groups.get(d.modality) ?? [];
    list.push(d);
    groups.set(d.modality, list);
  }
  return [...groups.entries()];
}

/** A setting in a few words: "100 W · 5 min → 35 × 30 mm" or "10-8-10 min freeze–thaw → 40 × 30 mm". */
export function settingText(s: AblationSettingInfo): string {
  const dose =
    s.freezeThawMinutes && s.freezeThawMinutes.length > 0
      ? `${s.freezeThawMinutes.map((m) => formatNumber(m)).join("-")} min freeze–thaw`
      : `${s.powerWatts === null || s.powerWatts === undefined ? "" : `${formatNumber(s.powerWatts)} W · `}${formatNumber(s.durationMinutes)} min`;
  return `${dose} → ${zoneText(s.zone)}${s.verify ? " (to be confirmed)" : ""}`;
}

/** A chart zone as "length × diameter mm". */
export function zoneText(z: AblationZoneShape | null | undefined): string {
  return z ? `${formatNumber(z.lengthMm)} × ${formatNumber(z.diameterMm)} mm` : "—";
}

/** A fraction 0–1 as a percentage with one decimal. */
export function percent(fraction: number | null | undefined): string {
  if (fraction === null || fraction === undefined || !Number.isFinite(fraction)) return "—";
  return `${(fraction * 100).toFixed(1)}%`;
}

/** Millilitres with two decimals (the coverage table's unit). */
export function millilitres(v: number | null | undefined): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return "—";
  return `${v.toFixed(2)} mL`;
}

/** Millimetres with one decimal. */
export function millimetres(v: number | null | undefined): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return "—";
  return `${v.toFixed(1)} mm`;
}

/** The margin colour class of the margin map: below 0, 0–5, 5–10, 10 mm and more. */
export function marginClass(mm: number): "negative" | "thin" | "fair" | "good" {
  if (mm < 0) return "negative";
  if (mm < 5) return "thin";
  if (mm < 10) return "fair";
  return "good";
}

/** One row of a side-by-side comparison: a heading and one cell per column. */
export interface ComparisonRow {
  key: string;
  name: string;
  cells: string[];
}

/** The alternatives as rows (probes, setting, coverage, margin, healthy tissue, score, chosen), one column per layout. */
export function alternativeRows(alternatives: readonly AblationAlternativeRow[]): ComparisonRow[] {
  return [
    { key: "probes", name: "Probes", cells: alternatives.map((a) => String(a.probes.length)) },
    { key: "setting", name: "Device · setting", cells: alternatives.map((a) => `${a.deviceId} · ${a.settingId}`) },
    { key: "target-coverage", name: "Tumor covered", cells: alternatives.map((a) => percent(a.targetCoverage)) },
    { key: "margin-coverage", name: "Tumor + margin covered", cells: alternatives.map((a) => percent(a.marginCoverage)) },
    { key: "minimal-margin", name: "Minimal margin", cells: alternatives.map((a) => millimetres(a.minimalMarginMm)) },
    { key: "healthy", name: "Healthy tissue ablated", cells: alternatives.map((a) => millilitres(a.healthyTissueAblatedMl)) },
    { key: "score", name: "Score (lower is better)", cells: alternatives.map((a) => formatNumber(a.score)) },
    { key: "chosen", name: "Chosen", cells: alternatives.map((a) => (a.chosen ? "chosen" : a.note ?? "")) },
  ];
}

/** Two or more stored ablation plans as rows, one column per plan. */
export function planRows(plans: readonly { label: string; ablation: AblationSummary }[]): ComparisonRow[] {
  const coverage = (a: AblationSummary, i: number) => a.coverage[i];
  const names = plans[0]?.ablation.coverage.map((c) => c.name) ?? [];
  return [
    { key: "device", name: "Device · setting", cells: plans.map((p) => `${p.ablation.deviceName} · ${p.ablation.settingId}`) },
    { key: "model", name: "Zone model", cells: plans.map((p) => p.ablation.zoneModel) },
    { key: "probes", name: "Probes", cells: plans.map((p) => String(p.ablation.probes.length)) },
    ...names.map((name, i) => ({
      key: `coverage-${i}`,
      name: `${name} covered`,
      cells: plans.map((p) => {
        const c = coverage(p.ablation, i);
        return c ? `${percent(c.fraction)} of ${millilitres(c.volumeMl)}` : "—";
      }),
    })),
    { key: "minimal-margin", name: "Minimal margin", cells: plans.map((p) => millimetres(p.ablation.minimalMarginMm)) },
    { key: "zone", name: "Zone volume", cells: plans.map((p) => millilitres(p.ablation.zoneVolumeMl)) },
    { key: "healthy", name: "Healthy tissue ablated", cells: plans.map((p) => millilitres(p.ablation.healthyTissueAblatedMl)) },
    { key: "at-risk", name: "Structures at risk (Danger)", cells: plans.map((p) => String(p.ablation.structuresAtRisk.filter((s) => s.severity === "Danger").length)) },
  ];
}
