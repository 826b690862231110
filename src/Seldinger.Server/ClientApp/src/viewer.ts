// The case viewer: axial, coronal and sagittal panes plus a fourth pane (needle-path plane, probe's-eye plane,
// an oblique plane, or the 3D label surfaces), all images resliced by the server. A crosshair cursor in patient
// space links the panes: clicking a point in one pane moves the others to it. Label overlays can be toggled per
// label; a slab control turns every pane into a thick MIP, MinIP or mean.
import {
  type CaseDetail,
  type LabelInfo,
  type Point,
  type SeriesGeometry,
  type Vec3,
  normalise,
  standardAxis,
  worldToIndex,
} from "./geometry";
import { PlanePane, loadImage } from "./pane";
import { PlanPanel } from "./plan-panel";
import { AblationPanel } from "./ablation-panel";
import { type PlannedRoute, type ProcedurePlan, inPlaneRequest, isStraightNeedle, probeRequest, setOblique } from "./plan-model";

export type WindowPresetName = "soft" | "bone" | "lung";
export type StandardKind = "axial" | "coronal" | "sagittal";
export type FourthMode = "inplane" | "probe" | "oblique" | "3d";

/**
 * An extra overlay layer another panel draws on the standard panes (e.g. an ablation zone): the URL of a PNG on the
 * pane's reslice grid for a pane and slice index (null draws nothing), and what to do with each answer's headers.
 */
export interface OverlayLayerProvider {
  url(kind: StandardKind, index: number): string | null;
  loaded?(kind: StandardKind, headers: Headers): void;
}

/** Extra surfaces for the 3D view: a glTF binary's URL and the colour and opacity of each named node. */
export interface ExtraMeshes {
  url: string;
  style(nodeName: string): { colour: number; opacity: number };
}

/** What tests and scripts read: the axial slice, the preset and how much of the path is drawn on it. */
export interface ViewerState {
  slice: number;
  sliceCount: number;
  preset: WindowPresetName;
  /** Number of path pixels drawn on the current axial slice (solid part only). */
  pathPixelsOnSlice: number;
}

const PATH_COLOUR = "#ffd400";
const ENTRY_COLOUR = "#00e676";
const TARGET_COLOUR = "#ff1744";
const CROSSHAIR_COLOUR = "rgba(0, 200, 255, 0.7)";
/** Ranked routes other than the selected one. */
const OTHER_ROUTE_COLOUR = "rgba(130, 190, 255, 0.6)";
/** Plan polylines (vessel centrelines, tube routes, outlines). */
const POLYLINE_COLOUR = "#e040fb";
/** Plan points by role; other roles are drawn in the last colour. */
const POINT_COLOURS: Record<string, string> = { target: TARGET_COLOUR, entry: ENTRY_COLOUR, tip: "#ff9100", puncture: "#ffea00", access: ENTRY_COLOUR };
const POINT_COLOUR = "#40c4ff";
const PANE_SIZE = 420;
/** Large tissue classes that would cover everything: off by default. */
const HIDDEN_BY_DEFAULT = new Set([1, 2, 3]);
const STANDARD: StandardKind[] = ["axial", "coronal", "sagittal"];

export class CaseViewer {
  readonly panes: Record<StandardKind | "fourth", PlanePane>;
  private readonly geometry: SeriesGeometry;
  private readonly axes: Record<StandardKind, ReturnType<typeof standardAxis>>;
  private readonly index: Record<StandardKind, number>;
  private readonly base: string;
  private readonly slider: HTMLInputElement;
  private readonly label: HTMLElement;
  private cursor: Point;
  private preset: WindowPresetName = "soft";
  private slabMm = 0;
  private slabMode = "mip";
  private fourth: FourthMode;
  private probeDepth: number;
  private tilt = { lr: 20, ap: 0 };
  private labels: LabelInfo[] = [];
  private readonly shown = new Set<number>();
  private pathPixels = 0;
  private scene: import("./view3d").LabelScene | null = null;
  /** The plan drawn over the images (from the plan panel) and its selected route; null shows the case's needle plan. */
  private overlay: { plan: ProcedurePlan; selected: number } | null = null;
  /** Extra overlay layers by key, drawn after each standard pane's image. */
  private readonly layers = new Map<string, OverlayLayerProvider>();
  /** Extra 3D surfaces by key. */
  private readonly extraMeshes = new Map<string, ExtraMeshes | null>();

  constructor(private readonly root: HTMLElement, private readonly detail: CaseDetail) {
    if (!detail.series) throw new Error("This case has no image series.");
    this.geometry = detail.series;
    this.base = `/api/series/${encodeURIComponent(this.geometry.seriesInstanceUid)}`;
    const pane = (name: string) => new PlanePane(root.querySelector<HTMLElement>(`[data-pane=${name}]`)!, name);
    this.panes = { axial: pane("axial"), coronal: pane("coronal"), sagittal: pane("sagittal"), fourth: pane("fourth") };
    for (const p of Object.values(this.panes)) p.resize(PANE_SIZE, PANE_SIZE);
    this.axes = { axial: standardAxis(this.geometry, "axial"), coronal: standardAxis(this.geometry, "coronal"), sagittal: standardAxis(this.geometry, "sagittal") };
    this.slider = root.querySelector<HTMLInputElement>("input.slice-slider")!;
    this.label = root.querySelector<HTMLElement>(".slice-label")!;
    // Open on the target (the lesion), where the reader looks first.
    const plan = detail.plan;
    this.cursor = plan?.target ?? detail.target ?? this.centre();
    this.index = { axial: 0, coronal: 0, sagittal: 0 };
    for (const kind of STANDARD) this.index[kind] = this.indexOf(kind, this.cursor);
    this.fourth = plan ? "inplane" : "oblique";
    this.probeDepth = plan ? distance(plan.entry, plan.target) : 0;
    this.slider.min = "0";
    this.slider.max = String(this.axes.axial.count - 1);
    this.bindEvents();
    this.syncControls();
  }

  get current(): Readonly<ViewerState> {
    return { slice: this.index.axial, sliceCount: this.axes.axial.count, preset: this.preset, pathPixelsOnSlice: this.pathPixels };
  }

  /** Loads the labels, then draws every pane. */
  async start(): Promise<void> {
    try {
      const response = await fetch(`${this.base}/labels`);
      this.labels = response.ok ? ((await response.json()) as LabelInfo[]) : [];
    } catch {
      this.labels = [];
    }
    for (const l of this.labels) if (!HIDDEN_BY_DEFAULT.has(l.value)) this.shown.add(l.value);
    this.buildLegend();
    this.cursorMoved();
    await Promise.all([...STANDARD.map((k) => this.renderPane(k)), this.renderFourth()]);
  }

  /** Shows axial slice n (0 = most inferior) and moves the cursor to its height. */
  async show(slice: number): Promise<void> {
    await this.setIndex("axial", slice);
  }

  async setIndex(kind: StandardKind, n: number): Promise<void> {
    const a = this.axes[kind];
    n = clamp(Math.round(n), 0, a.count - 1);
    this.index[kind] = n;
    const position = a.first + n * a.step;
    this.cursor = { x: kind === "sagittal" ? position : this.cursor.x, y: kind === "coronal" ? position : this.cursor.y, z: kind === "axial" ? position : this.cursor.z };
    this.cursorMoved();
    await this.renderPane(kind);
    this.redrawAnnotations();
    if (this.fourth === "oblique") await this.renderFourth();
  }

  /** Moves the crosshair to a point: every standard pane shows the plane through it. */
  async setCursor(p: Point): Promise<void> {
    this.cursor = p;
    const changed: StandardKind[] = [];
    for (const kind of STANDARD) {
      const n = this.indexOf(kind, p);
      if (n !== this.index[kind]) changed.push(kind);
      this.index[kind] = n;
    }
    this.cursorMoved();
    this.redrawAnnotations();
    await Promise.all([...changed.map((k) => this.renderPane(k)), this.fourth === "oblique" ? this.renderFourth() : Promise.resolve()]);
    this.redrawAnnotations();
  }

  async setPreset(preset: WindowPresetName): Promise<void> {
    this.preset = preset;
    this.syncControls();
    await this.renderAll();
  }

  async setSlab(mm: number, mode: string): Promise<void> {
    this.slabMm = Math.max(0, mm);
    this.slabMode = mode;
    this.syncControls();
    await this.renderAll();
  }

  async setFourth(mode: FourthMode): Promise<void> {
    if (mode !== "oblique" && mode !== "3d" && !this.needlePath()) mode = "oblique";
    this.fourth = mode;
    this.syncControls();
    await this.renderFourth();
  }

  /** Shows or hides one label in the overlays and the 3D view. */
  async toggleLabel(value: number, on: boolean): Promise<void> {
    if (on) this.shown.add(value);
    else this.shown.delete(value);
    this.root.querySelectorAll<HTMLInputElement>(`input[data-label="${value}"]`).forEach((c) => (c.checked = on));
    const panes: Promise<void>[] = STANDARD.map((k) => this.panes[k].showOverlay(this.overlayUrl(k)));
    if (this.fourth === "3d") panes.push(this.scene?.show(this.shown) ?? Promise.resolve());
    else panes.push(this.panes.fourth.showOverlay(this.overlayUrl(this.fourth)));
    await Promise.all(panes);
  }

  /** The crosshair point, LPS mm. */
  get cursorPoint(): Point {
    return { ...this.cursor };
  }

  /** The plan drawn over the images, or null. */
  get shownPlan(): { plan: ProcedurePlan; selected: number } | null {
    return this.overlay;
  }

  /**
   * Draws a plan over every pane: the selected route solid, the other ranked routes fainter, the plan's points
   * and polylines; the needle plane and probe's eye follow the selected route when it is a straight needle.
   * Null goes back to the case's own needle plan.
   */
  async setPlan(plan: ProcedurePlan | null, selected = 0): Promise<void> {
    const hadPath = this.needlePath() !== null;
    this.overlay = plan ? { plan, selected: clamp(Math.round(selected), 0, Math.max(0, plan.routes.length - 1)) } : null;
    const path = this.needlePath();
    if (path) this.probeDepth = distance(path.entry, path.target);
    if (!path && (this.fourth === "inplane" || this.fourth === "probe")) this.fourth = "oblique";
    else if (path && !hadPath && this.fourth === "oblique") this.fourth = "inplane";
    this.syncDepth();
    this.syncControls();
    this.root.dataset.planRoute = this.overlay ? String(this.overlay.selected) : "";
    this.syncLegend();
    this.scene?.setPlan(this.sceneRoutes(), this.overlay?.plan.points ?? [], this.overlay?.plan.polylines ?? []);
    this.redrawAnnotations();
    await this.renderFourth();
  }

  /** Registers (or replaces) an extra overlay layer and draws it on the standard panes; null removes it. */
  async setOverlayLayer(key: string, provider: OverlayLayerProvider | null): Promise<void> {
    if (provider) this.layers.set(key, provider);
    else this.layers.delete(key);
    await Promise.all(STANDARD.map((k) => this.renderLayer(k, key, provider)));
  }

  /** Requests an extra overlay layer again on every standard pane (its provider's answer changed). */
  async refreshOverlayLayer(key: string): Promise<void> {
    await this.setOverlayLayer(key, this.layers.get(key) ?? null);
  }

  /** Shows extra surfaces in the 3D view (loaded when the view is first opened); null removes them. */
  async setExtraMeshes(key: string, meshes: ExtraMeshes | null): Promise<void> {
    this.extraMeshes.set(key, meshes);
    if (this.scene) await this.scene.setExtra(key, meshes);
  }

  /** Canvas position of a patient-space point in a pane (for tests and tools). */
  canvasPoint(pane: StandardKind | "fourth", p: Point): { x: number; y: number } | null {
    const c = this.panes[pane].canvasOf(p);
    return c ? { x: c.x, y: c.y } : null;
  }

  /** The straight needle path the needle plane and probe's eye follow: the selected route of the shown plan, else the case's plan. */
  private needlePath(): { entry: Point; target: Point; fromPlan: boolean } | null {
    if (this.overlay) {
      const route = this.overlay.plan.routes[this.overlay.selected];
      return isStraightNeedle(route) ? { entry: route.points[0], target: route.points[1], fromPlan: true } : null;
    }
    const plan = this.detail.plan;
    return plan ? { entry: plan.entry, target: plan.target, fromPlan: false } : null;
  }

  /** Routes as the 3D view draws them: the selected one first. */
  private sceneRoutes(): { points: Point[]; selected: boolean }[] {
    if (!this.overlay) return [];
    const { plan, selected } = this.overlay;
    return plan.routes.map((r, i) => ({ points: r.points, selected: i === selected })).sort((a, b) => Number(b.selected) - Number(a.selected));
  }

  /** The middle of the volume. */
  private centre(): Point {
    const mid = (a: ReturnType<typeof standardAxis>) => a.first + ((a.count - 1) / 2) * a.step;
    return { x: mid(this.axes.sagittal), y: mid(this.axes.coronal), z: mid(this.axes.axial) };
  }

  private indexOf(kind: StandardKind, p: Point): number {
    const a = this.axes[kind];
    const v = kind === "axial" ? p.z : kind === "coronal" ? p.y : p.x;
    return clamp(Math.round((v - a.first) / a.step), 0, a.count - 1);
  }

  private common(): URLSearchParams {
    const q = new URLSearchParams({ preset: this.preset });
    if (this.slabMm > 0) {
      q.set("slab", String(this.slabMm));
      q.set("mode", this.slabMode);
    }
    return q;
  }

  private planeParams(kind: StandardKind | Exclude<FourthMode, "3d">): URLSearchParams {
    const q = new URLSearchParams();
    // Oblique, needle and probe planes cover the volume's largest extent (300 pixels), whatever its voxel size;
    // the probe's eye 60 % of it.
    const a = this.axes;
    const extent = Math.max(a.axial.count * a.axial.step, a.coronal.count * a.coronal.step, a.sagittal.count * a.sagittal.step);
    const pixel = Math.max(0.05, extent / 300);
    switch (kind) {
      case "axial":
      case "coronal":
      case "sagittal":
        q.set("index", String(this.index[kind]));
        break;
      case "inplane": {
        const path = this.needlePath();
        if (path?.fromPlan) setOblique(q, inPlaneRequest(path.entry, path.target));
        else q.set("case", this.detail.id);
        q.set("size", "300");
        q.set("pixel", pixel.toFixed(4));
        break;
      }
      case "probe": {
        const path = this.needlePath();
        if (path?.fromPlan) setOblique(q, probeRequest(path.entry, path.target, this.probeDepth));
        else {
          q.set("case", this.detail.id);
          q.set("depth", this.probeDepth.toFixed(1));
        }
        q.set("size", "256");
        q.set("pixel", ((extent * 0.6) / 256).toFixed(4));
        break;
      }
      case "oblique": {
        const n = this.obliqueNormal();
        q.set("cx", this.cursor.x.toFixed(2));
        q.set("cy", this.cursor.y.toFixed(2));
        q.set("cz", this.cursor.z.toFixed(2));
        q.set("nx", n[0].toFixed(5));
        q.set("ny", n[1].toFixed(5));
        q.set("nz", n[2].toFixed(5));
        q.set("size", "300");
        q.set("pixel", pixel.toFixed(4));
        break;
      }
    }
    return q;
  }

  /** The oblique plane's normal: the axial normal tilted about the AP axis (left-right tilt), then about the LR axis. */
  private obliqueNormal(): Vec3 {
    const lr = (this.tilt.lr * Math.PI) / 180;
    const ap = (this.tilt.ap * Math.PI) / 180;
    return normalise([Math.sin(lr), Math.sin(ap) * Math.cos(lr), Math.cos(ap) * Math.cos(lr)]);
  }

  /** The endpoint's plane kind: a plan's needle route is cut as an oblique plane (the server's inplane and probe follow the case's plan). */
  private endpointKind(kind: StandardKind | Exclude<FourthMode, "3d">): string {
    return (kind === "inplane" || kind === "probe") && this.needlePath()?.fromPlan ? "oblique" : kind;
  }

  private imageUrl(kind: StandardKind | Exclude<FourthMode, "3d">): string {
    const q = this.planeParams(kind);
    for (const [k, v] of this.common()) q.set(k, v);
    return `${this.base}/reslice/${this.endpointKind(kind)}.png?${q}`;
  }

  private overlayUrl(kind: StandardKind | FourthMode): string | null {
    if (kind === "3d" || this.shown.size === 0 || this.labels.length === 0) return null;
    const q = this.planeParams(kind);
    q.set("labels", [...this.shown].sort((a, b) => a - b).join(","));
    return `${this.base}/overlay/${this.endpointKind(kind)}.png?${q}`;
  }

  private async renderAll(): Promise<void> {
    await Promise.all([...STANDARD.map((k) => this.renderPane(k)), this.renderFourth()]);
  }

  private async renderPane(kind: StandardKind): Promise<void> {
    const pane = this.panes[kind];
    try {
      if (!(await pane.show(this.imageUrl(kind), this.overlayUrl(kind)))) return;
      this.setStatus("");
    } catch (e) {
      this.setStatus(e instanceof Error ? e.message : String(e));
      return;
    }
    this.drawAnnotations(kind);
    if (kind === "axial") this.afterAxial();
    await Promise.all([...this.layers].map(([key, provider]) => this.renderLayer(kind, key, provider)));
  }

  private async renderLayer(kind: StandardKind, key: string, provider: OverlayLayerProvider | null): Promise<void> {
    const headers = await this.panes[kind].showExtra(key, provider?.url(kind, this.index[kind]) ?? null);
    if (headers && provider?.loaded) provider.loaded(kind, headers);
  }

  private afterAxial(): void {
    const n = this.index.axial;
    this.slider.value = String(n);
    this.label.textContent = `Axial ${n + 1} / ${this.axes.axial.count} · z = ${(this.axes.axial.first + n * this.axes.axial.step).toFixed(1)} mm`;
    this.root.dataset.slice = String(n);
    this.root.dataset.pathPixels = String(this.pathPixels);
    this.root.dispatchEvent(new CustomEvent("slicechange", { detail: this.current }));
    // Neighbours in the browser cache make scrolling smooth.
    for (const d of [-1, 1]) {
      const k = n + d;
      if (k < 0 || k >= this.axes.axial.count) continue;
      const saved = this.index.axial;
      this.index.axial = k;
      const url = this.imageUrl("axial");
      this.index.axial = saved;
      loadImage(url).catch(() => undefined);
    }
  }

  private async renderFourth(): Promise<void> {
    const element = this.panes.fourth.element;
    const stack = element.querySelector<HTMLElement>(".viewer-stack")!;
    const container = element.querySelector<HTMLElement>(".pane-3d")!;
    element.dataset.mode = this.fourth;
    const title = element.querySelector<HTMLElement>(".pane-title");
    if (title) title.textContent = FOURTH_TITLES[this.fourth];
    if (this.fourth === "3d") {
      stack.hidden = true;
      container.hidden = false;
      if (!this.scene) {
        const { LabelScene } = await import("./view3d");
        this.scene = new LabelScene(container, this.geometry.seriesInstanceUid, PANE_SIZE, PANE_SIZE);
        if (this.detail.plan) this.scene.setPath(this.detail.plan.entry, this.detail.plan.target);
        if (this.overlay) this.scene.setPlan(this.sceneRoutes(), this.overlay.plan.points, this.overlay.plan.polylines);
        for (const [key, meshes] of this.extraMeshes) void this.scene.setExtra(key, meshes);
      }
      await this.scene.show(this.shown);
      return;
    }
    stack.hidden = false;
    container.hidden = true;
    try {
      if (!(await this.panes.fourth.show(this.imageUrl(this.fourth), this.overlayUrl(this.fourth)))) return;
    } catch (e) {
      this.setStatus(e instanceof Error ? e.message : String(e));
      return;
    }
    this.drawAnnotations("fourth");
    element.dataset.shown = this.fourth;
  }

  private redrawAnnotations(): void {
    for (const kind of STANDARD) this.drawAnnotations(kind);
    if (this.fourth !== "3d") this.drawAnnotations("fourth");
  }

  /** Half the thickness a point may be off the plane and still count as on it, mm. */
  private halfThickness(name: StandardKind | "fourth"): number {
    const plane = this.panes[name].plane;
    const slab = plane?.slabMm ?? 0;
    const step = name === "fourth" ? (plane?.pixelSpacing[0] ?? 1) : this.axes[name].step;
    return Math.max(slab, step) / 2;
  }

  private drawAnnotations(name: StandardKind | "fourth"): void {
    const pane = this.panes[name];
    const canvas = pane.annot;
    const ctx = canvas.getContext("2d")!;
    ctx.clearRect(0, 0, canvas.width, canvas.height);
    if (!pane.plane) return;
    const half = this.halfThickness(name);

    // Crosshair through the cursor, with a gap so the point itself stays visible.
    const c = pane.canvasOf(this.cursor);
    if (c && (name !== "fourth" || Math.abs(c.distance) <= half)) {
      ctx.save();
      ctx.strokeStyle = CROSSHAIR_COLOUR;
      ctx.lineWidth = 1;
      ctx.beginPath();
      ctx.moveTo(0, c.y);
      ctx.lineTo(c.x - 8, c.y);
      ctx.moveTo(c.x + 8, c.y);
      ctx.lineTo(canvas.width, c.y);
      ctx.moveTo(c.x, 0);
      ctx.lineTo(c.x, c.y - 8);
      ctx.moveTo(c.x, c.y + 8);
      ctx.lineTo(c.x, canvas.height);
      ctx.stroke();
      ctx.restore();
    }

    let pathPixels = 0;
    const plan = this.detail.plan;
    if (this.overlay) {
      pathPixels = this.drawPlan(ctx, canvas, pane, half);
    } else if (plan) {
      const a = pane.canvasOf(plan.entry)!;
      const b = pane.canvasOf(plan.target)!;
      this.drawRoute(ctx, [a, b], half, "selected");
      pathPixels = countColour(ctx, canvas, PATH_COLOUR);
      this.drawMarker(ctx, a, half, ENTRY_COLOUR, "entry");
      this.drawMarker(ctx, b, half, TARGET_COLOUR, "target");
    } else if (this.detail.target) {
      this.drawMarker(ctx, pane.canvasOf(this.detail.target)!, half, TARGET_COLOUR, "target");
    }
    if (name === "axial") {
      this.pathPixels = pathPixels;
      this.root.dataset.pathPixels = String(pathPixels);
    }
    pane.element.dataset.pathPixels = String(pathPixels);
  }

  /**
   * The shown plan on one pane: other routes, polylines and points first, the selected route on top. Returns the
   * number of selected-route pixels (the solid part within the plane's thickness).
   */
  private drawPlan(ctx: CanvasRenderingContext2D, canvas: HTMLCanvasElement, pane: PlanePane, half: number): number {
    const { plan, selected } = this.overlay!;
    const at = (p: Point) => pane.canvasOf(p)!;
    plan.routes.forEach((r, i) => {
      if (i !== selected) this.drawRoute(ctx, r.points.map(at), half, "other");
    });
    for (const line of plan.polylines) this.drawRoute(ctx, line.points.map(at), half, "polyline");
    let pixels = 0;
    const route: PlannedRoute | undefined = plan.routes[selected];
    if (route && route.points.length > 0) {
      const points = route.points.map(at);
      this.drawRoute(ctx, points, half, "selected");
      pixels = countColour(ctx, canvas, PATH_COLOUR);
      this.drawMarker(ctx, points[0], half, ENTRY_COLOUR, route.kind === "needle" ? "entry" : "access");
      const tip = points[points.length - 1];
      this.drawMarker(ctx, tip, half, TARGET_COLOUR, route.kind === "needle" ? "target" : "tip");
    }
    const tipPoint = route?.points[route.points.length - 1];
    for (const p of plan.points) {
      // The route's own end points are marked already.
      if (route && route.points.length > 0 && (distance(p.point, route.points[0]) < 0.5 || (tipPoint && distance(p.point, tipPoint) < 0.5))) continue;
      this.drawMarker(ctx, at(p.point), half, POINT_COLOURS[p.role] ?? POINT_COLOUR, p.name);
    }
    if (plan.target && (!tipPoint || distance(plan.target, tipPoint) >= 0.5) && !plan.points.some((p) => distance(p.point, plan.target!) < 0.5)) {
      this.drawMarker(ctx, at(plan.target), half, TARGET_COLOUR, "target");
    }
    return pixels;
  }

  /**
   * A route or polyline projected on a pane: the whole of it thin and dashed (where it goes from any plane), the
   * parts within the plane's thickness solid.
   */
  private drawRoute(ctx: CanvasRenderingContext2D, points: { x: number; y: number; distance: number }[], half: number, style: "selected" | "other" | "polyline"): void {
    if (points.length === 0) return;
    const colour = style === "selected" ? PATH_COLOUR : style === "other" ? OTHER_ROUTE_COLOUR : POLYLINE_COLOUR;
    ctx.save();
    ctx.setLineDash(style === "selected" ? [6, 6] : [3, 5]);
    ctx.lineWidth = 1;
    ctx.strokeStyle = style === "selected" ? "rgba(255, 212, 0, 0.45)" : style === "other" ? "rgba(130, 190, 255, 0.3)" : "rgba(224, 64, 251, 0.35)";
    ctx.beginPath();
    ctx.moveTo(points[0].x, points[0].y);
    for (const p of points.slice(1)) ctx.lineTo(p.x, p.y);
    ctx.stroke();
    ctx.restore();
    ctx.save();
    ctx.lineWidth = style === "selected" ? 3 : 2;
    ctx.lineCap = "round";
    ctx.strokeStyle = colour;
    ctx.beginPath();
    let drawn = false;
    for (let i = 1; i < points.length; i++) {
      const part = clip(points[i - 1], points[i], -half, half);
      if (!part) continue;
      ctx.moveTo(part[0].x, part[0].y);
      ctx.lineTo(part[1].x, part[1].y);
      drawn = true;
    }
    if (drawn) ctx.stroke();
    ctx.restore();
  }

  private drawMarker(ctx: CanvasRenderingContext2D, at: { x: number; y: number; distance: number }, half: number, colour: string, text: string): void {
    const onPlane = Math.abs(at.distance) <= half;
    ctx.save();
    ctx.strokeStyle = colour;
    ctx.fillStyle = colour;
    ctx.globalAlpha = onPlane ? 1 : 0.35;
    ctx.lineWidth = 2;
    ctx.beginPath();
    ctx.arc(at.x, at.y, onPlane ? 7 : 5, 0, Math.PI * 2);
    ctx.stroke();
    ctx.font = "12px sans-serif";
    ctx.fillText(text, at.x + 9, at.y - 9);
    ctx.restore();
  }

  private buildLegend(): void {
    const legend = this.root.querySelector<HTMLElement>(".label-legend");
    if (!legend) return;
    legend.replaceChildren();
    for (const l of this.labels) {
      const item = document.createElement("label");
      item.className = "label-toggle";
      const box = document.createElement("input");
      box.type = "checkbox";
      box.dataset.label = String(l.value);
      box.checked = this.shown.has(l.value);
      box.addEventListener("change", () => void this.toggleLabel(l.value, box.checked));
      const swatch = document.createElement("i");
      swatch.className = "swatch";
      swatch.style.background = l.colour;
      const volume = document.createElement("small");
      volume.textContent = `${l.volumeMl < 10 ? l.volumeMl.toFixed(1) : l.volumeMl.toFixed(0)} mL`;
      item.append(box, swatch, document.createTextNode(` ${l.name} `), volume);
      item.title = `${l.name}: ${l.volumeMl.toFixed(1)} mL, largest diameter ${l.largestDiameterMm.toFixed(1)} mm`;
      legend.append(item);
    }
    if (this.labels.length === 0) legend.textContent = "No label map for this series.";
  }

  private syncControls(): void {
    this.root.querySelectorAll<HTMLButtonElement>("button[data-preset]").forEach((b) => b.setAttribute("aria-pressed", String(b.dataset.preset === this.preset)));
    this.root.querySelectorAll<HTMLButtonElement>("button[data-fourth]").forEach((b) => b.setAttribute("aria-pressed", String(b.dataset.fourth === this.fourth)));
    const slabValue = this.root.querySelector<HTMLElement>("[data-slab-value]");
    if (slabValue) slabValue.textContent = this.slabMm > 0 ? `${this.slabMm} mm` : "off";
    this.root.querySelectorAll<HTMLElement>("[data-for-mode]").forEach((e) => (e.hidden = e.dataset.forMode !== this.fourth));
    const depth = this.root.querySelector<HTMLElement>("[data-depth-value]");
    if (depth) depth.textContent = `${this.probeDepth.toFixed(0)} mm`;
    this.root.dataset.fourth = this.fourth;
  }

  /** Publishes the crosshair point (data-cursor and a cursorchange event) for the plan panel and tests. */
  private cursorMoved(): void {
    const p = this.cursor;
    this.root.dataset.cursor = `${p.x.toFixed(1)},${p.y.toFixed(1)},${p.z.toFixed(1)}`;
    this.root.dispatchEvent(new CustomEvent("cursorchange", { detail: { ...p } }));
  }

  /** Adds "other routes" and "plan lines" to the colour legend under the panes when the shown plan has them. */
  private syncLegend(): void {
    const legend = this.root.querySelector<HTMLElement>(".hint .legend");
    if (!legend) return;
    legend.querySelectorAll("[data-plan-legend]").forEach((e) => e.remove());
    if (!this.overlay) return;
    const add = (className: string, text: string) => {
      const item = document.createElement("span");
      item.dataset.planLegend = "";
      const swatch = document.createElement("i");
      swatch.className = className;
      item.append(swatch, text);
      legend.append(item);
    };
    if (this.overlay.plan.routes.length > 1) add("other", "other routes");
    if (this.overlay.plan.polylines.length > 0) add("polyline", "plan lines");
  }

  /** The probe depth slider's range follows the needle path's length. */
  private syncDepth(): void {
    const depth = this.root.querySelector<HTMLInputElement>("input[data-depth]");
    const path = this.needlePath();
    if (!depth || !path) return;
    depth.max = String(Math.ceil(distance(path.entry, path.target) + 20));
    depth.value = String(this.probeDepth);
  }

  private setStatus(text: string): void {
    const status = this.root.querySelector<HTMLElement>(".viewer-status");
    if (status) status.textContent = text;
  }

  private bindEvents(): void {
    for (const kind of STANDARD) {
      const pane = this.panes[kind];
      pane.annot.addEventListener(
        "wheel",
        (e) => {
          e.preventDefault();
          void this.setIndex(kind, this.index[kind] + (e.deltaY > 0 ? 1 : -1));
        },
        { passive: false },
      );
      pane.annot.addEventListener("click", (e) => this.clickAt(pane, e));
    }
    const fourth = this.panes.fourth;
    fourth.annot.addEventListener("click", (e) => this.clickAt(fourth, e));
    fourth.annot.addEventListener(
      "wheel",
      (e) => {
        e.preventDefault();
        const step = e.deltaY > 0 ? 1 : -1;
        if (this.fourth === "probe") {
          this.probeDepth += 2 * step;
          const depth = this.root.querySelector<HTMLInputElement>("input[data-depth]");
          if (depth) depth.value = String(this.probeDepth);
          this.syncControls();
          void this.renderFourth();
        } else if (this.fourth === "oblique") {
          const n = this.obliqueNormal();
          const s = step * Math.min(...this.geometry.spacing);
          void this.setCursor({ x: this.cursor.x + n[0] * s, y: this.cursor.y + n[1] * s, z: this.cursor.z + n[2] * s });
        }
      },
      { passive: false },
    );
    this.slider.addEventListener("input", () => void this.show(Number(this.slider.value)));
    this.root.addEventListener("keydown", (e) => {
      if (e.target instanceof HTMLInputElement || e.target instanceof HTMLSelectElement) return;
      const step = e.key === "ArrowUp" || e.key === "PageUp" ? 1 : e.key === "ArrowDown" || e.key === "PageDown" ? -1 : 0;
      if (step !== 0) {
        e.preventDefault();
        void this.show(this.index.axial + step * (e.key.startsWith("Page") ? 10 : 1));
      }
    });
    this.root.querySelectorAll<HTMLButtonElement>("button[data-preset]").forEach((b) =>
      b.addEventListener("click", () => void this.setPreset(b.dataset.preset as WindowPresetName)),
    );
    this.root.querySelectorAll<HTMLButtonElement>("button[data-fourth]").forEach((b) =>
      b.addEventListener("click", () => void this.setFourth(b.dataset.fourth as FourthMode)),
    );
    this.root.querySelectorAll<HTMLButtonElement>("button[data-goto]").forEach((b) =>
      b.addEventListener("click", () => {
        const point = b.dataset.goto === "entry" ? this.entryPoint() : this.targetPoint();
        if (point) void this.setCursor(point);
      }),
    );
    const slab = this.root.querySelector<HTMLInputElement>("input[data-slab]");
    const mode = this.root.querySelector<HTMLSelectElement>("select[data-slab-mode]");
    const applySlab = () => void this.setSlab(Number(slab?.value ?? 0), mode?.value ?? "mip");
    slab?.addEventListener("change", applySlab);
    slab?.addEventListener("input", () => {
      const v = this.root.querySelector<HTMLElement>("[data-slab-value]");
      if (v) v.textContent = Number(slab.value) > 0 ? `${slab.value} mm` : "off";
    });
    mode?.addEventListener("change", applySlab);
    const opacity = this.root.querySelector<HTMLInputElement>("input[data-opacity]");
    const applyOpacity = () => {
      for (const p of Object.values(this.panes)) p.labels.style.opacity = String(Number(opacity?.value ?? 50) / 100);
    };
    opacity?.addEventListener("input", applyOpacity);
    applyOpacity();
    const depth = this.root.querySelector<HTMLInputElement>("input[data-depth]");
    if (depth) {
      this.syncDepth();
      depth.addEventListener("input", () => {
        this.probeDepth = Number(depth.value);
        this.syncControls();
        void this.renderFourth();
      });
    }
    for (const axis of ["lr", "ap"] as const) {
      const input = this.root.querySelector<HTMLInputElement>(`input[data-tilt=${axis}]`);
      if (!input) continue;
      input.value = String(this.tilt[axis]);
      input.addEventListener("input", () => {
        this.tilt[axis] = Number(input.value);
        void this.renderFourth();
      });
    }
  }

  /** Where "Go to entry" goes: the selected route's first point, else the case plan's entry. */
  private entryPoint(): Point | null {
    if (this.overlay) return this.overlay.plan.routes[this.overlay.selected]?.points[0] ?? null;
    return this.detail.plan?.entry ?? null;
  }

  /** Where "Go to target" goes: the shown plan's target or its selected route's tip, else the case's target. */
  private targetPoint(): Point | null {
    if (this.overlay) {
      const route = this.overlay.plan.routes[this.overlay.selected];
      return this.overlay.plan.target ?? route?.points[route.points.length - 1] ?? null;
    }
    return this.detail.plan?.target ?? this.detail.target;
  }

  private clickAt(pane: PlanePane, e: MouseEvent): void {
    const rect = pane.annot.getBoundingClientRect();
    const x = ((e.clientX - rect.left) / rect.width) * pane.annot.width;
    const y = ((e.clientY - rect.top) / rect.height) * pane.annot.height;
    const p = pane.worldAt(x, y);
    if (p) void this.setCursor(p);
  }
}

const FOURTH_TITLES: Record<FourthMode, string> = {
  inplane: "Needle plane",
  probe: "Probe's eye",
  oblique: "Oblique",
  "3d": "3D",
};

function clamp(v: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, v));
}

function distance(a: Point, b: Point): number {
  return Math.hypot(a.x - b.x, a.y - b.y, a.z - b.z);
}

/** The part of segment a→b whose distance from the plane lies in [d0, d1], or null. */
function clip(
  a: { x: number; y: number; distance: number },
  b: { x: number; y: number; distance: number },
  d0: number,
  d1: number,
): [{ x: number; y: number }, { x: number; y: number }] | null {
  const dd = b.distance - a.distance;
  let t0 = 0;
  let t1 = 1;
  if (Math.abs(dd) < 1e-9) {
    if (a.distance < d0 || a.distance > d1) return null;
  } else {
    const ta = (d0 - a.distance) / dd;
    const tb = (d1 - a.distance) / dd;
    t0 = Math.max(0, Math.min(ta, tb));
    t1 = Math.min(1, Math.max(ta, tb));
    if (t0 > t1) return null;
  }
  const at = (t: number) => ({ x: a.x + (b.x - a.x) * t, y: a.y + (b.y - a.y) * t });
  return [at(t0), at(t1)];
}

function countColour(ctx: CanvasRenderingContext2D, canvas: HTMLCanvasElement, hex: string): number {
  const r = parseInt(hex.slice(1, 3), 16);
  const g = parseInt(hex.slice(3, 5), 16);
  const b = parseInt(hex.slice(5, 7), 16);
  const data = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
  let n = 0;
  for (let p = 0; p < data.length; p += 4) {
    if (data[p + 3] > 200 && Math.abs(data[p] - r) < 8 && Math.abs(data[p + 1] - g) < 8 && Math.abs(data[p + 2] - b) < 8) n++;
  }
  return n;
}

async function start(): Promise<void> {
  const root = document.querySelector<HTMLElement>("[data-case-viewer]");
  if (!root) return;
  const status = root.querySelector<HTMLElement>(".viewer-status");
  try {
    const response = await fetch(`/api/cases/${encodeURIComponent(root.dataset.caseId!)}`);
    if (!response.ok) throw new Error(`The case could not be loaded (${response.status}).`);
    const detail = (await response.json()) as CaseDetail;
    const viewer = new CaseViewer(root, detail);
    (window as unknown as { seldingerViewer: CaseViewer }).seldingerViewer = viewer;
    await viewer.start();
    root.dataset.ready = "true";
    if (status && status.textContent === "Loading images…") status.textContent = "";
    // The plan panel sits beside the viewer, before the case's own needle plan.
    const panel = new PlanPanel(detail.id, viewer, root);
    root.insertAdjacentElement("afterend", panel.element);
    (window as unknown as { seldingerPlans: PlanPanel }).seldingerPlans = panel;
    // The ablation panel (on cases with an ablation procedure) follows the plan panel's plan, so it listens first.
    const section = document.querySelector<HTMLElement>("[data-ablation-panel]");
    const ablation = section ? new AblationPanel(detail.id, viewer, panel, section) : null;
    if (ablation) (window as unknown as { seldingerAblation: AblationPanel }).seldingerAblation = ablation;
    await Promise.all([panel.start(), ablation?.start()]);
  } catch (e) {
    if (status) status.textContent = e instanceof Error ? e.message : String(e);
    root.dataset.ready = "error";
  }
}

// worldToIndex stays part of the module's surface for scripts that map points to voxels.
export { worldToIndex };

void start();
