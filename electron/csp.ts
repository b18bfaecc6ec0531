/**
 * The Content-Security-Policy of every Berth page, in Electron (app:// protocol) and in serve mode:
 * scripts, styles and connections only from Berth's own origin; no plugins, no framing, no forms.
 */
export const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
