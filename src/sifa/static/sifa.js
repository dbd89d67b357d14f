// sifa: small behaviours without inline scripts (the Content-Security-Policy forbids them).
document.addEventListener("DOMContentLoaded", function () {
  // Confirm dangerous actions: <button data-confirm="...">
  document.querySelectorAll("[data-confirm]").forEach(function (el) {
    el.addEventListener("click", function (ev) {
      if (!window.confirm(el.getAttribute("data-confirm"))) { ev.preventDefault(); }
    });
  });
});

// A table that scrolls sideways must be reachable by keyboard (WCAG 2.1.1; axe: scrollable-region-focusable).
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll(".table-wrap").forEach(function (el) {
    if (!el.hasAttribute("tabindex")) { el.setAttribute("tabindex", "0"); }
  });
});

// A whole ID or mobile number is never sent in a GET query string (type-ahead lookups, filters loaded by
// htmx): it would land in the server's access log. The server refuses such a query too
// (core.middleware.WholeNumberQueryMiddleware, with the same pattern as core.validators).
var WHOLE_NUMBER = /(^|[^0-9A-Za-z])(\d{17}[\dXx]|(\+?86[-\s]?)?1[3-9]\d([-\s]?\d{4}){2})([^0-9A-Za-z]|$)/;
document.addEventListener("htmx:configRequest", function (ev) {
  if (ev.detail.verb !== "get" || !ev.detail.formData) { return; }
  for (const pair of ev.detail.formData.entries()) {
    if (typeof pair[1] === "string" && WHOLE_NUMBER.test(pair[1])) { ev.preventDefault(); return; }
  }
});
