/* 挂职通: behaviour wired by data attributes, so that no page needs an inline script or an on…= handler
   (the Content-Security-Policy allows scripts from this site only). */
document.addEventListener("change", (event) => {
  const field = event.target.closest("[data-autosubmit]");
  if (field && field.form) field.form.submit();
});
document.addEventListener("click", (event) => {
  if (event.target.closest("[data-print]")) window.print();
});
document.addEventListener("submit", (event) => {
  const form = event.target.closest("form[data-confirm]");
  if (form && !window.confirm(form.dataset.confirm)) event.preventDefault();
});
window.addEventListener("load", () => {
  if (document.querySelector("[data-autoprint]")) setTimeout(() => window.print(), 300);
  // widths known only on the server (a progress bar) are set here, not in a style attribute
  for (const el of document.querySelectorAll("[data-width-percent]")) el.style.width = el.dataset.widthPercent + "%";
});
// a form sent back with errors is shown open, its first invalid field in view
window.addEventListener("DOMContentLoaded", () => {
  const invalid = document.querySelectorAll("form .is-invalid, form .invalid-feedback, form .alert-danger");
  for (const el of invalid) {
    for (let d = el.closest("details"); d; d = d.parentElement.closest("details")) d.open = true;
  }
  const first = document.querySelector("form .is-invalid");
  if (first) first.scrollIntoView({ block: "center" });
});
