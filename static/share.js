// Knotwise: the "Share this page" control on articles.
//
// The page already has a plain link to itself (in #share), which works with
// no JavaScript. This script replaces it with one button: "Share this page"
// where the browser can share (the Web Share API), or "Copy link" where it can
// copy to the clipboard. "Link copied" and errors are said in the status line,
// which screen readers announce. Where neither API exists, nothing changes.
(function () {
  "use strict";

  var box = document.getElementById("share");
  if (!box) return;
  var line = box.querySelector(".share-fallback");
  var link = box.querySelector(".share-url");
  var status = box.querySelector(".share-status");
  if (!line || !link || !status) return;

  var nav = window.navigator;
  var canShare = typeof nav.share === "function";
  var canCopy = !!nav.clipboard && typeof nav.clipboard.writeText === "function";
  if (!canShare && !canCopy) return;

  var url = link.href;
  var heading = document.querySelector("h1");
  var title = heading ? heading.textContent : document.title;

  function say(text) {
    status.textContent = text;
  }

  function failed() {
    say("Copying did not work. The link is " + url);
  }

  function copy() {
    try {
      nav.clipboard.writeText(url).then(function () {
        say("Link copied");
      }, failed);
    } catch (error) {
      failed();
    }
  }

  function share() {
    try {
      nav.share({ title: title, url: url }).catch(function (error) {
        // The reader closed the share sheet: nothing went wrong.
        if (error && error.name === "AbortError") return;
        if (canCopy) copy(); else failed();
      });
    } catch (error) {
      if (canCopy) copy(); else failed();
    }
  }

  var button = document.createElement("button");
  button.type = "button";
  button.className = "button share-button";
  button.textContent = canShare ? "Share this page" : "Copy link to this page";
  button.addEventListener("click", function () {
    say("");
    if (canShare) share(); else copy();
  });
  line.textContent = "";
  line.appendChild(button);
})();
