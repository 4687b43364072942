// Gatekeeper workbench: small enhancements. Every page works without this file.
(function () {
  "use strict";

  // Expiry countdowns tick down live (the server already wrote the remaining time).
  function remaining(ms) {
    if (ms <= 0) return "expired";
    var s = Math.floor(ms / 1000), d = Math.floor(s / 86400), h = Math.floor(s % 86400 / 3600),
        m = Math.floor(s % 3600 / 60), sec = s % 60, parts = [];
    if (d) parts.push(d + " d");
    if (d || h) parts.push(h + " h");
    parts.push(m + " min");
    if (!d) parts.push(sec + " s");
    return parts.join(" ");
  }
  function tick() {
    document.querySelectorAll("time.countdown").forEach(function (el) {
      el.textContent = remaining(Date.parse(el.getAttribute("datetime")) - Date.now());
    });
  }

  // One click is one request: a form marked "once" disables its buttons when it is sent.
  // (The server sends a post once however many requests arrive; this just spares the clicks.)
  function once(form) {
    form.addEventListener("submit", function () {
      if (form.dataset.sent) return;
      form.dataset.sent = "1";
      setTimeout(function () {
        form.querySelectorAll("button").forEach(function (b) { b.disabled = true; });
      }, 0);
    });
  }

  // Lexicon search filters as you type; the form still searches on the server without JS.
  function liveFilter(input) {
    input.addEventListener("input", function () {
      var q = input.value.trim().toLowerCase();
      document.querySelectorAll("details.lexicon").forEach(function (box) {
        var shown = 0;
        box.querySelectorAll("li").forEach(function (li) {
          var hit = !q || li.textContent.toLowerCase().indexOf(q) !== -1;
          li.hidden = !hit;
          if (hit) shown++;
        });
        var m = box.querySelector(".matches");
        if (!m) { m = document.createElement("span"); m.className = "matches"; box.querySelector("summary").appendChild(m); }
        m.textContent = q ? " · " + shown + (shown === 1 ? " match" : " matches") : "";
        box.open = !!q && shown > 0;
      });
    });
  }

  // Escape closes a finding's message shown by keyboard focus.
  function escapeTips(e) {
    if (e.key === "Escape" && document.activeElement && document.activeElement.matches("mark.hl")) {
      document.activeElement.blur();
    }
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.documentElement.classList.add("js");
    tick();
    setInterval(tick, 1000);
    document.querySelectorAll("form.once").forEach(once);
    document.querySelectorAll("input[data-filter]").forEach(liveFilter);
    document.addEventListener("keydown", escapeTips);
  });
})();
