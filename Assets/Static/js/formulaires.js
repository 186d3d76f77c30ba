// Every page: when a form comes back with errors, move the focus to their summary so that it is read out first.
(function () {
  var summary = document.getElementById("resume-erreurs");
  if (summary) summary.focus();
})();

// Ranking pages shown before their rank intervals (computed in the background): ask for the page again every two
// seconds, and show it once the intervals are in (for two minutes at most; the notice's link does the same by hand).
(function () {
  if (!document.querySelector("[data-calcul-en-cours]") || !window.fetch) return;
  var tries = 0;
  function again() { if (++tries < 60) setTimeout(check, 2000); }
  function check() {
    fetch(location.href, { credentials: "same-origin", headers: { Accept: "text/html" } })
      .then(function (response) { return response.ok ? response.text() : null; })
      .then(function (text) {
        if (text !== null && text.indexOf("data-calcul-en-cours") === -1) location.reload();
        else again();
      }, again);
  }
  setTimeout(check, 1500);
})();
