// The ablation panel of the case page: plan an ablation (procedure, device, setting, probes, zone model, margin)
// through the ablation API, list the case's ablation plans, and read the selected one: coverage, minimal margin,
// structures at risk, heat sinks, protection flags, the layouts compared, two plans side by side, and the
// simulated post-ablation check. The viewer draws the zone, isotherms, margin map and achieved zone on the panes
// (server-rendered overlay PNGs) and the zone surfaces in 3D; the plan panel shows the plan's probe routes.
import type { Point } from "./geometry";
import {
  type AblationConfirmation,
  type AblationDeviceCatalogue,
  type AblationDeviceInfo,
  type AblationPlanRequest,
  type AblationSummary,
  type ComparisonRow,
  type LegendEntry,
  type OverlayLayer,
  type StoredAblationPlan,
  DEFAULT_LEGEND,
  LAYER_NAMES,
  OVERLAY_LAYERS,
  ZONE_COLOUR,
  ablationProcedures,
  alternativeRows,
  devicesByModality,
  isothermColour,
  marginClass,
  millilitres,
  millimetres,
  normaliseSummary,
  parseLegend,
  percent,
  planRows,
  settingText,
  zoneText,
} from "./ablation-model";
import { ApiError, api } from "./plan-panel";
import { type ProcedureOption, type StoredPlan, formatNumber, formatPoint } from "./plan-model";
import type { ExtraMeshes, OverlayLayerProvider, StandardKind } from "./viewer";

/** What the panel needs from the viewer. */
export interface AblationViewerHost {
  readonly cursorPoint: Point;
  setCursor(p: Point): Promise<void>;
  setOverlayLayer(key: string, provider: OverlayLayerProvider | null): Promise<void>;
  refreshOverlayLayer(key: string): Promise<void>;
  setExtraMeshes(key: string, meshes: ExtraMeshes | null): Promise<void>;
}

/** What the panel needs from the plan panel: it opens a plan (routes drawn, crosshair on the target) and lists plans. */
export interface AblationPlansHost {
  readonly element: HTMLElement;
  open(planId: string): Promise<void>;
  refresh(): Promise<void>;
}

const LAYER_KEY = "ablation";
const MODALITY_NAMES: Record<string, string> = { Radiofrequency: "Radiofrequency", Microwave: "Microwave", Cryo: "Cryoablation" };
const KIND_WORDS: Record<string, string> = {
  Hydrodissection: "hydrodissection to consider",
  ThermalProtection: "thermal protection to consider",
  DifferentApproach: "another approach or device to consider",
  HeatSinkCompensation: "heat-sink effect to allow for",
};
const SEVERITY_WORDS: Record<string, string> = { Danger: "Danger", Caution: "Caution", Info: "Note" };
/** The simulated post-ablation CT: a small, known misregistration the registration has to undo. */
const SIMULATION = { rotationDeg: { x: 2, y: -1.5, z: 3 }, translationMm: { x: 2.5, y: -1.5, z: 2 }, seed: 11 };

type Child = Node | string | null | undefined | false;

function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string | boolean | undefined> = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === false) continue;
    if (k === "class") e.className = String(v);
    else e.setAttribute(k, v === true ? "" : v);
  }
  for (const c of children) if (c !== null && c !== undefined && c !== false) e.append(c);
  return e;
}

export class AblationPanel {
  private readonly procedureSelect: HTMLSelectElement;
  private readonly deviceSelect: HTMLSelectElement;
  private readonly settingSelect: HTMLSelectElement;
  private readonly chartZone: HTMLElement;
  private readonly probeSelect: HTMLSelectElement;
  private readonly modelSelect: HTMLSelectElement;
  private readonly marginInput: HTMLInputElement;
  private readonly planButton: HTMLButtonElement;
  private readonly status: HTMLElement;
  private readonly list: HTMLElement;
  private readonly compare: HTMLElement;
  private readonly detail: HTMLElement;
  private catalogue: AblationDeviceCatalogue | null = null;
  private procedures: ProcedureOption[] = [];
  private plans: StoredPlan[] = [];
  private readonly bodies = new Map<string, StoredAblationPlan>();
  private readonly ticked: string[] = [];
  private current: StoredAblationPlan | null = null;
  private confirmation: AblationConfirmation | null = null;
  private readonly layers = new Set<OverlayLayer>(["zone", "isotherms", "achieved"]);
  private legend: LegendEntry[] = DEFAULT_LEGEND;
  private busy = false;
  /** A plan the plan panel showed before this panel was ready. */
  private pending: StoredPlan | null = null;

  constructor(
    private readonly caseId: string,
    private readonly viewer: AblationViewerHost,
    private readonly planPanel: AblationPlansHost,
    readonly element: HTMLElement,
  ) {
    this.procedureSelect = h("select", { "data-ablation-procedure": true, "aria-label": "Ablation procedure" });
    this.deviceSelect = h("select", { "data-ablation-device": true, "aria-label": "Ablation device" });
    this.settingSelect = h("select", { "data-ablation-setting": true, "aria-label": "Setting" });
    this.chartZone = h("span", { class: "chart-zone", "data-chart-zone": true });
    this.probeSelect = h("select", { "data-probe-count": true, "aria-label": "Probe count" }, h("option", { value: "" }, "auto"), ...[1, 2, 3, 4, 5, 6, 7, 8].map((n) => h("option", { value: String(n) }, String(n))));
    this.modelSelect = h(
      "select",
      { "data-zone-model": true, "aria-label": "Zone model" },
      h("option", { value: "table" }, "Manufacturer chart (table)"),
      h("option", { value: "bioheat" }, "Bioheat simulation"),
    );
    this.marginInput = h("input", { type: "number", min: "0", max: "30", step: "1", "data-margin": true, placeholder: "catalogue", "aria-label": "Margin (mm)" });
    this.planButton = h("button", { type: "button", class: "primary", "data-ablation-plan": true }, "Plan ablation");
    this.status = h("p", { class: "plan-status", "data-ablation-status": true, role: "status" });
    this.list = h("ul", { class: "ablation-plans", "data-ablation-plans": true });
    this.compare = h("div", { class: "ablation-compare", "data-ablation-compare": true });
    this.detail = h("div", { class: "ablation-detail", "data-ablation-detail": true, hidden: true });
    element.classList.add("ablation-panel");
    element.replaceChildren(
      h("h2", {}, "Ablation"),
      h(
        "div",
        { class: "plan-form ablation-form" },
        h("label", { class: "field" }, h("span", {}, "Procedure"), this.procedureSelect),
        h("label", { class: "field" }, h("span", {}, "Device"), this.deviceSelect),
        h("label", { class: "field" }, h("span", {}, "Setting"), this.settingSelect),
        h("div", { class: "field note" }, h("span", {}, "Chart zone"), this.chartZone),
        h(
          "div",
          { class: "field ablation-options" },
          h("label", {}, "Probes ", this.probeSelect),
          h("label", {}, "Model ", this.modelSelect),
          h("label", {}, "Margin ", this.marginInput, " mm"),
        ),
        h("div", { class: "actions" }, this.planButton),
        this.status,
      ),
      h("h3", {}, "Ablation plans of this case"),
      h("p", { class: "note" }, "Tick two plans to compare them side by side."),
      this.list,
      this.compare,
      this.detail,
    );
    this.deviceSelect.addEventListener("change", () => this.buildSettings());
    this.settingSelect.addEventListener("change", () => this.syncChartZone());
    this.procedureSelect.addEventListener("change", () => this.selectDefaultDevice());
    this.planButton.addEventListener("click", () => void this.plan());
    planPanel.element.addEventListener("planshown", (e) => void this.followPlanPanel((e as CustomEvent<StoredPlan>).detail));
  }

  /**
   * Loads the device library, the case's procedures and plans. The panel stays hidden when the case has no ablation
   * procedure or the server has no ablation API.
   */
  async start(): Promise<void> {
    try {
      const [catalogue, procedures, plans] = await Promise.all([
        api<AblationDeviceCatalogue>("/api/ablation/devices"),
        api<ProcedureOption[]>(`/api/cases/${encodeURIComponent(this.caseId)}/procedures`),
        api<StoredPlan[]>(`/api/cases/${encodeURIComponent(this.caseId)}/plans`),
      ]);
      this.catalogue = catalogue;
      this.procedures = ablationProcedures(procedures, catalogue);
      this.plans = plans;
    } catch (e) {
      this.element.hidden = true;
      this.element.dataset.ready = "none";
      this.element.dataset.reason = message(e);
      return;
    }
    if (this.procedures.length === 0) {
      this.element.hidden = true;
      this.element.dataset.ready = "none";
      return;
    }
    this.element.hidden = false;
    this.buildPickers();
    this.renderList();
    this.element.dataset.ready = "true";
    const pending = this.pending;
    this.pending = null;
    if (pending) await this.followPlanPanel(pending);
  }

  /** Plans an ablation with the form's choices; the new plan is stored, listed and shown. */
  async plan(): Promise<void> {
    if (this.busy || !this.catalogue) return;
    const body: AblationPlanRequest = { procedureId: this.procedureSelect.value };
    if (!body.procedureId) {
      this.setStatus("Pick an ablation procedure first.", "error");
      return;
    }
    if (this.deviceSelect.value) body.deviceId = this.deviceSelect.value;
    if (this.settingSelect.value) body.settingId = this.settingSelect.value;
    if (this.probeSelect.value) body.probeCount = Number(this.probeSelect.value);
    body.model = this.modelSelect.value === "bioheat" ? "bioheat" : "table";
    if (this.marginInput.value.trim() !== "") {
      const margin = Number(this.marginInput.value);
      if (!Number.isFinite(margin) || margin < 0) {
        this.setStatus("The margin must be a number of millimetres, 0 or more.", "error");
        return;
      }
      body.marginMm = margin;
    }
    this.setBusy(true, body.model === "bioheat");
    const started = performance.now();
    const words = body.model === "bioheat" ? "Simulating the zone (bioheat)…" : "Planning the ablation…";
    this.setStatus(words, "busy");
    const timer = window.setInterval(() => this.setStatus(`${words} ${((performance.now() - started) / 1000).toFixed(0)} s`, "busy"), 1000);
    try {
      const stored = await api<StoredAblationPlan>(`/api/cases/${encodeURIComponent(this.caseId)}/ablation-plans`, { method: "POST", body: JSON.stringify(body) });
      window.clearInterval(timer);
      this.remember(stored);
      this.plans = [stored as StoredPlan, ...this.plans.filter((p) => p.id !== stored.id)];
      this.renderList();
      this.setStatus(`Planned in ${((performance.now() - started) / 1000).toFixed(1)} s.`, "");
      await this.planPanel.refresh();
      await this.select(stored.id);
    } catch (e) {
      window.clearInterval(timer);
      const text = e instanceof ApiError && e.status === 422 ? `Planning is not possible: ${e.message}` : message(e);
      this.setStatus(text, "error");
    } finally {
      this.setBusy(false, false);
    }
  }

  /** Shows a stored ablation plan: its numbers here, its overlays on the panes and its surfaces in 3D; the plan panel opens it. */
  async select(planId: string, openInPlanPanel = true): Promise<void> {
    let stored: StoredAblationPlan;
    try {
      stored = await this.body(planId);
    } catch (e) {
      this.setStatus(`The plan could not be opened: ${message(e)}`, "error");
      return;
    }
    if (!stored.plan?.ablation) {
      await this.clear();
      return;
    }
    this.current = stored;
    this.confirmation = null;
    this.layers.delete("achieved");
    this.renderList();
    this.renderDetail();
    this.element.dataset.planId = "";
    const base = `/api/plans/${encodeURIComponent(stored.id)}/ablation`;
    const provider: OverlayLayerProvider = {
      url: (kind: StandardKind, index: number) => {
        const layers = OVERLAY_LAYERS.filter((l) => this.layers.has(l) && (l !== "achieved" || this.confirmation !== null));
        if (layers.length === 0) return null;
        return `${base}/overlay/${kind}.png?${new URLSearchParams({ index: String(index), layers: layers.join(",") })}`;
      },
      loaded: (_kind, headers) => this.setLegend(parseLegend(headers.get("X-Overlay-Legend"))),
    };
    await Promise.all([
      this.viewer.setOverlayLayer(LAYER_KEY, provider),
      this.viewer.setExtraMeshes(LAYER_KEY, { url: `${base}/meshes.glb`, style: meshStyle }),
      this.loadConfirmation(stored.id),
    ]);
    if (openInPlanPanel && this.planPanel.element.dataset.planId !== stored.id) await this.planPanel.open(stored.id);
    this.element.dataset.planId = stored.id;
  }

  /** Turns an overlay layer on or off and redraws the panes. */
  async setLayer(layer: OverlayLayer, on: boolean): Promise<void> {
    if (on) this.layers.add(layer);
    else this.layers.delete(layer);
    this.element.querySelectorAll<HTMLInputElement>(`input[data-layer="${layer}"]`).forEach((c) => (c.checked = on));
    await this.viewer.refreshOverlayLayer(LAYER_KEY);
  }

  /** Synthesises the post-ablation CT from the plan's zone, registers it and shows the achieved margin. */
  async confirm(): Promise<void> {
    const stored = this.current;
    const out = this.detail.querySelector<HTMLElement>("[data-confirmation]");
    const button = this.detail.querySelector<HTMLButtonElement>("button[data-ablation-confirm]");
    if (!stored || !out) return;
    if (button) button.disabled = true;
    out.className = "confirmation busy";
    out.dataset.state = "busy";
    out.textContent = "Synthesising the post-ablation CT and registering it…";
    try {
      const result = await api<AblationConfirmation>(`/api/plans/${encodeURIComponent(stored.id)}/ablation/confirm`, {
        method: "POST",
        body: JSON.stringify({ simulate: SIMULATION }),
      });
      if (this.current?.id !== stored.id) return;
      this.confirmation = result;
      this.layers.add("achieved");
      this.renderConfirmation();
      await this.viewer.refreshOverlayLayer(LAYER_KEY);
    } catch (e) {
      out.className = "confirmation error";
      out.dataset.state = "error";
      out.textContent = `The check failed: ${message(e)}`;
    } finally {
      if (button) button.disabled = false;
    }
  }

  private async clear(): Promise<void> {
    this.current = null;
    this.confirmation = null;
    this.detail.hidden = true;
    this.renderList();
    this.element.dataset.planId = "";
    await Promise.all([this.viewer.setOverlayLayer(LAYER_KEY, null), this.viewer.setExtraMeshes(LAYER_KEY, null)]);
  }

  /** The plan panel opened a plan: an ablation plan is shown here too; any other clears the ablation drawing. */
  private async followPlanPanel(stored: StoredPlan): Promise<void> {
    if (this.element.dataset.ready !== "true") {
      this.pending = stored;
      return;
    }
    if (this.current?.id === stored.id) return;
    if ((stored.plan as { ablation?: unknown } | undefined)?.ablation) {
      this.remember(stored as StoredAblationPlan);
      if (!this.plans.some((p) => p.id === stored.id)) this.plans = [stored, ...this.plans];
      await this.select(stored.id, false);
    } else if (this.current) {
      await this.clear();
    }
  }

  private async body(planId: string): Promise<StoredAblationPlan> {
    const known = this.bodies.get(planId);
    if (known?.plan) return known;
    return this.remember(await api<StoredAblationPlan>(`/api/plans/${encodeURIComponent(planId)}`));
  }

  /** Keeps a stored plan's body, its ablation summary with enum names. */
  private remember(stored: StoredAblationPlan): StoredAblationPlan {
    const plan = stored.plan;
    const kept = plan?.ablation ? { ...stored, plan: { ...plan, ablation: normaliseSummary(plan.ablation) } } : stored;
    this.bodies.set(stored.id, kept);
    return kept;
  }

  private async loadConfirmation(planId: string): Promise<void> {
    try {
      const result = await api<AblationConfirmation>(`/api/plans/${encodeURIComponent(planId)}/ablation/confirmation`);
      if (this.current?.id !== planId) return;
      this.confirmation = result;
      this.layers.add("achieved");
      this.renderConfirmation();
    } catch {
      // none yet (404)
    }
  }

  private buildPickers(): void {
    this.procedureSelect.replaceChildren(...this.procedures.map((p) => h("option", { value: p.id, "data-suggested": String(p.suggested) }, p.name)));
    const suggested = this.procedures.find((p) => p.suggested);
    if (suggested) this.procedureSelect.value = suggested.id;
    this.deviceSelect.replaceChildren(h("option", { value: "" }, "default for the procedure"));
    for (const [modality, devices] of devicesByModality(this.catalogue?.devices ?? [])) {
      this.deviceSelect.append(
        h(
          "optgroup",
          { label: MODALITY_NAMES[modality] ?? modality, "data-modality": modality },
          ...devices.map((d) => h("option", { value: d.id }, `${d.name} (${d.manufacturer}, ${formatNumber(d.gauge)} G)`)),
        ),
      );
    }
    this.selectDefaultDevice();
  }

  /** The procedure's default device from the library (its modality's first device otherwise). */
  private selectDefaultDevice(): void {
    const id = this.catalogue?.defaults[this.procedureSelect.value];
    this.deviceSelect.value = id && this.device(id) ? id : "";
    this.buildSettings();
  }

  private device(id: string): AblationDeviceInfo | undefined {
    return this.catalogue?.devices.find((d) => d.id === id);
  }

  private buildSettings(): void {
    const device = this.device(this.deviceSelect.value);
    this.settingSelect.replaceChildren(h("option", { value: "" }, "planner chooses"));
    for (const s of device?.settings ?? []) this.settingSelect.append(h("option", { value: s.id, "data-length": String(s.zone.lengthMm), "data-diameter": String(s.zone.diameterMm) }, settingText(s)));
    this.settingSelect.disabled = !device;
    this.syncChartZone();
  }

  private syncChartZone(): void {
    const device = this.device(this.deviceSelect.value);
    const setting = device?.settings.find((s) => s.id === this.settingSelect.value);
    if (setting) {
      const tip = setting.zone.distalExtentBeyondTipMm;
      this.chartZone.textContent = `${zoneText(setting.zone)}, ${formatNumber(tip, "mm")} beyond the tip · ${setting.tissue}${setting.verify ? " · to be confirmed" : ""}`;
      this.chartZone.title = setting.source;
    } else if (device) {
      this.chartZone.textContent = `${device.settings.length} settings; the planner picks the smallest that covers the target and margin`;
      this.chartZone.title = device.source;
    } else {
      this.chartZone.textContent = "the procedure's default device";
      this.chartZone.title = "";
    }
  }

  private ablationPlans(): StoredPlan[] {
    const ids = new Set(this.procedures.map((p) => p.id));
    return this.plans.filter((p) => ids.has(p.procedureId) || this.bodies.get(p.id)?.plan?.ablation);
  }

  private renderList(): void {
    const plans = this.ablationPlans();
    this.list.replaceChildren();
    if (plans.length === 0) {
      this.list.append(h("li", { class: "empty" }, "No ablation plans yet."));
    }
    for (const p of plans) {
      const body = this.bodies.get(p.id)?.plan?.ablation;
      const name = this.procedures.find((x) => x.id === p.procedureId)?.name ?? p.procedureId;
      const tick = h("input", { type: "checkbox", "data-compare": p.id, "aria-label": `Compare ${name}` });
      tick.checked = this.ticked.includes(p.id);
      tick.addEventListener("change", () => void this.tick(p.id, tick.checked));
      const button = h(
        "button",
        { type: "button", "data-ablation-plan-id": p.id, "aria-current": p.id === this.current?.id ? "true" : undefined },
        h("span", { class: "name" }, name),
        h("span", { class: "meta" }, `${body ? `${body.deviceName} · ${body.probes.length} probe${body.probes.length === 1 ? "" : "s"} · ` : ""}${formatTime(p.createdAt)}`),
      );
      button.addEventListener("click", () => void this.select(p.id));
      this.list.append(h("li", {}, tick, button));
    }
  }

  private async tick(planId: string, on: boolean): Promise<void> {
    const at = this.ticked.indexOf(planId);
    if (on && at < 0) this.ticked.push(planId);
    if (!on && at >= 0) this.ticked.splice(at, 1);
    // Two plans side by side: the two ticked last.
    while (this.ticked.length > 2) this.ticked.shift();
    this.renderList();
    await this.renderCompare();
  }

  private async renderCompare(): Promise<void> {
    const ids = [...this.ticked];
    if (ids.length < 2) {
      this.compare.replaceChildren();
      this.compare.dataset.plans = "0";
      return;
    }
    let bodies: StoredAblationPlan[];
    try {
      bodies = await Promise.all(ids.map((id) => this.body(id)));
    } catch (e) {
      this.compare.replaceChildren(h("p", { class: "plan-status error" }, `The plans could not be compared: ${message(e)}`));
      return;
    }
    if (ids.join() !== this.ticked.join()) return;
    const plans = bodies.filter((b) => b.plan?.ablation).map((b) => ({ label: `${b.plan!.ablation!.deviceName}, ${formatTime(b.createdAt)}`, ablation: b.plan!.ablation! }));
    if (plans.length < 2) {
      this.compare.replaceChildren(h("p", { class: "note" }, "Only ablation plans can be compared."));
      return;
    }
    this.compare.replaceChildren(h("h4", {}, "Two plans side by side"), comparisonTable("ablation-plan-compare", plans.map((p) => p.label), planRows(plans), -1));
    this.compare.dataset.plans = String(plans.length);
  }

  private renderDetail(): void {
    const stored = this.current;
    const a = stored?.plan?.ablation;
    if (!stored || !a) {
      this.detail.hidden = true;
      return;
    }
    this.detail.hidden = false;
    const base = `/api/plans/${encodeURIComponent(stored.id)}/ablation`;
    const goto = (p: Point | null | undefined, what: string, attr: string) => {
      if (!p) return null;
      const b = h("button", { type: "button", class: "link", [attr]: true, title: `Move the crosshair to ${formatPoint(p)}` }, "go to");
      b.addEventListener("click", () => void this.viewer.setCursor(p));
      b.setAttribute("aria-label", `Go to ${what}`);
      return b;
    };
    const confirm = h("button", { type: "button", "data-ablation-confirm": true }, "Confirm (simulated post-ablation CT)");
    confirm.addEventListener("click", () => void this.confirm());
    this.detail.replaceChildren(
      h("h3", { class: "plan-title" }, a.deviceName, " ", h("small", {}, `${MODALITY_NAMES[a.modality] ?? a.modality} · ${a.settingId} · ${a.zoneModel} model · ${a.probes.length} probe${a.probes.length === 1 ? "" : "s"}`)),
      this.layersBlock(),
      h("div", { class: "ablation-legend", "data-ablation-legend": true }),
      h("h4", {}, "Coverage"),
      h(
        "table",
        { class: "ablation-coverage", "data-coverage-table": true },
        h("thead", {}, h("tr", {}, h("th", {}, "Target"), h("th", { class: "num" }, "Covered"), h("th", { class: "num" }, "Volume"))),
        h(
          "tbody",
          {},
          ...a.coverage.map((c, i) =>
            h(
              "tr",
              { "data-coverage": String(i), "data-margin-mm": String(c.marginMm), class: c.fraction >= 0.999 ? "ok" : c.marginMm === 0 ? "bad" : "" },
              h("th", {}, c.name),
              h("td", { class: "num", "data-fraction": true }, percent(c.fraction)),
              h("td", { class: "num", "data-volume": true }, millilitres(c.volumeMl)),
            ),
          ),
        ),
      ),
      h(
        "table",
        { class: "metrics ablation-metrics" },
        h(
          "tr",
          { class: `margin ${marginClass(a.minimalMarginMm)}` },
          h("th", {}, "Minimal margin"),
          h("td", { "data-minimal-margin": true }, millimetres(a.minimalMarginMm), " ", h("span", { class: "coords" }, formatPoint(a.minimalMarginAt)), " ", goto(a.minimalMarginAt, "the minimal margin", "data-goto-minimal-margin")),
        ),
        h("tr", {}, h("th", {}, "Planned margin"), h("td", {}, millimetres(a.plannedMarginMm))),
        h("tr", {}, h("th", {}, "Tumor surface with ≥ 5 mm"), h("td", { "data-surface-5": true }, percent(a.surfaceFractionAtLeast5Mm))),
        h("tr", {}, h("th", {}, "Tumor surface with ≥ 10 mm"), h("td", { "data-surface-10": true }, percent(a.surfaceFractionAtLeast10Mm))),
        h("tr", {}, h("th", {}, "Zone volume"), h("td", { "data-zone-volume": true }, millilitres(a.zoneVolumeMl))),
        h("tr", {}, h("th", {}, "Healthy tissue ablated"), h("td", { "data-healthy": true }, millilitres(a.healthyTissueAblatedMl))),
      ),
      this.probesBlock(a),
      this.risksBlock(a, goto),
      this.heatSinksBlock(a, goto) ?? "",
      this.flagsBlock(a) ?? "",
      this.alternativesBlock(a) ?? "",
      h("h4", {}, "Post-ablation check"),
      h("div", { class: "plan-actions" }, confirm),
      h("div", { class: "confirmation", "data-confirmation": true }),
      h(
        "p",
        { class: "exports plan-exports" },
        "Download: ",
        h("a", { href: `${base}/meshes.glb`, download: true }, "zone surfaces (glTF)"),
        " · ",
        h("a", { href: `${base}/zone.nrrd`, download: true }, "zone map (NRRD)"),
        " · ",
        h("a", { href: `${base}/margin.nrrd`, download: true }, "margin map (NRRD)"),
      ),
    );
    this.renderLegend();
    this.renderConfirmation();
  }

  private layersBlock(): HTMLElement {
    return h(
      "div",
      { class: "ablation-layers", "data-ablation-layers": true },
      h("span", {}, "Layers:"),
      ...OVERLAY_LAYERS.map((layer) => {
        const box = h("input", { type: "checkbox", "data-layer": layer });
        box.checked = this.layers.has(layer);
        box.disabled = layer === "achieved" && this.confirmation === null;
        box.addEventListener("change", () => void this.setLayer(layer, box.checked));
        return h("label", { title: layer === "achieved" ? "Shown after the post-ablation check" : "" }, box, ` ${LAYER_NAMES[layer]}`);
      }),
    );
  }

  private probesBlock(a: AblationSummary): HTMLElement {
    return h(
      "div",
      {},
      h("h4", {}, "Probes"),
      h(
        "table",
        { class: "ablation-probes" },
        h("thead", {}, h("tr", {}, h("th", {}, "#"), h("th", {}, "Device · setting"), h("th", { class: "num" }, "Inserted"), h("th", {}, "Entry → tip (LPS mm)"))),
        h(
          "tbody",
          {},
          ...a.probes.map((p, i) =>
            h(
              "tr",
              { "data-probe": String(i) },
              h("td", {}, String(i + 1)),
              h("td", {}, `${p.deviceId} · ${p.settingId}`),
              h("td", { class: "num" }, millimetres(p.insertedLengthMm ?? Math.hypot(p.tip.x - p.entry.x, p.tip.y - p.entry.y, p.tip.z - p.entry.z))),
              h("td", { class: "coords" }, `${formatPoint(p.entry)} → ${formatPoint(p.tip)}`),
            ),
          ),
        ),
      ),
    );
  }

  private risksBlock(a: AblationSummary, goto: (p: Point | null | undefined, what: string, attr: string) => HTMLElement | null): HTMLElement {
    if (a.structuresAtRisk.length === 0) return h("div", {}, h("h4", {}, "Structures at risk"), h("p", { class: "note", "data-no-risks": true }, "No structure inside or near the zone."));
    return h(
      "div",
      {},
      h("h4", {}, "Structures at risk"),
      h(
        "table",
        { class: "ablation-risks" },
        h("thead", {}, h("tr", {}, h("th", {}, "Structure"), h("th", { class: "num" }, "Distance"), h("th", { class: "num" }, "Inside zone"), h("th", { class: "num" }, "Asked"), h("th", {}, ""), h("th", {}, ""))),
        h(
          "tbody",
          {},
          ...a.structuresAtRisk.map((s) =>
            h(
              "tr",
              { class: `risk ${s.severity.toLowerCase()}`, "data-structure": s.structure, "data-severity": s.severity },
              h("td", {}, s.structure),
              h("td", { class: "num" }, millimetres(s.distanceMm)),
              h("td", { class: "num" }, millilitres(s.volumeInsideMl)),
              h("td", { class: "num" }, `≥ ${millimetres(s.requiredMm)}`),
              h("td", {}, h("span", { class: `severity ${s.severity.toLowerCase()}` }, SEVERITY_WORDS[s.severity] ?? s.severity)),
              h("td", {}, goto(s.nearestPoint, `the nearest point of ${s.structure}`, "data-goto-structure")),
            ),
          ),
        ),
      ),
    );
  }

  private heatSinksBlock(a: AblationSummary, goto: (p: Point | null | undefined, what: string, attr: string) => HTMLElement | null): HTMLElement | null {
    if (a.heatSinks.length === 0) return null;
    return h(
      "div",
      {},
      h("h4", {}, "Heat sinks"),
      h(
        "table",
        { class: "ablation-heat-sinks" },
        h("thead", {}, h("tr", {}, h("th", {}, "Vessel"), h("th", { class: "num" }, "Diameter"), h("th", { class: "num" }, "From the zone"), h("th", {}, ""))),
        h(
          "tbody",
          {},
          ...a.heatSinks.map((s) =>
            h(
              "tr",
              { "data-heat-sink": s.structure },
              h("td", {}, s.structure),
              h("td", { class: "num" }, millimetres(s.diameterMm)),
              h("td", { class: "num" }, s.distanceMm <= 0 ? "through the zone" : millimetres(s.distanceMm)),
              h("td", {}, goto(s.at, `the ${s.structure}`, "data-goto-heat-sink")),
            ),
          ),
        ),
      ),
    );
  }

  private flagsBlock(a: AblationSummary): HTMLElement | null {
    if (a.suggestions.length === 0) return null;
    return h(
      "div",
      {},
      h("h4", {}, "Protection flags"),
      h("p", { class: "note" }, "Flags for the operator's judgement, not instructions."),
      h(
        "ul",
        { class: "ablation-flags" },
        ...a.suggestions.map((s) =>
          h(
            "li",
            { class: "flag", "data-flag": s.kind, "data-structure": s.structure },
            h("span", { class: "flag-badge" }, "⚑ Flag"),
            " ",
            h("strong", {}, `${s.structure}: ${KIND_WORDS[s.kind] ?? s.kind}`),
            h("br"),
            s.message,
          ),
        ),
      ),
    );
  }

  private alternativesBlock(a: AblationSummary): HTMLElement | null {
    if (a.alternatives.length === 0) return null;
    const chosen = a.alternatives.findIndex((x) => x.chosen);
    return h(
      "div",
      {},
      h("h4", {}, "Layouts compared"),
      h("div", { class: "table-scroll" }, comparisonTable("ablation-alternatives", a.alternatives.map((x) => x.label), alternativeRows(a.alternatives), chosen)),
    );
  }

  private renderConfirmation(): void {
    const out = this.detail.querySelector<HTMLElement>("[data-confirmation]");
    const achieved = this.detail.querySelector<HTMLInputElement>('input[data-layer="achieved"]');
    if (achieved) {
      achieved.disabled = this.confirmation === null;
      achieved.checked = this.confirmation !== null && this.layers.has("achieved");
    }
    if (!out) return;
    const c = this.confirmation;
    if (!c) {
      out.className = "confirmation";
      out.replaceChildren();
      out.dataset.state = "none";
      return;
    }
    const goto = c.at ? h("button", { type: "button", class: "link", "data-goto-achieved-margin": true }, "go to") : null;
    goto?.addEventListener("click", () => void this.viewer.setCursor(c.at!));
    out.className = `confirmation ${marginClass(c.achievedMinimalMarginMm)}`;
    out.dataset.state = "done";
    out.replaceChildren(
      h(
        "table",
        { class: "metrics" },
        h("tr", {}, h("th", {}, "Achieved minimal margin"), h("td", { "data-achieved-margin": true }, millimetres(c.achievedMinimalMarginMm), " ", goto)),
        h("tr", {}, h("th", {}, "Tumor covered"), h("td", { "data-achieved-coverage": true }, percent(c.coveredFraction))),
        h("tr", {}, h("th", {}, "Achieved zone"), h("td", {}, millilitres(c.zoneVolumeMl))),
        h(
          "tr",
          {},
          h("th", {}, "Registration"),
          h("td", { "data-registration": true }, `${c.registration.metric} ${formatNumber(c.registration.value)} after ${c.registration.iterations} iterations; residual ${millimetres(c.registration.residualMm)}`),
        ),
      ),
    );
  }

  private setLegend(entries: LegendEntry[] | null): void {
    const next = entries ?? DEFAULT_LEGEND;
    if (JSON.stringify(next) === JSON.stringify(this.legend)) return;
    this.legend = next;
    this.renderLegend();
  }

  private renderLegend(): void {
    const box = this.detail.querySelector<HTMLElement>("[data-ablation-legend]");
    if (!box) return;
    box.replaceChildren(
      h("span", {}, "Colours (panes and 3D):"),
      ...this.legend.map((e) => h("span", { class: "legend-item", "data-colour": e.colour }, h("i", { class: `swatch${e.outline ? " outline" : ""}`, style: e.outline ? `border-color: ${e.colour}` : `background: ${e.colour}` }), ` ${e.name}`)),
    );
  }

  private setBusy(busy: boolean, simulating: boolean): void {
    this.busy = busy;
    this.planButton.disabled = busy;
    this.element.dataset.busy = String(busy);
    this.element.dataset.simulating = String(simulating);
  }

  private setStatus(text: string, kind: "" | "busy" | "error"): void {
    this.status.textContent = text;
    this.status.className = `plan-status ${kind}`;
    this.status.dataset.kind = kind;
  }
}

/** The 3D colours: the zone orange and translucent, each isotherm in its outline colour and fainter. */
function meshStyle(name: string): { colour: number; opacity: number } {
  if (name === "zone") return { colour: ZONE_COLOUR, opacity: 0.6 };
  const t = /^isotherm-(-?[0-9.]+)/.exec(name);
  if (t) return { colour: isothermColour(Number(t[1])), opacity: 0.25 };
  return { colour: 0xff00ff, opacity: 0.5 };
}

/** A table with one column per compared item and one row per quantity; the highlighted column is marked. */
function comparisonTable(className: string, headings: string[], rows: ComparisonRow[], highlighted: number): HTMLTableElement {
  return h(
    "table",
    { class: `ablation-comparison ${className}` },
    h("thead", {}, h("tr", {}, h("th", {}, ""), ...headings.map((t, i) => h("th", { class: i === highlighted ? "chosen" : undefined, "data-column": String(i) }, t)))),
    h(
      "tbody",
      {},
      ...rows.map((r) => h("tr", { "data-row": r.key }, h("th", {}, r.name), ...r.cells.map((c, i) => h("td", { class: i === highlighted ? "chosen" : undefined }, c)))),
    ),
  );
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

function formatTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleString("en-GB", { day: "numeric", month: "short", hour: "2-digit", minute: "2-digit", second: "2-digit" });
}
