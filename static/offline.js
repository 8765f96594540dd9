// Knotwise: installs the service worker (/sw.js) that saves pages for
// reading without a connection. Without JavaScript, or in a browser without
// service workers, nothing changes. Only the pages of a site served with
// `--offline on` (the default) load this file.
(function () {
  "use strict";
  if (!("serviceWorker" in navigator)) return;
  navigator.serviceWorker.register("/sw.js").catch(function () {
    // The site works as before; only offline reading is missing.
  });
})();
