// Registers Lede's service worker (offline use) once the page is up, and offers a reload when a new
// version has been deployed. No network request is made on behalf of the user's text.
// First it sets the page's Trusted Types policy (the CSP requires Trusted Types, so a string can
// reach an HTML or script sink only through it): script URLs only for this site's analysis worker
// and service worker, HTML only for DOMParser (an inert document, for pasted HTML), nothing else.
if (window.trustedTypes && trustedTypes.createPolicy) {
  trustedTypes.createPolicy('default', {
    createScriptURL(url) {
      const u = new URL(url, location.href);
      return u.origin === location.origin && /\/(worker|sw)\.js$/.test(u.pathname) ? url : null;
    },
    createHTML: (html, _type, sink) => (sink === 'DOMParser parseFromString' ? html : null),
  });
}

(() => {
  if (!('serviceWorker' in navigator) || location.protocol === 'file:') return;

  function showUpdate(worker) {
    if (document.getElementById('lede-update')) return;
    const bar = document.createElement('div');
    bar.id = 'lede-update';
    bar.className = 'update-bar';
    bar.setAttribute('role', 'status');
    const text = document.createElement('span');
    text.textContent = 'A new version of Lede is available.';
    const button = document.createElement('button');
    button.type = 'button';
    button.textContent = 'Reload';
    button.addEventListener('click', () => worker.postMessage('skip-waiting'));
    bar.append(text, button);
    document.body.append(bar);
  }

  // Registered once the page has shown its first analysis (the app fires `lede-ready`), or 10 s
  // after load if it never does: installing precaches the whole build (a few MB read and stored),
  // which would otherwise compete with the page's own start-up for the CPU.
  let registered = false;
  async function register() {
    if (registered) return;
    registered = true;
    try {
      const reg = await navigator.serviceWorker.register('./sw.js');
      if (reg.waiting && navigator.serviceWorker.controller) showUpdate(reg.waiting);
      reg.addEventListener('updatefound', () => {
        const fresh = reg.installing;
        if (!fresh) return;
        fresh.addEventListener('statechange', () => {
          if (fresh.state === 'installed' && navigator.serviceWorker.controller) showUpdate(fresh);
        });
      });
      let reloading = false;
      navigator.serviceWorker.addEventListener('controllerchange', () => {
        if (reloading || !document.getElementById('lede-update')) return;
        reloading = true;
        location.reload();
      });
    } catch (err) {
      console.warn('Lede: offline mode is not available:', err);
    }
  }
  window.addEventListener('lede-ready', register, { once: true });
  window.addEventListener('load', () => setTimeout(register, 10000), { once: true });
})();
