// Watch mode only (`knotwise serve --watch`): reloads the page after each
// rebuild, keeping the scroll position. Production pages never load this.
(function () {
  "use strict";
  var key = "knotwise-scroll " + location.pathname;
  var meta = document.querySelector('meta[name="knotwise-build"]');
  var build = meta ? meta.getAttribute("content") : "";
  var saved = sessionStorage.getItem(key);
  if (saved !== null) {
    sessionStorage.removeItem(key);
    window.scrollTo(0, Number(saved));
  }
  if (!window.EventSource) {
    return;
  }
  // The first message is the current build: a page built before the last
  // rebuild reloads at once; later messages are new builds.
  var events = new EventSource("/_knotwise/events");
  events.onopen = function () {
    document.documentElement.setAttribute("data-live-reload", "listening");
  };
  events.onmessage = function (event) {
    if (event.data !== build) {
      sessionStorage.setItem(key, String(window.scrollY));
      location.reload();
    }
  };
})();
