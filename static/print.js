// Knotwise: the "Print or save this summary" button on a self-check result.
//
// The page already says how to print with the browser's own Print command,
// which works with no JavaScript. This script adds a button that opens the
// print dialogue (where "Save as PDF" is one of the printers). Nothing is
// stored or sent anywhere.
(function () {
  "use strict";

  var box = document.getElementById("print-summary");
  if (!box || typeof window.print !== "function") return;
  var button = document.createElement("button");
  button.type = "button";
  button.className = "button button-secondary";
  button.id = "print-button";
  button.textContent = "Print or save this summary";
  button.addEventListener("click", function () {
    window.print();
  });
  box.appendChild(button);
})();
