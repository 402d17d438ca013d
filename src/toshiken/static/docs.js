// Swagger UI over the server-rendered endpoint table of /docs (no inline script: the CSP forbids it).
// The page gives the title, the h1 and the OpenAPI link itself, so Swagger's own info block (a
// second h1, low-contrast version stamps) is left out: the headings go h1 > h2 > Swagger's h3 tags.
(function () {
  var node = document.getElementById("swagger-ui");
  if (!node || typeof SwaggerUIBundle !== "function") return;
  var withoutInfo = function () {
    return { wrapComponents: { InfoContainer: function () { return function () { return null; }; } } };
  };
  node.textContent = "";
  SwaggerUIBundle({
    url: node.getAttribute("data-url"), domNode: node, deepLinking: false, plugins: [withoutInfo]
  });
  // What "Try it out" adds: name the parameter selects after their parameter, let the keyboard
  // reach the scrolling response bodies.
  var label = function () {
    node.querySelectorAll("tr[data-param-name] select:not([aria-label])").forEach(function (s) {
      s.setAttribute("aria-label", s.closest("tr").getAttribute("data-param-name"));
    });
    node.querySelectorAll(".highlight-code > pre:not([tabindex])").forEach(function (pre) {
      pre.setAttribute("tabindex", "0");
    });
  };
  new MutationObserver(label).observe(node, { childList: true, subtree: true });
})();
