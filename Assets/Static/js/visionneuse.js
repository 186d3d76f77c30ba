// Jurors' scoring page: full-screen viewer with zoom, keyboard shortcuts and their help.
// Progressive enhancement: without this file the page keeps its links (large image, previous, next) and its forms.
(function () {
  "use strict";
  var figure = document.getElementById("visionneuse");
  var overlay = document.getElementById("plein-ecran");
  var help = document.getElementById("raccourcis");
  if (!figure || !overlay || !help) return;
  var stage = overlay.querySelector(".viewer-stage");
  var image = stage.querySelector("img");
  var status = overlay.querySelector(".viewer-status");
  var form = document.querySelector(".score-form");
  var tools = figure.querySelector(".viewer-tools");
  var opener = null;
  var zoom = "ajuster";
  var dirty = false;
  var lastCriterion = null;
  tools.hidden = false;

  // MARK: - Zoom
  function applyZoom(next) {
    zoom = next;
    overlay.querySelectorAll("[data-zoom]").forEach(function (button) {
      button.setAttribute("aria-pressed", button.getAttribute("data-zoom") === zoom ? "true" : "false");
    });
    stage.classList.toggle("fit", zoom === "ajuster");
    if (zoom === "ajuster" || !image.naturalWidth) {
      image.style.width = "";
    } else {
      // 1× is the preview's size (the page's own image), 2× twice that, never more than the large image has
      // (a small original gives a large image under twice the preview).
      var preview = figure.querySelector("img");
      var base = preview && preview.naturalWidth ? preview.naturalWidth : image.naturalWidth / 2;
      image.style.width = Math.round(Math.min(image.naturalWidth, zoom === "2" ? 2 * base : base)) + "px";
    }
  }
  image.addEventListener("load", function () { applyZoom(zoom); });
  overlay.querySelectorAll("[data-zoom]").forEach(function (button) {
    button.addEventListener("click", function () { applyZoom(button.getAttribute("data-zoom")); });
  });
  function zoomStep(direction) {
    var order = ["ajuster", "1", "2"];
    var index = Math.max(0, Math.min(order.length - 1, order.indexOf(zoom) + direction));
    applyZoom(order[index]);
  }

  // Pan by dragging with a mouse (touch screens scroll and pinch natively).
  var drag = null;
  stage.addEventListener("pointerdown", function (event) {
    if (event.pointerType !== "mouse" || event.button !== 0) return;
    drag = { x: event.clientX, y: event.clientY, left: stage.scrollLeft, top: stage.scrollTop };
    stage.classList.add("dragging");
    event.preventDefault();
  });
  window.addEventListener("pointermove", function (event) {
    if (!drag) return;
    stage.scrollLeft = drag.left - (event.clientX - drag.x);
    stage.scrollTop = drag.top - (event.clientY - drag.y);
  });
  window.addEventListener("pointerup", function () {
    drag = null;
    stage.classList.remove("dragging");
  });
  // A double click switches between fitting and 2×.
  stage.addEventListener("dblclick", function () { applyZoom(zoom === "ajuster" ? "2" : "ajuster"); });

  // MARK: - Full screen
  function isOpen() { return !overlay.hidden; }
  function open(useFullscreenAPI) {
    if (isOpen()) return;
    opener = document.activeElement;
    if (!image.getAttribute("src")) image.setAttribute("src", figure.getAttribute("data-grande"));
    overlay.hidden = false;
    applyZoom(zoom);
    stage.focus();
    if (useFullscreenAPI && overlay.requestFullscreen) {
      // Where the Fullscreen API is refused (iOS Safari, some frames), the fixed overlay already covers the window.
      overlay.requestFullscreen().catch(function () {});
    }
  }
  function close() {
    if (!isOpen()) return;
    overlay.hidden = true;
    if (document.fullscreenElement && document.exitFullscreen) document.exitFullscreen().catch(function () {});
    if (opener && opener.focus) opener.focus();
    if (location.hash === "#plein-ecran") history.replaceState(null, "", location.pathname + location.search);
  }
  document.addEventListener("fullscreenchange", function () {
    // Escape in the browser's full screen leaves it without a key event reaching the page: close the view too.
    if (!document.fullscreenElement && isOpen()) close();
  });
  figure.querySelector("[data-action=plein-ecran]").addEventListener("click", function () { open(true); });
  overlay.querySelector("[data-action=fermer]").addEventListener("click", close);
  // Keep the focus inside the open view.
  overlay.addEventListener("keydown", function (event) {
    if (event.key !== "Tab") return;
    var focusable = overlay.querySelectorAll("button, [tabindex='0']");
    var first = focusable[0], last = focusable[focusable.length - 1];
    if (event.shiftKey && document.activeElement === first) { last.focus(); event.preventDefault(); }
    else if (!event.shiftKey && document.activeElement === last) { first.focus(); event.preventDefault(); }
  });

  // MARK: - Help
  var helpOpener = null;
  function showHelp() {
    helpOpener = document.activeElement;
    help.hidden = false;
    help.querySelector("button").focus();
  }
  function hideHelp() {
    help.hidden = true;
    if (helpOpener && helpOpener.focus) helpOpener.focus();
  }
  figure.querySelector("[data-action=aide]").addEventListener("click", showHelp);
  help.querySelector("[data-action=fermer-aide]").addEventListener("click", hideHelp);

  // MARK: - Scores
  var fieldsets = form ? Array.prototype.slice.call(form.querySelectorAll("fieldset.criterion")) : [];
  if (form) {
    form.addEventListener("change", function (event) {
      dirty = true;
      var fieldset = event.target.closest && event.target.closest("fieldset.criterion");
      if (fieldset) lastCriterion = fieldset;
    });
    form.addEventListener("input", function () { dirty = true; });
    form.addEventListener("submit", function () { dirty = false; });
    form.addEventListener("focusin", function (event) {
      var fieldset = event.target.closest && event.target.closest("fieldset.criterion");
      if (fieldset) lastCriterion = fieldset;
    });
  }
  function setScore(digit) {
    var fieldset = lastCriterion || fieldsets[0];
    if (!fieldset) return false;
    var radio = fieldset.querySelector("input[type=radio][value='" + digit + "']");
    if (!radio || radio.disabled) return false;
    radio.checked = true;
    radio.dispatchEvent(new Event("change", { bubbles: true }));
    fieldset.querySelectorAll(".scale-option").forEach(function (label) {
      label.classList.toggle("chosen", label.contains(radio));
    });
    if (isOpen()) {
      status.textContent = fieldset.querySelector("legend").firstChild.textContent.trim() + "\u00a0: " + digit;
    } else {
      radio.focus();
    }
    return true;
  }

  // MARK: - Keys
  function isTyping(target) {
    if (!target || !target.tagName) return false;
    var tag = target.tagName.toLowerCase();
    if (tag === "textarea" || tag === "select" || target.isContentEditable) return true;
    return tag === "input" && ["radio", "checkbox", "button", "submit"].indexOf(target.type) < 0;
  }
  function go(rel) {
    var link = document.querySelector("a[rel=" + rel + "]");
    if (!link) return;
    if (dirty && !window.confirm("Vos notes sur cette affiche ne sont pas enregistrées. Changer d’affiche quand même\u00a0?")) return;
    window.location.href = link.getAttribute("href") + (isOpen() ? "#plein-ecran" : "");
  }
  document.addEventListener("keydown", function (event) {
    if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
    if (isTyping(event.target)) return;
    var key = event.key;
    if (key === "Escape") {
      if (!help.hidden) { hideHelp(); event.preventDefault(); }
      else if (isOpen()) { close(); event.preventDefault(); }
      return;
    }
    if (key === "?") { help.hidden ? showHelp() : hideHelp(); event.preventDefault(); return; }
    if (/^[0-9]$/.test(key)) { if (setScore(key)) event.preventDefault(); return; }
    var onRadio = event.target.type === "radio";
    if ((key === "ArrowLeft" || key === "ArrowRight") && (isOpen() || !onRadio)) {
      // On a score's radio buttons the arrows keep their own meaning: moving between values.
      go(key === "ArrowLeft" ? "prev" : "next");
      event.preventDefault();
      return;
    }
    if (key === "f" || key === "F") { isOpen() ? close() : open(true); event.preventDefault(); return; }
    if (isOpen() && (key === "+" || key === "=")) { zoomStep(1); event.preventDefault(); return; }
    if (isOpen() && (key === "-" || key === "_")) { zoomStep(-1); event.preventDefault(); }
  });

  // Coming from the previous or next poster in full screen: open the view again (the browser's own full screen
  // needs a click, so this is the overlay).
  if (location.hash === "#plein-ecran") open(false);
})();
