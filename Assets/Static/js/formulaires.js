// Every page: when a form comes back with errors, move the focus to their summary so that it is read out first.
(function () {
  var summary = document.getElementById("resume-erreurs");
  if (summary) summary.focus();
})();
