// The 3D pane: label surfaces (binary glTF from the server, one file per label, loaded when first shown) and the
// planned needle path, rendered with three.js and turned with the mouse.
import * as THREE from "three";
import { GLTFLoader } from "three/examples/jsm/loaders/GLTFLoader.js";
import { OrbitControls } from "three/examples/jsm/controls/OrbitControls.js";
import type { Point } from "./geometry";
import type { PlanPoint, PlanPolyline } from "./plan-model";

export const BACKGROUND = 0x10151c;

/** LPS millimetres to the glTF frame the server's meshes use: metres, x = left, y = superior, z = anterior. */
const LPS_TO_SCENE = new THREE.Matrix4().set(0.001, 0, 0, 0, 0, 0, 0.001, 0, 0, -0.001, 0, 0, 0, 0, 0, 1);

export class LabelScene {
  readonly canvas: HTMLCanvasElement;
  private readonly renderer: THREE.WebGLRenderer;
  private readonly scene = new THREE.Scene();
  private readonly camera: THREE.PerspectiveCamera;
  private readonly controls: OrbitControls;
  private readonly loader = new GLTFLoader();
  private readonly meshes = new Map<number, Promise<THREE.Object3D>>();
  private readonly loaded = new Map<number, THREE.Object3D>();
  private visible = new Set<number>();
  private framed = false;
  private pathGroup: THREE.Group | null = null;
  private planGroup: THREE.Group | null = null;
  private frame = 0;
  /** Extra surfaces by key (e.g. an ablation zone and its isotherms), with a serial that drops superseded loads. */
  private readonly extras = new Map<string, { object: THREE.Object3D | null; serial: number }>();

  constructor(private readonly container: HTMLElement, private readonly seriesUid: string, width: number, height: number) {
    this.renderer = new THREE.WebGLRenderer({ antialias: true, preserveDrawingBuffer: true });
    this.renderer.setPixelRatio(1);
    this.renderer.setSize(width, height);
    this.renderer.setClearColor(BACKGROUND);
    this.canvas = this.renderer.domElement;
    this.canvas.classList.add("pane-3d-canvas");
    container.appendChild(this.canvas);
    this.camera = new THREE.PerspectiveCamera(35, width / height, 0.001, 10);
    this.camera.position.set(0, 0, 0.6); // in front of the patient (anterior), superior up
    this.scene.add(new THREE.HemisphereLight(0xffffff, 0x404050, 1.6));
    const key = new THREE.DirectionalLight(0xffffff, 1.8);
    key.position.set(0.3, 0.5, 1);
    this.camera.add(key);
    this.scene.add(this.camera);
    this.controls = new OrbitControls(this.camera, this.canvas);
    this.controls.addEventListener("change", () => this.render());
  }

  /** Adds the needle path (entry to target) as a thin tube with a sphere at the target, drawn over the surfaces. */
  setPath(entry: Point, target: Point): void {
    const group = new THREE.Group();
    group.matrixAutoUpdate = false;
    group.matrix.copy(LPS_TO_SCENE);
    const a = new THREE.Vector3(entry.x, entry.y, entry.z);
    const b = new THREE.Vector3(target.x, target.y, target.z);
    // Transparent materials are drawn after the (translucent) organs; no depth test keeps the path in front of them.
    const overlay = (color: number) => new THREE.MeshBasicMaterial({ color, depthTest: false, transparent: true, opacity: 1 });
    const needle = new THREE.Mesh(new THREE.TubeGeometry(new THREE.LineCurve3(a, b), 1, 1.0, 8, false), overlay(0xffd400));
    const tip = new THREE.Mesh(new THREE.SphereGeometry(3, 16, 12), overlay(0xff1744));
    tip.position.copy(b);
    const hub = new THREE.Mesh(new THREE.SphereGeometry(2.5, 16, 12), overlay(0x00e676));
    hub.position.copy(a);
    for (const m of [needle, tip, hub]) {
      m.renderOrder = 10;
      group.add(m);
    }
    this.pathGroup = group;
    group.visible = this.planGroup === null;
    this.scene.add(group);
    this.render();
  }

  /**
   * Draws a plan instead of the case's needle path: each route as a tube (the selected one yellow and thicker,
   * the others faint blue), the plan's points as spheres (their size where they have one) and its polylines as
   * thin magenta tubes. No routes, points or polylines brings the case's path back.
   */
  setPlan(routes: { points: Point[]; selected: boolean }[], points: PlanPoint[], polylines: PlanPolyline[]): void {
    if (this.planGroup) {
      this.scene.remove(this.planGroup);
      this.planGroup.traverse((o) => {
        if (o instanceof THREE.Mesh) {
          o.geometry.dispose();
          (o.material as THREE.Material).dispose();
        }
      });
      this.planGroup = null;
    }
    const empty = routes.length === 0 && points.length === 0 && polylines.length === 0;
    if (this.pathGroup) this.pathGroup.visible = empty;
    if (empty) {
      this.container.dataset.planObjects = "0";
      this.render();
      return;
    }
    const group = new THREE.Group();
    group.matrixAutoUpdate = false;
    group.matrix.copy(LPS_TO_SCENE);
    const overlay = (color: number, opacity = 1) => new THREE.MeshBasicMaterial({ color, depthTest: false, transparent: true, opacity });
    const add = (mesh: THREE.Mesh, order: number) => {
      mesh.renderOrder = order;
      group.add(mesh);
    };
    for (const r of [...routes].reverse()) {
      const tube = tubeOf(r.points, r.selected ? 1.0 : 0.6);
      if (tube) add(new THREE.Mesh(tube, r.selected ? overlay(0xffd400) : overlay(0x82beff, 0.45)), r.selected ? 12 : 10);
      if (r.selected && r.points.length > 0) {
        const hub = new THREE.Mesh(new THREE.SphereGeometry(2.5, 16, 12), overlay(0x00e676));
        hub.position.copy(vector(r.points[0]));
        add(hub, 13);
        const tip = new THREE.Mesh(new THREE.SphereGeometry(3, 16, 12), overlay(0xff1744));
        tip.position.copy(vector(r.points[r.points.length - 1]));
        add(tip, 13);
      }
    }
    for (const line of polylines) {
      const tube = tubeOf(line.points, 0.5);
      if (tube) add(new THREE.Mesh(tube, overlay(0xe040fb, 0.8)), 11);
    }
    for (const p of points) {
      const radius = p.sizeMm && p.sizeMm > 0 ? Math.min(Math.max(p.sizeMm / 2, 1.5), 15) : 2;
      const sphere = new THREE.Mesh(new THREE.SphereGeometry(radius, 16, 12), overlay(p.role === "target" ? 0xff1744 : 0x40c4ff, 0.7));
      sphere.position.copy(vector(p.point));
      add(sphere, 11);
    }
    this.planGroup = group;
    this.scene.add(group);
    this.container.dataset.planObjects = String(group.children.length);
    this.render();
  }

  /**
   * Shows extra surfaces from a glTF binary in the server's mesh frame, each named node in the colour and opacity
   * the style gives it (translucent, drawn after the organs); null removes them. Sets data-extra-<key> on the
   * container to the number of meshes shown.
   */
  async setExtra(key: string, meshes: { url: string; style(nodeName: string): { colour: number; opacity: number } } | null): Promise<void> {
    const entry = this.extras.get(key) ?? { object: null, serial: 0 };
    this.extras.set(key, entry);
    const serial = ++entry.serial;
    const attribute = `extra${key.charAt(0).toUpperCase()}${key.slice(1)}`;
    if (entry.object) {
      this.scene.remove(entry.object);
      entry.object = null;
    }
    if (!meshes) {
      this.container.dataset[attribute] = "0";
      this.render();
      return;
    }
    let gltf;
    try {
      gltf = await this.loader.loadAsync(meshes.url);
    } catch {
      if (serial === entry.serial) this.container.dataset[attribute] = "error";
      return;
    }
    if (serial !== entry.serial) return;
    let count = 0;
    gltf.scene.traverse((o) => {
      if (!(o instanceof THREE.Mesh)) return;
      // The node's own name, or its parent's when the exporter wrapped the mesh.
      const name = o.name || o.parent?.name || "";
      const { colour, opacity } = meshes.style(name);
      o.material = new THREE.MeshStandardMaterial({ color: colour, transparent: opacity < 1, opacity, depthWrite: opacity >= 1, side: THREE.DoubleSide, roughness: 0.6 });
      o.renderOrder = 5;
      count++;
    });
    entry.object = gltf.scene;
    this.scene.add(gltf.scene);
    this.container.dataset[attribute] = String(count);
    this.render();
  }

  /** Shows exactly these labels, loading the surfaces not loaded yet. */
  async show(labels: Iterable<number>): Promise<void> {
    this.visible = new Set(labels);
    for (const [label, object] of this.loaded) object.visible = this.visible.has(label);
    this.render();
    await Promise.all([...this.visible].map((label) => this.load(label)));
    this.container.dataset.meshes = String([...this.loaded.keys()].filter((l) => this.visible.has(l)).length);
    if (!this.framed && this.loaded.size > 0) this.frameAll();
    this.render();
    this.container.dataset.rendered = String(++this.frame);
  }

  private load(label: number): Promise<THREE.Object3D | null> {
    let pending = this.meshes.get(label);
    if (!pending) {
      pending = this.loader.loadAsync(`/api/series/${encodeURIComponent(this.seriesUid)}/meshes.glb?labels=${label}`).then((gltf) => {
        const object = gltf.scene;
        object.traverse((o) => {
          if (o instanceof THREE.Mesh) {
            const m = o.material as THREE.MeshStandardMaterial;
            // The lesion stays opaque; organs are slightly translucent so the path and lesion show through.
            if (label !== 8) {
              m.transparent = true;
              m.opacity = 0.55;
              m.depthWrite = false;
            }
          }
        });
        this.scene.add(object);
        this.loaded.set(label, object);
        return object;
      });
      this.meshes.set(label, pending);
    }
    return pending.then((object) => {
      object.visible = this.visible.has(label);
      return object;
    }, () => null);
  }

  private frameAll(): void {
    const box = new THREE.Box3();
    for (const object of this.loaded.values()) box.expandByObject(object);
    if (box.isEmpty()) return;
    const centre = box.getCenter(new THREE.Vector3());
    const size = box.getSize(new THREE.Vector3()).length();
    this.controls.target.copy(centre);
    this.camera.position.set(centre.x, centre.y, centre.z + size * 1.4);
    this.camera.near = size / 100;
    this.camera.far = size * 10;
    this.camera.updateProjectionMatrix();
    this.controls.update();
    this.framed = true;
  }

  render(): void {
    this.renderer.render(this.scene, this.camera);
  }
}

function vector(p: Point): THREE.Vector3 {
  return new THREE.Vector3(p.x, p.y, p.z);
}

/** A tube along a polyline (straight between points), or null when it has no length. */
function tubeOf(points: Point[], radius: number): THREE.TubeGeometry | null {
  const path = new THREE.CurvePath<THREE.Vector3>();
  for (let i = 1; i < points.length; i++) {
    const a = vector(points[i - 1]);
    const b = vector(points[i]);
    if (a.distanceTo(b) > 1e-6) path.add(new THREE.LineCurve3(a, b));
  }
  if (path.curves.length === 0) return null;
  return new THREE.TubeGeometry(path, Math.min(2000, Math.max(1, path.curves.length * 2)), radius, 8, false);
}
