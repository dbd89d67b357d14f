// The formula of a figure definition checked as it is typed (reports:figure_check): the Chinese message
// naming an unknown key or the place of a syntax error, or the formula in the figures' names.
(function () {
  "use strict";
  document.querySelectorAll("form.figure-form").forEach(function (form) {
    var url = form.getAttribute("data-check-url");
    var out = form.querySelector(".formula-check");
    var formula = form.querySelector("[name=formula]");
    var key = form.querySelector("[name=key]");
    var timer = null;
    function check() {
      var q = new URLSearchParams({formula: formula.value, key: key ? key.value : ""});
      fetch(url + "?" + q.toString(), {credentials: "same-origin"})
        .then(function (r) { return r.json(); })
        .then(function (data) {
          out.textContent = data.ok ? "公式：" + data.text : data.message;
          out.classList.toggle("error", !data.ok);
          formula.setAttribute("aria-invalid", data.ok ? "false" : "true");
        });
    }
    [formula, key].forEach(function (el) {
      if (el) { el.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(check, 300); }); }
    });
  });
})();
