/**
 * The Content-Security-Policy of every Berth page, in Electron (app:// protocol) and in serve mode:
 * scripts, styles and connections only from Berth's own origin; no plugins, no framing, no forms.
 * Styles also allow inline `<style>` elements: xterm.js 6 injects its theme and cell-size rules that way
 * (no nonce support). Scripts stay strictly same-origin.
 */
export const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
