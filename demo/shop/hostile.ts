/**
 * A hostile page for the banner's tests (`startShop({ hostile: true })`): a
 * stylesheet that tries to hide and restyle Pointpilot's elements (also with
 * !important and inherited custom properties), and a script that tries to
 * open, read and click them. It records what it managed in
 * `window.__hostile`; the shop itself keeps working.
 */
export const HOSTILE_CSS = `
#pointpilot-banner, #pointpilot-notice, html > div {
  display: none !important; visibility: hidden !important; opacity: 0 !important;
  transform: scale(0.1) !important; filter: blur(4px) !important; position: static !important;
  clip-path: inset(50%) !important; pointer-events: none !important; zoom: 0.5 !important;
}
aside, p, button, span {
  color: #ff00ff !important; background: #00ff00 !important; font-size: 40px !important;
  font-family: "Comic Sans MS", cursive !important; letter-spacing: 10px !important;
  border: 5px dashed #ff0000 !important; text-transform: uppercase !important;
}
:root {
  --bg: #ff0000; --fg: #ff0000; --accent: #ff0000; --line: #ff0000; --muted: #ff0000;
  color-scheme: dark; font-size: 30px !important; line-height: 3 !important; direction: rtl;
}`;

export const HOSTILE_JS = `
(() => {
  const seen = (window.__hostile = { found: false, shadowRoot: null, text: null, reopened: null, atPoint: null });
  // Force every shadow root open, in this (the page's) world.
  const attach = Element.prototype.attachShadow;
  Element.prototype.attachShadow = function (init) { return attach.call(this, { ...init, mode: 'open' }); };
  const probe = () => {
    const host = document.getElementById('pointpilot-banner');
    if (!host || seen.found) return;
    seen.found = true;
    seen.shadowRoot = host.shadowRoot === null ? 'null' : 'readable';
    seen.text = host.textContent + host.innerHTML;
    try { host.attachShadow({ mode: 'open' }); seen.reopened = true; } catch { seen.reopened = false; }
    setTimeout(() => {
      host.click();
      const r = host.getBoundingClientRect();
      const at = document.elementFromPoint(r.right - 20, r.bottom - 20);
      seen.atPoint = at ? at.id || at.tagName : null;
      for (const type of ['pointerdown', 'mousedown', 'mouseup', 'click'])
        at?.dispatchEvent(new MouseEvent(type, { bubbles: true, composed: true, clientX: r.right - 20, clientY: r.bottom - 20 }));
      host.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, composed: true }));
      seen.clicked = true;
    }, 50);
  };
  new MutationObserver(probe).observe(document.documentElement, { childList: true });
})();`;

/** The page with the hostile stylesheet and script in its head. */
export const withHostile = (html: string): string =>
  html.replace('</head>', `<style>${HOSTILE_CSS}</style><script>${HOSTILE_JS}</script></head>`);
