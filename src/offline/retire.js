// Knotwise: the worker served at /sw.js when the site runs with
// `--offline off` (and always in watch mode). A browser that installed the
// offline worker fetches this on its next visit; it deletes every saved
// page and file and unregisters itself, so nothing is served from a save again.
"use strict";

self.addEventListener("install", function () {
  self.skipWaiting();
});

self.addEventListener("activate", function (event) {
  event.waitUntil(
    caches
      .keys()
      .then(function (names) {
        return Promise.all(
          names
            .filter(function (name) {
              return name.indexOf("knotwise-") === 0;
            })
            .map(function (name) {
              return caches.delete(name);
            })
        );
      })
      .then(function () {
        return self.registration.unregister();
      })
  );
});
