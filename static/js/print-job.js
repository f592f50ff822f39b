/* Batch printing: poll the job's progress until it is done or failed. */
(() => {
  const page = document.getElementById("print-job");
  if (!page) return;
  const labels = {queued: "排队中", running: "生成中", done: "已完成", failed: "失败"};
  async function poll() {
    const r = await fetch("?format=json", {headers: {"Accept": "application/json"}});
    const j = await r.json();
    const bar = document.getElementById("bar");
    bar.style.width = j.percent + "%"; bar.textContent = j.percent + "%";
    document.getElementById("status").textContent = labels[j.status] + "（" + j.done + "/" + j.total + "）";
    if (j.status === "done") { document.getElementById("download").classList.remove("d-none"); return; }
    if (j.status !== "failed") setTimeout(poll, 1500);
  }
  if (page.dataset.poll === "1") setTimeout(poll, 1000);
})();
