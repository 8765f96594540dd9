// Knotwise: the service worker, for reading without a connection.
//
// Served at /sw.js (never under /static/), with two lines put above this file
// by the server: BUILD, which changes whenever a static file or the offline
// page changes, and PRECACHE, the pages and files saved on install. The rules
// (ARCHITECTURE.md, "Offline reading"):
// - pages: network first; after TIMEOUT_MS, or when the network fails, the
//   saved copy, marked "Saved copy from <date>: you are offline";
// - a saved page is never shown after its next review date (the page's
//   <meta name="next-review">) nor more than MAX_AGE_DAYS after it was saved;
// - hashed static files: saved copy first (their content never changes);
// - never saved: anything but a 200 GET, anything sent no-store or private;
// - never answered from a save: NETWORK_ONLY (the self-check's steps, search,
//   metrics, probes); without a network they, and any page never saved, get
//   the offline page, never the browser's own error.
/* global BUILD, PRECACHE */
"use strict";

var CACHE = "knotwise-" + BUILD;
var OFFLINE_PAGE = "/offline";
var TIMEOUT_MS = 4000;
var MAX_AGE_DAYS = 30;
var DAY_MS = 24 * 60 * 60 * 1000;
var NETWORK_ONLY = ["/self-check", "/search", "/metrics", "/readyz", "/healthz"];
var HASHED = /^\/static\/[^/]+\.[0-9a-f]{16}\.[a-z]+$/;
var SAVED_AT = "X-Knotwise-Saved";
var EXPIRES = "X-Knotwise-Expires";

self.addEventListener("install", function (event) {
  event.waitUntil(
    caches
      .open(CACHE)
      .then(function (cache) {
        return Promise.all(
          PRECACHE.map(function (path) {
            return fetch(path, { cache: "no-cache" }).then(function (response) {
              if (!response.ok) throw new Error("could not save " + path + ": " + response.status);
              return save(cache, path, response);
            });
          })
        );
      })
      .then(function () {
        return self.skipWaiting();
      })
  );
});

// A new build's worker deletes every older build's saves: they may name
// stylesheets and icons the new build no longer has.
self.addEventListener("activate", function (event) {
  event.waitUntil(
    caches
      .keys()
      .then(function (names) {
        return Promise.all(
          names
            .filter(function (name) {
              return name.indexOf("knotwise-") === 0 && name !== CACHE;
            })
            .map(function (name) {
              return caches.delete(name);
            })
        );
      })
      .then(function () {
        return self.clients.claim();
      })
  );
});

self.addEventListener("fetch", function (event) {
  var request = event.request;
  var url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  var navigation = request.mode === "navigate";
  if (request.method !== "GET" || NETWORK_ONLY.indexOf(url.pathname) !== -1) {
    if (navigation) event.respondWith(fetch(request).catch(offlinePage));
    return;
  }
  if (navigation) {
    event.respondWith(page(event, url.pathname));
  } else if (HASHED.test(url.pathname)) {
    event.respondWith(staticFile(event, url.pathname));
  }
});

// Network first. A page that arrives is saved for later; the saved copy is
// shown when the network fails, or after TIMEOUT_MS if there is one.
function page(event, path) {
  var network = fetch(event.request);
  event.waitUntil(
    network
      .then(function (response) {
        if (!savable(response)) return undefined;
        var copy = response.clone();
        return caches.open(CACHE).then(function (cache) {
          return save(cache, path, copy);
        });
      })
      .catch(function () {})
  );
  return new Promise(function (resolve) {
    var done = false;
    function answer(response) {
      if (!done) {
        done = true;
        resolve(response);
      }
    }
    var timer = setTimeout(function () {
      savedCopy(path).then(function (copy) {
        if (copy) answer(copy);
      });
    }, TIMEOUT_MS);
    network.then(
      function (response) {
        clearTimeout(timer);
        answer(response);
      },
      function () {
        clearTimeout(timer);
        savedCopy(path).then(function (copy) {
          return copy || offlinePage();
        }).then(answer);
      }
    );
  });
}

function staticFile(event, path) {
  return caches.open(CACHE).then(function (cache) {
    return cache.match(path).then(function (hit) {
      if (hit) return hit;
      return fetch(event.request).then(function (response) {
        if (savable(response)) event.waitUntil(cache.put(path, response.clone()));
        return response;
      });
    });
  });
}

function savable(response) {
  var cacheControl = response.headers.get("Cache-Control") || "";
  return response.status === 200 && response.type === "basic" && !/no-store|private/.test(cacheControl);
}

// Saves a response under `path`. A page is saved with the time and the
// moment it expires, and not at all if it is already past its review date.
function save(cache, path, response) {
  var type = response.headers.get("Content-Type") || "";
  if (type.indexOf("text/html") !== 0) return cache.put(path, response);
  return response.text().then(function (html) {
    var now = Date.now();
    var expires = path === OFFLINE_PAGE ? Infinity : now + MAX_AGE_DAYS * DAY_MS;
    var review = /<meta name="next-review" content="(\d{4}-\d{2}-\d{2})">/.exec(html.slice(0, html.indexOf("</head>")));
    if (review) expires = Math.min(expires, Date.parse(review[1]));
    if (expires <= now) return cache.delete(path);
    var headers = new Headers(response.headers);
    ["Content-Encoding", "Content-Length", "Transfer-Encoding"].forEach(function (name) {
      headers.delete(name);
    });
    headers.set(SAVED_AT, String(now));
    headers.set(EXPIRES, String(expires));
    return cache.put(path, new Response(html, { status: 200, headers: headers }));
  });
}

// The saved copy of a page with the line that says it is one, or nothing if
// there is none or it has expired (then it is deleted).
function savedCopy(path) {
  return caches.open(CACHE).then(function (cache) {
    return cache.match(path).then(function (response) {
      if (!response || path === OFFLINE_PAGE) return response || null;
      if (!(Number(response.headers.get(EXPIRES)) > Date.now())) {
        return cache.delete(path).then(function () {
          return null;
        });
      }
      return response.text().then(function (html) {
        var saved = new Date(Number(response.headers.get(SAVED_AT)));
        var date = saved.toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric" });
        var line =
          '<p class="saved-copy" role="status"><strong>Saved copy from ' + date +
          ': you are offline.</strong> It may be out of date. <a href="' + OFFLINE_PAGE +
          '">How to get help without a connection</a></p>';
        return new Response(html.replace(/(<main\b[^>]*>)/, "$1" + line), {
          status: 200,
          headers: response.headers,
        });
      });
    });
  });
}

function offlinePage() {
  return caches.match(OFFLINE_PAGE, { cacheName: CACHE }).then(function (response) {
    return response || Response.error();
  });
}
