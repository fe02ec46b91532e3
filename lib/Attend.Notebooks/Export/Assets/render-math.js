// Typesets the math of an exported page with the KaTeX copy beside it (no network needed).
// Markdig writes $x$ as <span class="math">\(x\)</span> and $$x$$ as <div class="math">\[x\]</div>;
// only those elements are searched, so a "\(" in an output or a code block stays as it is.
document.addEventListener("DOMContentLoaded", function () {
  var options = {
    delimiters: [
      { left: "\\[", right: "\\]", display: true },
      { left: "\\(", right: "\\)", display: false },
    ],
    // Bad TeX shows in red where it stands instead of stopping the page.
    throwOnError: false,
  };
  document.querySelectorAll(".math").forEach(function (element) {
    renderMathInElement(element, options);
  });
});
