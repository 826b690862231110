// One 2D pane of the case viewer: a server-resliced CT image, the label overlay above it and an annotation
// layer on top (crosshair, needle path, markers), all three canvases the same size. The image is fitted into
// the pane in millimetres, so anisotropic pixels (coronal and sagittal planes of thick-slice CT) keep their shape.
import { type Point, type ViewPlane, pixelToWorld, worldToPixel } from "./geometry";

interface Loaded {
  bitmap: ImageBitmap;
  plane: ViewPlane;
}

const CACHE_LIMIT = 96;
const cache = new Map<string, Promise<Loaded>>();

/** Fetches a PNG with its X-Slice-Plane geometry; failed requests reject with the server's problem detail. */
export function loadImage(url: string): Promise<Loaded> {
  const hit = cache.get(url);
  if (hit) {
    cache.delete(url); // most recently used last
    cache.set(url, hit);
    return hit;
  }
  const loading = (async () => {
    const response = await fetch(url);
    if (!response.ok) {
      let detail = `${response.status}`;
      try {
        detail = ((await response.json()) as { detail?: string }).detail ?? detail;
      } catch {
        // not a problem detail
      }
      throw new Error(detail);
    }
    const header = response.headers.get("X-Slice-Plane");
    if (!header) throw new Error("The image came without its plane geometry.");
    const plane = JSON.parse(header) as ViewPlane;
    const bitmap = await createImageBitmap(await response.blob());
    return { bitmap, plane };
  })();
  loading.catch(() => cache.delete(url));
  cache.set(url, loading);
  while (cache.size > CACHE_LIMIT) cache.delete(cache.keys().next().value!);
  return loading;
}

export class PlanePane {
  readonly image: HTMLCanvasElement;
  readonly labels: HTMLCanvasElement;
  readonly annot: HTMLCanvasElement;
  plane: ViewPlane | null = null;
  /** Canvas pixels per millimetre and the canvas position of the image's top-left corner. */
  private fit = { scale: 1, left: 0, top: 0 };
  private imageSerial = 0;
  private overlaySerial = 0;
  /** Extra image layers between the labels and the annotations, by key (e.g. an ablation zone), with their request serials. */
  private readonly extras = new Map<string, { canvas: HTMLCanvasElement; serial: number }>();

  constructor(readonly element: HTMLElement, readonly name: string) {
    this.image = element.querySelector<HTMLCanvasElement>("canvas.pane-image")!;
    this.labels = element.querySelector<HTMLCanvasElement>("canvas.pane-labels")!;
    this.annot = element.querySelector<HTMLCanvasElement>("canvas.pane-annot")!;
  }

  /** Sets the canvases' size in pixels. */
  resize(width: number, height: number): void {
    for (const c of [this.image, this.labels, this.annot, ...[...this.extras.values()].map((e) => e.canvas)]) {
      c.width = width;
      c.height = height;
    }
  }

  /**
   * Loads and draws the image (and the overlay, when a URL is given) together. Resolves false when a newer
   * request superseded this one.
   */
  async show(imageUrl: string, overlayUrl: string | null): Promise<boolean> {
    const serial = ++this.imageSerial;
    const overlaySerial = ++this.overlaySerial;
    const [image, overlay] = await Promise.all([loadImage(imageUrl), overlayUrl ? loadImage(overlayUrl) : Promise.resolve(null)]);
    if (serial !== this.imageSerial) return false;
    this.plane = image.plane;
    this.computeFit(image.plane);
    this.draw(this.image, image.bitmap, true);
    if (overlaySerial === this.overlaySerial) this.drawOverlay(overlay);
    this.element.dataset.index = image.plane.index === null ? "" : String(image.plane.index);
    this.element.dataset.slab = String(image.plane.slabMm);
    return true;
  }

  /** Replaces only the label overlay (null clears it). */
  async showOverlay(overlayUrl: string | null): Promise<void> {
    const serial = ++this.overlaySerial;
    const overlay = overlayUrl ? await loadImage(overlayUrl) : null;
    if (serial !== this.overlaySerial) return;
    this.drawOverlay(overlay);
  }

  /**
   * Draws an extra layer (a PNG on the pixel grid of the pane's current image) above the labels; null clears it.
   * The layer's canvas is created on first use and carries data-layer, data-state (shown, none, error),
   * data-index (the plane index it was drawn for) and data-url (the image drawn). Resolves with the response headers, or null when cleared,
   * failed or superseded.
   */
  async showExtra(key: string, url: string | null): Promise<Headers | null> {
    let extra = this.extras.get(key);
    if (!extra) {
      const canvas = document.createElement("canvas");
      canvas.className = "pane-extra";
      canvas.dataset.layer = key;
      canvas.width = this.annot.width;
      canvas.height = this.annot.height;
      this.annot.before(canvas);
      extra = { canvas, serial: 0 };
      this.extras.set(key, extra);
    }
    const serial = ++extra.serial;
    const canvas = extra.canvas;
    const plane = this.plane;
    if (!url || !plane) {
      canvas.getContext("2d")!.clearRect(0, 0, canvas.width, canvas.height);
      canvas.dataset.state = "none";
      canvas.dataset.index = "";
      canvas.dataset.url = "";
      return null;
    }
    try {
      const response = await fetch(url);
      if (!response.ok) throw new Error(String(response.status));
      const bitmap = await createImageBitmap(await response.blob());
      if (serial !== extra.serial || plane !== this.plane) return null;
      this.draw(canvas, bitmap, false);
      canvas.dataset.state = "shown";
      canvas.dataset.index = plane.index === null ? "" : String(plane.index);
      canvas.dataset.url = url;
      return response.headers;
    } catch {
      if (serial !== extra.serial) return null;
      canvas.getContext("2d")!.clearRect(0, 0, canvas.width, canvas.height);
      canvas.dataset.state = "error";
      return null;
    }
  }

  /** The extra layer's canvas, if it was ever shown. */
  extraCanvas(key: string): HTMLCanvasElement | null {
    return this.extras.get(key)?.canvas ?? null;
  }

  /** Canvas position of a point's projection, and its signed distance from the plane (mm). */
  canvasOf(p: Point): { x: number; y: number; distance: number } | null {
    if (!this.plane) return null;
    const px = worldToPixel(this.plane, p);
    return {
      x: this.fit.left + (px.x + 0.5) * this.plane.pixelSpacing[0] * this.fit.scale,
      y: this.fit.top + (px.y + 0.5) * this.plane.pixelSpacing[1] * this.fit.scale,
      distance: px.distance,
    };
  }

  /** The patient-space point under a canvas position. */
  worldAt(x: number, y: number): Point | null {
    if (!this.plane) return null;
    return pixelToWorld(
      this.plane,
      (x - this.fit.left) / (this.plane.pixelSpacing[0] * this.fit.scale) - 0.5,
      (y - this.fit.top) / (this.plane.pixelSpacing[1] * this.fit.scale) - 0.5,
    );
  }

  /** Canvas pixels per millimetre. */
  get scale(): number {
    return this.fit.scale;
  }

  private computeFit(p: ViewPlane): void {
    const widthMm = p.width * p.pixelSpacing[0];
    const heightMm = p.height * p.pixelSpacing[1];
    const scale = Math.min(this.image.width / widthMm, this.image.height / heightMm);
    this.fit = { scale, left: (this.image.width - widthMm * scale) / 2, top: (this.image.height - heightMm * scale) / 2 };
  }

  private drawOverlay(overlay: Loaded | null): void {
    const ctx = this.labels.getContext("2d")!;
    ctx.clearRect(0, 0, this.labels.width, this.labels.height);
    if (overlay) this.draw(this.labels, overlay.bitmap, false);
    this.element.dataset.overlay = overlay ? "shown" : "none";
  }

  private draw(canvas: HTMLCanvasElement, bitmap: ImageBitmap, smooth: boolean): void {
    const ctx = canvas.getContext("2d")!;
    ctx.save();
    if (smooth) {
      ctx.fillStyle = "#000";
      ctx.fillRect(0, 0, canvas.width, canvas.height);
    } else {
      ctx.clearRect(0, 0, canvas.width, canvas.height);
    }
    // Labels keep hard edges and exact colours; CT is smoothed when enlarged.
    ctx.imageSmoothingEnabled = smooth;
    const p = this.plane!;
    ctx.drawImage(bitmap, this.fit.left, this.fit.top, p.width * p.pixelSpacing[0] * this.fit.scale, p.height * p.pixelSpacing[1] * this.fit.scale);
    ctx.restore();
  }
}
