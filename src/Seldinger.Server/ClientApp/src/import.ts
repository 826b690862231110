// Import page: uploads the chosen files as multipart/form-data to /api/dicom/import with a progress
// bar, then lists what happened to each series and each file.

interface ImportFileResult {
  name: string;
  status: "stored" | "already-stored" | "refused";
  code: string | null;
  reason: string | null;
}

interface ImportSeriesResult {
  seriesInstanceUid: string;
  slicesStored: number;
  sliceCount: number;
  geometry: { columns: number; rows: number; slices: number; spacing: number[] } | null;
  error: string | null;
}

interface ImportResponse {
  files: ImportFileResult[];
  series: ImportSeriesResult[];
}

function upload(files: File[], progress: HTMLProgressElement): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const form = new FormData();
    for (const f of files) form.append("file", f, f.webkitRelativePath || f.name);
    const xhr = new XMLHttpRequest();
    xhr.open("POST", "/api/dicom/import");
    xhr.responseType = "json";
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) progress.value = (100 * e.loaded) / e.total;
    };
    xhr.onload = () => resolve({ status: xhr.status, body: xhr.response });
    xhr.onerror = () => reject(new Error("The upload failed (network error)."));
    xhr.send(form);
  });
}

function cell(row: HTMLTableRowElement, text: string, className?: string): void {
  const td = row.insertCell();
  td.textContent = text;
  if (className) td.className = className;
}

function show(root: HTMLElement, result: ImportResponse): void {
  const seriesTable = root.querySelector<HTMLTableElement>("table.import-series")!;
  const filesTable = root.querySelector<HTMLTableElement>("table.import-files")!;
  const seriesBody = seriesTable.tBodies[0];
  const filesBody = filesTable.tBodies[0];
  seriesBody.replaceChildren();
  filesBody.replaceChildren();
  for (const s of result.series) {
    const row = seriesBody.insertRow();
    row.className = s.error ? "bad" : "ok";
    cell(row, s.seriesInstanceUid);
    cell(row, String(s.slicesStored));
    cell(row, String(s.sliceCount));
    const g = s.geometry;
    cell(row, g ? `${g.columns} × ${g.rows} × ${g.slices}, ${g.spacing.map((v) => v.toFixed(2)).join(" × ")} mm` : "–");
    cell(row, s.error ?? "");
  }
  for (const f of result.files) {
    const row = filesBody.insertRow();
    row.className = f.status === "refused" ? "bad" : "ok";
    row.dataset.status = f.status;
    cell(row, f.name);
    cell(row, f.status);
    cell(row, f.reason ?? "");
  }
  seriesTable.hidden = result.series.length === 0;
  filesTable.hidden = false;
}

function start(): void {
  const root = document.querySelector<HTMLElement>("[data-import]");
  if (!root) return;
  const form = root.querySelector<HTMLFormElement>("form.import-form")!;
  const progress = root.querySelector<HTMLProgressElement>("progress.import-progress")!;
  const status = root.querySelector<HTMLElement>(".import-status")!;
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    const files = Array.from(form.querySelectorAll<HTMLInputElement>("input[type=file]")).flatMap((i) => Array.from(i.files ?? []));
    if (files.length === 0) {
      status.textContent = "Choose at least one file.";
      return;
    }
    progress.hidden = false;
    progress.value = 0;
    status.textContent = `Uploading ${files.length} file(s)…`;
    root.dataset.state = "uploading";
    try {
      const { status: code, body } = await upload(files, progress);
      if (code !== 200) {
        const problem = body as { title?: string; detail?: string } | null;
        status.textContent = `Refused (${code}): ${problem?.detail ?? problem?.title ?? "unknown error"}`;
        root.dataset.state = "error";
        return;
      }
      const result = body as ImportResponse;
      const stored = result.files.filter((f) => f.status !== "refused").length;
      status.textContent = `${stored} of ${result.files.length} file(s) stored or already present; ${result.files.length - stored} refused.`;
      show(root, result);
      root.dataset.state = "done";
    } catch (err) {
      status.textContent = err instanceof Error ? err.message : String(err);
      root.dataset.state = "error";
    } finally {
      progress.value = 100;
    }
  });
}

start();
