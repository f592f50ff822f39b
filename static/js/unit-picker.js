/* 挂职通: unit pickers. A <select data-unit-picker="/cadres/units/pick/organizer/"> gets a search box
   above it: typing a name or its pinyin initials (青山 or qs) asks the server for the matching units this
   user may pick, and the list shows those (the chosen unit stays). Without JavaScript the select is the
   plain list, already narrowed on the server to the kinds of unit that fit the field. */
(() => {
  const DELAY_MS = 250;

  function enhance(select) {
    if (select.dataset.unitPickerReady) return;
    select.dataset.unitPickerReady = "1";
    const box = document.createElement("input");
    box.type = "search";
    box.className = "form-control form-control-sm mb-1";
    box.placeholder = "输入单位名称或拼音首字母搜索";
    box.setAttribute("aria-label", "搜索单位");
    box.autocomplete = "off";
    select.parentNode.insertBefore(box, select);
    const original = Array.from(select.options).map((o) => [o.value, o.text]);
    let timer = null;
    let asked = 0;

    function show(rows) {
      const chosen = select.value;
      const keep = Array.from(select.options).filter((o) => o.value === "" || o.value === chosen);
      select.replaceChildren(...keep);
      for (const [value, text] of rows) {
        if (value === "" || value === chosen) continue;
        select.add(new Option(text, value));
      }
    }

    box.addEventListener("input", () => {
      clearTimeout(timer);
      const q = box.value.trim();
      if (!q) {
        show(original);
        return;
      }
      timer = setTimeout(async () => {
        const mine = ++asked;
        try {
          const url = new URL(select.dataset.unitPicker, window.location.origin);
          url.searchParams.set("q", q);
          const response = await fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" });
          if (!response.ok || mine !== asked) return;
          const data = await response.json();
          show(data.results.map((r) => [String(r.id), r.text]));
          if (data.results.length && !select.value) select.value = String(data.results[0].id);
        } catch (error) {
          /* the plain list stays usable */
        }
      }, DELAY_MS);
    });
  }

  function enhanceAll() {
    for (const select of document.querySelectorAll("select[data-unit-picker]")) enhance(select);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", enhanceAll);
  else enhanceAll();
})();
