// Runs inside the explanation webview: turns clicks on object links into messages for the extension.
(function () {
  const vscode = acquireVsCodeApi();
  document.addEventListener('click', (event) => {
    const link = event.target instanceof Element ? event.target.closest('a.object-link') : null;
    if (!link) return;
    event.preventDefault();
    vscode.postMessage({ command: 'reveal', kind: link.getAttribute('data-kind'), name: link.getAttribute('data-name') });
  });
  // Tells the extension the page loaded and its one allowed script runs (the e2e tests wait for it).
  vscode.postMessage({ command: 'ready' });
})();
