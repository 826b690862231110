// Axial slice viewer of a case: server-rendered slices (window/level applied by the server),
// with the planned needle path, entry and target drawn over them in patient geometry.
import { type CaseDetail, type Point, type SeriesGeometry, worldToIndex } from "./geometry";

export interface ViewerState {
  slice: number;
  sliceCount: number;
  preset: WindowPresetName;
  /** Number of path pixels drawn on the current slice (solid part only): lets tests and users see it. */
  pathPixelsOnSlice: number;
}

export type WindowPresetName = "soft" | "bone" | "lung";

const PATH_COLOUR = "#ffd400";
const ENTRY_COLOUR = "#00e676";
const TARGET_COLOUR = "#ff1744";

export class SliceViewer {
  private readonly image: HTMLCanvasElement;
  private readonly overlay: HTMLCanvasElement;
  private readonly slider: HTMLInputElement;
  private readonly label: HTMLElement;
  private readonly cache = new Map<string, HTMLImageElement>();
  private readonly geometry: SeriesGeometry;
  private readonly state: ViewerState;
  private requestSerial = 0;

  constructor(private readonly root: HTMLElement, private readonly detail: CaseDetail) {
    if (!detail.series) throw new Error("This case has no image series.");
    this.geometry = detail.series;
    this.image = root.querySelector<HTMLCanvasElement>("canvas.slice-image")!;
    this.overlay = root.querySelector<HTMLCanvasElement>("canvas.slice-overlay")!;
    this.slider = root.querySelector<HTMLInputElement>("input.slice-slider")!;
    this.label = root.querySelector<HTMLElement>(".slice-label")!;
    // Open on the target (the lesion), where the reader looks first.
    const target = detail.plan?.target ?? detail.target;
    const first = target ? Math.round(worldToIndex(this.geometry, target).k) : Math.floor(this.geometry.slices / 2);
    this.state = { slice: clamp(first, 0, this.geometry.slices - 1), sliceCount: this.geometry.slices, preset: "soft", pathPixelsOnSlice: 0 };
    this.sizeCanvases();
    this.slider.min = "0";
    this.slider.max = String(this.geometry.slices - 1);
    this.bindEvents();
  }

  get current(): Readonly<ViewerState> {
    return this.state;
  }

  async show(slice: number): Promise<void> {
    this.state.slice = clamp(Math.round(slice), 0, this.geometry.slices - 1);
    this.slider.value = String(this.state.slice);
    const serial = ++this.requestSerial;
    const img = await this.load(this.state.slice, this.state.preset);
    if (serial !== this.requestSerial) return; // a newer request superseded this one
    const ctx = this.image.getContext("2d")!;
    ctx.imageSmoothingEnabled = true;
    ctx.drawImage(img, 0, 0, this.image.width, this.image.height);
    this.drawOverlay();
    this.label.textContent = `Slice ${this.state.slice + 1} / ${this.geometry.slices} · z = ${this.sliceZ(this.state.slice).toFixed(1)} mm`;
    this.root.dataset.slice = String(this.state.slice);
    this.root.dataset.pathPixels = String(this.state.pathPixelsOnSlice);
    this.root.dispatchEvent(new CustomEvent("slicechange", { detail: { ...this.state } }));
    this.prefetch(this.state.slice + 1);
    this.prefetch(this.state.slice - 1);
  }

  async setPreset(preset: WindowPresetName): Promise<void> {
    this.state.preset = preset;
    this.root.querySelectorAll<HTMLButtonElement>("button[data-preset]").forEach((b) =>
      b.setAttribute("aria-pressed", String(b.dataset.preset === preset)),
    );
    await this.show(this.state.slice);
  }

  /** Slice index nearest to a world point (used by "go to target" and "go to entry"). */
  sliceOf(point: Point): number {
    return clamp(Math.round(worldToIndex(this.geometry, point).k), 0, this.geometry.slices - 1);
  }

  private sliceZ(k: number): number {
    const g = this.geometry;
    // World position of the slice centre along the third axis direction.
    return g.origin[2] + g.direction[8] * k * g.spacing[2];
  }

  private sizeCanvases(): void {
    const g = this.geometry;
    const widthMm = g.columns * g.spacing[0];
    const heightMm = g.rows * g.spacing[1];
    const maxSide = 640;
    const scale = maxSide / Math.max(widthMm, heightMm);
    for (const c of [this.image, this.overlay]) {
      c.width = Math.round(widthMm * scale);
      c.height = Math.round(heightMm * scale);
    }
  }

  private bindEvents(): void {
    this.overlay.addEventListener(
      "wheel",
      (e) => {
        e.preventDefault();
        void this.show(this.state.slice + (e.deltaY > 0 ? 1 : -1));
      },
      { passive: false },
    );
    this.slider.addEventListener("input", () => void this.show(Number(this.slider.value)));
    this.root.addEventListener("keydown", (e) => {
      const step = e.key === "ArrowUp" || e.key === "PageUp" ? 1 : e.key === "ArrowDown" || e.key === "PageDown" ? -1 : 0;
      if (step !== 0) {
        e.preventDefault();
        void this.show(this.state.slice + step * (e.key.startsWith("Page") ? 10 : 1));
      }
    });
    this.root.querySelectorAll<HTMLButtonElement>("button[data-preset]").forEach((b) =>
      b.addEventListener("click", () => void this.setPreset(b.dataset.preset as WindowPresetName)),
    );
    this.root.querySelectorAll<HTMLButtonElement>("button[data-goto]").forEach((b) =>
      b.addEventListener("click", () => {
        const plan = this.detail.plan;
        const point = b.dataset.goto === "entry" ? plan?.entry : plan?.target ?? this.detail.target;
        if (point) void this.show(this.sliceOf(point));
      }),
    );
  }

  private url(slice: number, preset: WindowPresetName): string {
    return `/api/series/${encodeURIComponent(this.geometry.seriesInstanceUid)}/slices/${slice}.png?preset=${preset}`;
  }

  private load(slice: number, preset: WindowPresetName): Promise<HTMLImageElement> {
    const url = this.url(slice, preset);
    const cached = this.cache.get(url);
    if (cached?.complete && cached.naturalWidth > 0) return Promise.resolve(cached);
    return new Promise((resolve, reject) => {
      const img = cached ?? new Image();
      img.onload = () => resolve(img);
      img.onerror = () => reject(new Error(`Slice ${slice} could not be loaded.`));
      if (!cached) {
        img.src = url;
        this.cache.set(url, img);
      }
    });
  }

  private prefetch(slice: number): void {
    if (slice < 0 || slice >= this.geometry.slices) return;
    const url = this.url(slice, this.state.preset);
    if (this.cache.has(url)) return;
    const img = new Image();
    img.src = url;
    this.cache.set(url, img);
  }

  /** Canvas pixel position of a continuous voxel index (i, j). */
  private toCanvas(i: number, j: number): [number, number] {
    const g = this.geometry;
    return [((i + 0.5) / g.columns) * this.overlay.width, ((j + 0.5) / g.rows) * this.overlay.height];
  }

  private drawOverlay(): void {
    const ctx = this.overlay.getContext("2d")!;
    ctx.clearRect(0, 0, this.overlay.width, this.overlay.height);
    this.state.pathPixelsOnSlice = 0;
    const plan = this.detail.plan;
    const k = this.state.slice;
    if (!plan) {
      if (this.detail.target) this.drawMarker(ctx, this.detail.target, k, TARGET_COLOUR, "target");
      return;
    }
    const a = worldToIndex(this.geometry, plan.entry);
    const b = worldToIndex(this.geometry, plan.target);

    // Whole path, projected, thin and dashed: shows where the needle goes from any slice.
    ctx.save();
    ctx.setLineDash([6, 6]);
    ctx.lineWidth = 1;
    ctx.strokeStyle = "rgba(255, 212, 0, 0.45)";
    ctx.beginPath();
    ctx.moveTo(...this.toCanvas(a.i, a.j));
    ctx.lineTo(...this.toCanvas(b.i, b.j));
    ctx.stroke();
    ctx.restore();

    // The part of the path inside this slice's thickness, solid.
    const part = clipToSlab(a, b, k - 0.5, k + 0.5);
    if (part) {
      ctx.save();
      ctx.lineWidth = 3;
      ctx.lineCap = "round";
      ctx.strokeStyle = PATH_COLOUR;
      ctx.beginPath();
      const p0 = this.toCanvas(part[0].i, part[0].j);
      const p1 = this.toCanvas(part[1].i, part[1].j);
      ctx.moveTo(...p0);
      ctx.lineTo(...p1);
      ctx.stroke();
      ctx.restore();
      this.state.pathPixelsOnSlice = countColour(ctx, this.overlay, PATH_COLOUR);
    }
    this.drawMarker(ctx, plan.entry, k, ENTRY_COLOUR, "entry");
    this.drawMarker(ctx, plan.target, k, TARGET_COLOUR, "target");
  }

  private drawMarker(ctx: CanvasRenderingContext2D, p: Point, k: number, colour: string, text: string): void {
    const idx = worldToIndex(this.geometry, p);
    const onSlice = Math.abs(idx.k - k) <= 0.5;
    const [x, y] = this.toCanvas(idx.i, idx.j);
    ctx.save();
    ctx.strokeStyle = colour;
    ctx.fillStyle = colour;
    ctx.globalAlpha = onSlice ? 1 : 0.35;
    ctx.lineWidth = 2;
    ctx.beginPath();
    ctx.arc(x, y, onSlice ? 7 : 5, 0, Math.PI * 2);
    ctx.stroke();
    ctx.font = "12px sans-serif";
    ctx.fillText(text, x + 9, y - 9);
    ctx.restore();
  }
}

function clamp(v: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, v));
}

/** The part of segment a→b whose k lies in [k0, k1], or null. */
function clipToSlab(
  a: { i: number; j: number; k: number },
  b: { i: number; j: number; k: number },
  k0: number,
  k1: number,
): [{ i: number; j: number }, { i: number; j: number }] | null {
  const dk = b.k - a.k;
  let t0 = 0;
  let t1 = 1;
  if (Math.abs(dk) < 1e-9) {
    if (a.k < k0 || a.k > k1) return null;
  } else {
    const ta = (k0 - a.k) / dk;
    const tb = (k1 - a.k) / dk;
    t0 = Math.max(0, Math.min(ta, tb));
    t1 = Math.min(1, Math.max(ta, tb));
    if (t0 > t1) return null;
  }
  const at = (t: number) => ({ i: a.i + (b.i - a.i) * t, j: a.j + (b.j - a.j) * t });
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
    const viewer = new SliceViewer(root, detail);
    (window as unknown as { seldingerViewer: SliceViewer }).seldingerViewer = viewer;
    await viewer.show(viewer.current.slice);
    root.dataset.ready = "true";
    if (status) status.textContent = "";
  } catch (e) {
    if (status) status.textContent = e instanceof Error ? e.message : String(e);
    root.dataset.ready = "error";
  }
}

void start();
