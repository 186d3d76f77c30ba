// Suggests establishments while the UAI or the name is typed (the form works without it).
(function () {
  var input = document.getElementById("champ-etablissement");
  var list = document.getElementById("liste-etablissements");
  if (!input || !list || !window.fetch) return;
  var timer = null;
  input.addEventListener("input", function () {
    clearTimeout(timer);
    var q = input.value.trim();
    if (q.length < 2) return;
    timer = setTimeout(function () {
      fetch("/etablissements/recherche?q=" + encodeURIComponent(q))
        .then(function (r) { return r.ok ? r.json() : []; })
        .then(function (items) {
          list.textContent = "";
          items.forEach(function (item) {
            var option = document.createElement("option");
            option.value = item.uai;
            option.label = item.label;
            option.textContent = item.label;
            list.appendChild(option);
          });
        })
        .catch(function () {});
    }, 200);
  });
})();
