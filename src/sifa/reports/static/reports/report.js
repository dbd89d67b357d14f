// The annual report editor: insert a generated statistics paragraph at the cursor; show progress while a
// document is generated (the download is fetched, then handed to the browser).
(function () {
  "use strict";
  function insertAtCursor(textarea, text) {
    var start = textarea.selectionStart, end = textarea.selectionEnd, value = textarea.value;
    var before = value.slice(0, start), after = value.slice(end);
    var sep = before && !/\n$/.test(before) ? "\n" : "";
    textarea.value = before + sep + text + (after && !/^\n/.test(after) ? "\n" : "") + after;
    textarea.focus();
    var pos = (before + sep + text).length;
    textarea.setSelectionRange(pos, pos);
  }
  function filenameFrom(resp, fallback) {
    var cd = resp.headers.get("Content-Disposition") || "";
    var m = /filename\*=UTF-8''([^;]+)/.exec(cd);
    return m ? decodeURIComponent(m[1]) : fallback;
  }
  function download(url, status) {
    status.hidden = false;
    status.textContent = status.dataset.busy;
    var started = Date.now();
    var timer = setInterval(function () {
      status.textContent = (status.dataset.busy) + " " + Math.round((Date.now() - started) / 1000) + " s";
    }, 1000);
    fetch(url, { credentials: "same-origin" }).then(function (resp) {
      if (!resp.ok) { return resp.text().then(function (t) { throw new Error(t); }); }
      return resp.blob().then(function (blob) {
        var a = document.createElement("a");
        a.href = URL.createObjectURL(blob);
        a.download = filenameFrom(resp, "document");
        document.body.appendChild(a); a.click(); a.remove();
        status.textContent = status.dataset.done + " " + a.download;
      });
    }).catch(function (err) {
      status.textContent = err.message;
      status.classList.add("error");
    }).finally(function () { clearInterval(timer); });
  }
  document.addEventListener("click", function (ev) {
    var btn = ev.target.closest(".insert-offer");
    if (btn) {
      var area = document.querySelector("textarea[name=body]");
      if (area) { insertAtCursor(area, btn.dataset.text); }
      return;
    }
    var link = ev.target.closest("a.long-task");
    var status = document.querySelector(".progress");
    if (link && status && window.fetch) {
      ev.preventDefault();
      download(link.href, status);
    }
  });
  document.addEventListener("submit", function (ev) {
    var form = ev.target.closest("form.long-task-form");
    var status = form && form.parentNode.querySelector(".progress");
    if (form && status && window.fetch) {
      ev.preventDefault();
      download(form.action + "?" + new URLSearchParams(new FormData(form)).toString(), status);
    }
  });
})();
