// Swagger UI over the server-rendered endpoint table of /docs (no inline script: the CSP forbids it).
(function () {
  var node = document.getElementById("swagger-ui");
  if (!node || typeof SwaggerUIBundle !== "function") return;
  node.textContent = "";
  SwaggerUIBundle({ url: node.getAttribute("data-url"), domNode: node, deepLinking: false });
})();
