// 打印本页: the button exists only where JavaScript runs; the browser's own print uses the same print stylesheet.
for (const button of document.querySelectorAll("[data-print]")) {
  button.hidden = false;
  button.addEventListener("click", () => window.print());
}
