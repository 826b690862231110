// The plan panel of the case page: pick a procedure, optionally take the crosshair as the target or as the
// doctor's own entry, plan through the API, reopen stored plans, re-run one, and read the selected plan (ranked
// routes, clearances, warnings, measurements, rejections, exports). The viewer draws the plan on every pane.
import type { Point } from "./geometry";
import {
  type ParetoEntry,
  type PlanWarning,
  type PlannedRoute,
  type ProcedureOption,
  type ProcedurePlan,
  type RerunResult,
  type StoredPlan,
  formatNumber,
  formatPoint,
  orderProcedures,
  orderWarnings,
} from "./plan-model";

/** What the panel needs from the viewer. */
export interface PlanHost {
  readonly cursorPoint: Point;
  setPlan(plan: ProcedurePlan | null, selected?: number): Promise<void>;
  setCursor(p: Point): Promise<void>;
}

/** A failed API call with the problem detail's words. */
export class ApiError extends Error {
  constructor(readonly status: number, readonly title: string, detail: string) {
    super(detail);
  }
}

type Child = Node | string | null | undefined | false;

/** Creates an element with attributes (data-* included) and children. */
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

/** Fetches JSON; a non-2xx answer becomes an ApiError with the problem detail (and validation errors) in plain words. */
export async function api<T>(url: string, init?: RequestInit): Promise<T> {
  const response = await fetch(url, { ...init, headers: { Accept: "application/json", ...(init?.body ? { "Content-Type": "application/json" } : {}) } });
  if (!response.ok) {
    let title = response.statusText || "Request failed";
    let detail = `${response.status} ${title}`;
    try {
      const problem = (await response.json()) as { title?: string; detail?: string; errors?: Record<string, string[]> };
      title = problem.title ?? title;
      const errors = problem.errors ? Object.entries(problem.errors).map(([field, messages]) => `${field}: ${messages.join(" ")}`) : [];
      detail = [problem.detail, ...errors].filter((x) => x).join(" ") || title;
    } catch {
      // not a problem detail
    }
    throw new ApiError(response.status, title, detail);
  }
  return (await response.json()) as T;
}

const SEVERITY_WORDS: Record<string, string> = { Danger: "Danger", Caution: "Caution", Info: "Note" };

export class PlanPanel {
  readonly element: HTMLElement;
  private readonly procedureSelect: HTMLSelectElement;
  private readonly useCrosshair: HTMLInputElement;
  private readonly crosshairText: HTMLElement;
  private readonly entryText: HTMLElement;
  private readonly clearEntry: HTMLButtonElement;
  private readonly planButton: HTMLButtonElement;
  private readonly status: HTMLElement;
  private readonly list: HTMLElement;
  private readonly detail: HTMLElement;
  private procedures: ProcedureOption[] = [];
  private plans: StoredPlan[] = [];
  private current: StoredPlan | null = null;
  private selectedRoute = 0;
  private manualEntry: Point | null = null;
  private busy = false;

  constructor(private readonly caseId: string, private readonly host: PlanHost, viewerRoot: HTMLElement) {
    this.procedureSelect = h("select", { "data-procedure": true, "aria-label": "Procedure" });
    this.useCrosshair = h("input", { type: "checkbox", "data-use-crosshair": true });
    this.crosshairText = h("span", { class: "coords", "data-crosshair": true });
    this.entryText = h("span", { class: "coords", "data-manual-entry": true }, "automatic (searched)");
    const setEntry = h("button", { type: "button", "data-set-entry": true, title: "Evaluate a path from the crosshair to the target" }, "Set entry at crosshair");
    this.clearEntry = h("button", { type: "button", "data-clear-entry": true, hidden: true }, "Clear");
    this.planButton = h("button", { type: "button", class: "primary", "data-plan-button": true }, "Plan");
    this.status = h("p", { class: "plan-status", "data-plan-status": true, role: "status" });
    this.list = h("ul", { class: "stored-plans", "data-stored-plans": true });
    this.detail = h("div", { class: "plan-detail", "data-plan-detail": true, hidden: true });
    this.element = h(
      "section",
      { class: "plan-panel", "data-plan-panel": true, "aria-label": "Plan" },
      h("h2", {}, "Plan"),
      h(
        "div",
        { class: "plan-form" },
        h("label", { class: "field" }, h("span", {}, "Procedure"), this.procedureSelect),
        h("label", { class: "check" }, this.useCrosshair, " Use crosshair as target ", this.crosshairText),
        h("div", { class: "entry-row" }, h("span", {}, "Entry: "), this.entryText, " ", setEntry, this.clearEntry),
        h("div", { class: "actions" }, this.planButton),
        this.status,
      ),
      h("h3", {}, "Plans of this case"),
      this.list,
      this.detail,
    );
    this.planButton.addEventListener("click", () => void this.plan());
    setEntry.addEventListener("click", () => {
      this.manualEntry = this.host.cursorPoint;
      this.syncEntry();
      void this.plan();
    });
    this.clearEntry.addEventListener("click", () => {
      this.manualEntry = null;
      this.syncEntry();
    });
    this.useCrosshair.addEventListener("change", () => this.syncCrosshair());
    viewerRoot.addEventListener("cursorchange", () => this.syncCrosshair());
    this.syncCrosshair();
  }

  /** Loads the procedures and the stored plans; reopens the plan named in the address (#plan=id) or the newest. */
  async start(): Promise<void> {
    try {
      const [procedures, plans] = await Promise.all([
        api<ProcedureOption[]>(`/api/cases/${encodeURIComponent(this.caseId)}/procedures`),
        api<StoredPlan[]>(`/api/cases/${encodeURIComponent(this.caseId)}/plans`),
      ]);
      this.procedures = orderProcedures(procedures);
      this.plans = plans;
    } catch (e) {
      this.setStatus(`Planning is not available for this case: ${message(e)}`, "error");
      this.planButton.disabled = true;
      this.element.dataset.ready = "error";
      return;
    }
    this.buildPicker();
    this.renderList();
    const wanted = /(?:^|[#&])plan=([0-9a-fA-F-]+)/.exec(location.hash)?.[1];
    const open = this.plans.find((p) => p.id === wanted) ?? this.plans[0];
    if (open) await this.open(open.id);
    this.element.dataset.ready = "true";
  }

  /** Plans the picked procedure with the panel's target and entry choices; the new plan is stored and shown. */
  async plan(): Promise<void> {
    if (this.busy) return;
    const procedureId = this.procedureSelect.value;
    if (!procedureId) {
      this.setStatus("Pick a procedure first.", "error");
      return;
    }
    const body = { procedureId, target: this.useCrosshair.checked ? this.host.cursorPoint : null, manualEntry: this.manualEntry };
    this.setBusy(true);
    const started = performance.now();
    this.setStatus(body.manualEntry ? "Evaluating the path from your entry…" : "Planning…", "busy");
    try {
      const stored = await api<StoredPlan>(`/api/cases/${encodeURIComponent(this.caseId)}/plans`, { method: "POST", body: JSON.stringify(body) });
      this.plans = [stored, ...this.plans.filter((p) => p.id !== stored.id)];
      this.renderList();
      this.setStatus(`Planned in ${((performance.now() - started) / 1000).toFixed(1)} s.`, "");
      await this.show(stored);
    } catch (e) {
      const words = e instanceof ApiError && e.status === 422 ? `Planning is not possible: ${e.message}` : message(e);
      this.setStatus(words, "error");
    } finally {
      this.setBusy(false);
    }
  }

  /** Loads the case's stored plans again (another panel made one) and lists them. */
  async refresh(): Promise<void> {
    try {
      this.plans = await api<StoredPlan[]>(`/api/cases/${encodeURIComponent(this.caseId)}/plans`);
      this.renderList();
    } catch (e) {
      this.setStatus(`The plans could not be listed: ${message(e)}`, "error");
    }
  }

  /** Fetches a stored plan and shows it. */
  async open(planId: string): Promise<void> {
    try {
      await this.show(await api<StoredPlan>(`/api/plans/${encodeURIComponent(planId)}`));
    } catch (e) {
      this.setStatus(`The plan could not be opened: ${message(e)}`, "error");
    }
  }

  /** Selects a ranked route of the shown plan: its metrics below, drawn solid in the viewer. */
  async selectRoute(index: number): Promise<void> {
    const plan = this.current?.plan;
    if (!plan || index < 0 || index >= plan.routes.length) return;
    this.selectedRoute = index;
    this.renderDetail();
    await this.host.setPlan(plan, index);
  }

  /** Plans the shown plan again from its stored inputs and says whether the result is the same. */
  async rerun(): Promise<void> {
    const stored = this.current;
    const out = this.detail.querySelector<HTMLElement>("[data-rerun-result]");
    if (!stored || !out) return;
    out.className = "rerun-result busy";
    out.textContent = "Re-running…";
    try {
      const result = await api<RerunResult>(`/api/plans/${encodeURIComponent(stored.id)}/rerun`, { method: "POST" });
      out.className = `rerun-result ${result.identical ? "identical" : "different"}`;
      out.dataset.identical = String(result.identical);
      if (result.identical) out.replaceChildren("Identical: the same inputs give the same plan today.");
      else
        out.replaceChildren(
          `Different today (${result.differences.length} difference${result.differences.length === 1 ? "" : "s"}):`,
          h("ul", {}, ...result.differences.map((d) => h("li", {}, d))),
        );
    } catch (e) {
      out.className = "rerun-result error";
      out.textContent = `Re-run failed: ${message(e)}`;
    }
  }

  private async show(stored: StoredPlan): Promise<void> {
    if (!stored.plan) {
      await this.open(stored.id);
      return;
    }
    this.current = stored;
    this.selectedRoute = 0;
    history.replaceState(null, "", `#plan=${stored.id}`);
    this.renderList();
    this.renderDetail();
    const plan = stored.plan;
    const procedure = this.procedureSelect.querySelector<HTMLOptionElement>(`option[value="${CSS.escape(plan.procedureId)}"]`);
    if (procedure) this.procedureSelect.value = plan.procedureId;
    await this.host.setPlan(plan, 0);
    const route = plan.routes[0];
    const focus = plan.target ?? route?.points[route.points.length - 1] ?? plan.points[0]?.point;
    if (focus) await this.host.setCursor(focus);
    this.element.dataset.planId = stored.id;
    // Other panels (ablation) follow the plan shown.
    this.element.dispatchEvent(new CustomEvent("planshown", { detail: stored }));
  }

  private buildPicker(): void {
    const suggested = this.procedures.filter((p) => p.suggested);
    const others = this.procedures.filter((p) => !p.suggested);
    const option = (p: ProcedureOption) => h("option", { value: p.id, "data-suggested": String(p.suggested) }, `${p.name} (${p.route})`);
    this.procedureSelect.replaceChildren();
    if (suggested.length > 0) this.procedureSelect.append(h("optgroup", { label: "Suggested for this case" }, ...suggested.map(option)));
    if (others.length > 0) this.procedureSelect.append(h("optgroup", { label: suggested.length > 0 ? "Other procedures" : "Procedures" }, ...others.map(option)));
    if (this.procedures.length === 0) {
      this.procedureSelect.append(h("option", { value: "" }, "No procedure fits this case's structures"));
      this.planButton.disabled = true;
    }
  }

  private renderList(): void {
    this.list.replaceChildren();
    if (this.plans.length === 0) {
      this.list.append(h("li", { class: "empty" }, "No plans yet."));
      return;
    }
    for (const p of this.plans) {
      const feasible = p.feasible ?? p.plan?.feasible;
      const method = p.method ?? p.plan?.method ?? "";
      const name = this.procedures.find((x) => x.id === p.procedureId)?.name ?? p.procedureId;
      const button = h(
        "button",
        { type: "button", "data-plan-id": p.id, "aria-current": p.id === this.current?.id ? "true" : undefined },
        h("span", { class: "name" }, name),
        h("span", { class: "meta" }, `${method}${method ? " · " : ""}${formatTime(p.createdAt)}`),
        feasible === undefined ? null : h("span", { class: `badge ${feasible ? "ok" : "bad"}` }, feasible ? "feasible" : "not feasible"),
      );
      button.addEventListener("click", () => void this.open(p.id));
      this.list.append(h("li", {}, button));
    }
  }

  private renderDetail(): void {
    const stored = this.current;
    const plan = stored?.plan;
    if (!stored || !plan) {
      this.detail.hidden = true;
      return;
    }
    this.detail.hidden = false;
    const route = plan.routes[this.selectedRoute];
    const base = `/api/plans/${encodeURIComponent(stored.id)}`;
    const rerun = h("button", { type: "button", "data-rerun": true }, "Re-run");
    rerun.addEventListener("click", () => void this.rerun());
    const entry = stored.inputs?.manualEntry;

    const children: Child[] = [
      h("h3", { class: "plan-title" }, plan.procedureName, " ", h("small", {}, `${plan.planner} planner · ${plan.method}`)),
      h(
        "p",
        { class: `verdict ${plan.feasible ? "safe" : "unsafe"}`, "data-feasible": String(plan.feasible) },
        plan.feasible
          ? plan.method === "manual"
            ? "Your path meets every hard constraint."
            : "Feasible: a route meets every hard constraint."
          : plan.method === "manual"
            ? "Unsafe: your path breaks a hard constraint."
            : "Not feasible: no route meets every hard constraint.",
      ),
      h(
        "table",
        { class: "metrics plan-summary" },
        h("tr", {}, h("th", {}, "Target (LPS mm)"), h("td", { "data-plan-target": true }, formatPoint(plan.target))),
        plan.targetReason ? h("tr", {}, h("th", {}, "Why this target"), h("td", { "data-target-reason": true }, plan.targetReason)) : null,
        entry ? h("tr", {}, h("th", {}, "Your entry (LPS mm)"), h("td", {}, formatPoint(entry))) : null,
        h("tr", {}, h("th", {}, "Candidates considered"), h("td", { "data-candidates": true }, plan.candidatesConsidered.toLocaleString("en"))),
        // Only a searched needle plan has a Pareto front; for catheters, tubes and maps the row would read "0".
        plan.paretoFront.length > 0 || (plan.planner === "needle" && plan.method === "automatic")
          ? h(
              "tr",
              {},
              h("th", {}, "Pareto front"),
              h("td", { "data-pareto": true }, `${plan.paretoFront.length} non-dominated entr${plan.paretoFront.length === 1 ? "y" : "ies"}`, paretoPlot(plan.paretoFront, route)),
            )
          : null,
        h("tr", {}, h("th", {}, "Made"), h("td", {}, `${formatTime(stored.createdAt)} · catalogue v${plan.catalogueVersion} ${plan.catalogueDigest.slice(0, 12)}`)),
      ),
      h("div", { class: "plan-actions" }, rerun, h("div", { class: "rerun-result", "data-rerun-result": true })),
      this.warningsBlock(plan.warnings),
      h("h4", {}, "Routes, best first"),
      this.routesTable(plan.routes),
      route ? this.routeBlock(route) : null,
      plan.measurements.length > 0
        ? h(
            "div",
            {},
            h("h4", {}, "Measurements"),
            h(
              "table",
              { class: "plan-measurements" },
              ...plan.measurements.map((m) =>
                h("tr", { "data-measurement": m.name }, h("th", {}, m.name), h("td", { class: "num" }, formatNumber(m.value, m.unit === "count" || m.unit === "code" ? "" : m.unit)), h("td", { class: "note" }, m.note ?? "")),
              ),
            ),
          )
        : null,
      this.rejectionsBlock(plan.rejections),
      plan.devices.length > 0 ? h("div", {}, h("h4", {}, "Devices"), h("ul", { class: "plan-devices" }, ...plan.devices.map((d) => h("li", {}, deviceText(d))))) : null,
      h(
        "p",
        { class: "exports plan-exports" },
        "Export: ",
        h("a", { href: `${base}/export.json`, download: true }, "plan JSON"),
        " · ",
        h("a", { href: `${base}/screenshot.png`, target: "_blank" }, "screenshot"),
        " · ",
        h("a", { href: `${base}/export-sr.dcm`, download: true }, "DICOM SR"),
        " · ",
        h("a", { href: `${base}/export-seg.dcm`, download: true }, "DICOM SEG"),
      ),
    ];
    this.detail.replaceChildren(...children.filter((c): c is Node | string => c !== null && c !== undefined && c !== false));
  }

  private warningsBlock(warnings: PlanWarning[]): HTMLElement | null {
    const shown = orderWarnings(warnings.filter((w) => w.route === null || w.route === undefined || w.route === this.selectedRoute));
    const others = warnings.length - shown.length;
    if (shown.length === 0 && others === 0) return null;
    return h(
      "div",
      {},
      h("h4", {}, "Warnings"),
      h(
        "ul",
        { class: "plan-warnings" },
        ...shown.map((w) =>
          h(
            "li",
            { class: `warning ${w.severity.toLowerCase()}`, "data-severity": w.severity, "data-code": w.code },
            h("strong", {}, SEVERITY_WORDS[w.severity] ?? w.severity),
            " ",
            w.message,
          ),
        ),
      ),
      others > 0 ? h("p", { class: "note" }, `${others} more about the other routes; select a route to see its own.`) : null,
    );
  }

  private routesTable(routes: PlannedRoute[]): HTMLElement {
    if (routes.length === 0) return h("p", { class: "empty", "data-no-routes": true }, "No route.");
    const body = h("tbody");
    routes.forEach((r, i) => {
      const row = h(
        "tr",
        { class: `route-row ${r.isSafe ? "ok" : "bad"}`, "data-route": String(i), "aria-selected": String(i === this.selectedRoute), tabindex: "0" },
        h("td", {}, String(i + 1)),
        h("td", {}, h("span", { class: "kind" }, r.kind), " ", r.description),
        h("td", { class: "num" }, formatNumber(r.lengthMm, "mm")),
        h("td", { class: "num" }, r.insertionAngleDeg === null ? "—" : formatNumber(r.insertionAngleDeg, "°")),
        h("td", { class: "num" }, formatNumber(r.score)),
        h("td", {}, r.isSafe ? "safe" : "unsafe"),
      );
      row.addEventListener("click", () => void this.selectRoute(i));
      row.addEventListener("keydown", (e) => {
        if (e.key === "Enter" || e.key === " ") {
          e.preventDefault();
          void this.selectRoute(i);
        }
      });
      body.append(row);
    });
    return h(
      "table",
      { class: "routes", "data-routes": true },
      h("thead", {}, h("tr", {}, h("th", {}, "#"), h("th", {}, "Route"), h("th", {}, "Length"), h("th", {}, "Angle"), h("th", {}, "Score"), h("th", {}, "Safe"))),
      body,
    );
  }

  private routeBlock(route: PlannedRoute): HTMLElement {
    const tip = route.points[route.points.length - 1];
    return h(
      "div",
      { class: "route-detail", "data-selected-route": String(this.selectedRoute) },
      h("h4", {}, `Route ${this.selectedRoute + 1}`),
      h(
        "table",
        { class: "metrics route-metrics" },
        h("tr", {}, h("th", {}, "Length"), h("td", { "data-metric": "route-length" }, formatNumber(route.lengthMm, "mm"))),
        route.insertionAngleDeg === null ? null : h("tr", {}, h("th", {}, "Angle to the axial plane"), h("td", { "data-metric": "route-angle" }, formatNumber(route.insertionAngleDeg, "°"))),
        h("tr", {}, h("th", {}, "Safe"), h("td", { "data-metric": "route-safe" }, route.isSafe ? "yes: every hard constraint holds" : "no: a hard constraint is broken")),
        h("tr", {}, h("th", {}, "Score"), h("td", {}, formatNumber(route.score))),
        h("tr", {}, h("th", {}, route.kind === "needle" ? "Entry (LPS mm)" : "Access (LPS mm)"), h("td", {}, formatPoint(route.points[0]))),
        h("tr", {}, h("th", {}, route.kind === "needle" ? "Tip (LPS mm)" : "Tip (LPS mm)"), h("td", {}, formatPoint(tip))),
      ),
      route.clearances.length > 0
        ? h(
            "table",
            { class: "clearances route-clearances" },
            h("thead", {}, h("tr", {}, h("th", {}, "Structure"), h("th", {}, "Closest"), h("th", {}, "Required"), h("th", {}, ""))),
            h(
              "tbody",
              {},
              ...route.clearances.map((c) =>
                h(
                  "tr",
                  { class: c.violates ? "bad" : "ok", "data-structure": c.structure },
                  h("td", {}, c.structure),
                  h("td", {}, c.distanceMm === null ? "absent" : formatNumber(c.distanceMm, "mm")),
                  h("td", {}, `≥ ${formatNumber(c.requiredMm, "mm")}`),
                  h("td", {}, c.crossed ? "crossed" : c.violates ? "too close" : "ok"),
                ),
              ),
            ),
          )
        : null,
    );
  }

  private rejectionsBlock(rejections: Record<string, number>): HTMLElement | null {
    const entries = Object.entries(rejections ?? {}).sort((a, b) => b[1] - a[1]);
    if (entries.length === 0) return null;
    return h(
      "div",
      {},
      h("h4", {}, "Why other candidates were rejected"),
      h("ul", { class: "rejections plan-rejections" }, ...entries.map(([reason, n]) => h("li", { "data-reason": reason }, `${reason}: ${n.toLocaleString("en")}`))),
    );
  }

  private syncCrosshair(): void {
    this.crosshairText.textContent = formatPoint(this.host.cursorPoint);
    this.crosshairText.classList.toggle("active", this.useCrosshair.checked);
  }

  private syncEntry(): void {
    this.entryText.textContent = this.manualEntry ? `yours at ${formatPoint(this.manualEntry)}` : "automatic (searched)";
    this.clearEntry.hidden = this.manualEntry === null;
    this.element.dataset.manualEntry = this.manualEntry ? "set" : "";
  }

  private setBusy(busy: boolean): void {
    this.busy = busy;
    this.planButton.disabled = busy;
    this.element.dataset.busy = String(busy);
  }

  private setStatus(text: string, kind: "" | "busy" | "error"): void {
    this.status.textContent = text;
    this.status.className = `plan-status ${kind}`;
    this.status.dataset.kind = kind;
  }
}

const SVG = "http://www.w3.org/2000/svg";

/**
 * The Pareto front as a small scatter plot: path length across, clearance beyond the margins up, the angle to the
 * axial plane as the dot's shade (darker is steeper); the selected route's entry ringed when it is on the front.
 */
function paretoPlot(front: ParetoEntry[], route: PlannedRoute | undefined): SVGSVGElement | null {
  if (front.length < 2) return null;
  const width = 220;
  const height = 90;
  const pad = 6;
  const lengths = front.map((e) => e.lengthMm);
  const surplus = front.map((e) => e.clearanceSurplusMm);
  const [x0, x1] = [Math.min(...lengths), Math.max(...lengths)];
  const [y0, y1] = [Math.min(...surplus), Math.max(...surplus)];
  // A range of one value is drawn in the middle.
  const x = (v: number) => (x1 > x0 ? pad + ((v - x0) / (x1 - x0)) * (width - 2 * pad) : width / 2);
  const y = (v: number) => (y1 > y0 ? height - pad - ((v - y0) / (y1 - y0)) * (height - 2 * pad) : height / 2);
  const svg = document.createElementNS(SVG, "svg");
  svg.setAttribute("viewBox", `0 0 ${width} ${height}`);
  svg.setAttribute("width", String(width));
  svg.setAttribute("height", String(height));
  svg.setAttribute("class", "pareto-plot");
  svg.setAttribute("role", "img");
  svg.setAttribute(
    "aria-label",
    `Pareto front: length ${formatNumber(x0, "mm")} to ${formatNumber(x1, "mm")} across, clearance beyond the margins ${formatNumber(y0, "mm")} to ${formatNumber(y1, "mm")} up`,
  );
  const label = (text: string, lx: number, ly: number, anchor: string) => {
    const t = document.createElementNS(SVG, "text");
    t.setAttribute("x", String(lx));
    t.setAttribute("y", String(ly));
    t.setAttribute("text-anchor", anchor);
    t.setAttribute("class", "axis");
    t.textContent = text;
    svg.append(t);
  };
  label(`length ${formatNumber(x0, "mm")} → ${formatNumber(x1, "mm")}`, width - 3, height - 3, "end");
  label(`clearance ↑ ${formatNumber(y1, "mm")}`, 3, 10, "start");
  const entry = route?.kind === "needle" ? route.points[0] : undefined;
  for (const e of front) {
    const dot = document.createElementNS(SVG, "circle");
    dot.setAttribute("cx", x(e.lengthMm).toFixed(1));
    dot.setAttribute("cy", y(e.clearanceSurplusMm).toFixed(1));
    const chosen = entry !== undefined && Math.hypot(e.entry.x - entry.x, e.entry.y - entry.y, e.entry.z - entry.z) < 0.5;
    dot.setAttribute("r", chosen ? "4.5" : "3");
    dot.setAttribute("fill", `hsl(205, 75%, ${(62 - (Math.min(90, Math.abs(e.insertionAngleDeg)) / 90) * 42).toFixed(0)}%)`);
    if (chosen) {
      dot.setAttribute("stroke", "#e0b800");
      dot.setAttribute("stroke-width", "2");
      dot.dataset.selected = "";
    }
    const title = document.createElementNS(SVG, "title");
    title.textContent = `${formatNumber(e.lengthMm, "mm")} long, ${formatNumber(e.clearanceSurplusMm, "mm")} beyond the margins, ${formatNumber(e.insertionAngleDeg, "°")} to the axial plane`;
    dot.append(title);
    svg.append(dot);
  }
  return svg;
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

function formatTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleString("en-GB", { day: "numeric", month: "short", hour: "2-digit", minute: "2-digit", second: "2-digit" });
}

/** A device in a few words, e.g. "Needle 18 G, 100 mm". */
function deviceText(d: Record<string, unknown>): string {
  const parts: string[] = [];
  if (typeof d.gauge === "number") parts.push(`${d.gauge} G`);
  if (typeof d.french === "number") parts.push(`${d.french} F`);
  if (typeof d.lengthMm === "number") parts.push(`${d.lengthMm} mm`);
  const kind = String(d.kind ?? "device");
  return `${kind}${parts.length > 0 ? ` ${parts.join(", ")}` : ""}${d.verify === true ? " (to be confirmed)" : ""}`;
}
