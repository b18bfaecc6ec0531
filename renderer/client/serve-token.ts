/**
 * Serve mode's token on the page: `npm run serve` prints `http://127.0.0.1:P/#token=TOKEN`. The fragment
 * never reaches a server nor a Referer; the page takes the token from it at once, removes it from the
 * address bar (history.replaceState) and keeps it in sessionStorage, which is this tab's alone: a reload
 * keeps working, another tab opened with the bare URL has no token. The WebSocket link sends it as its
 * first message (ws-link.ts).
 */

const KEY = 'berth.token';
const FRAGMENT = /^#token=([^&#]*)/;

/** The token from `#token=…` (then dropped from the address bar), else this tab's stored one, else ''. */
export function takeServeToken(): string {
  // A token URL pasted into a tab already on this page only changes the fragment: start again with it.
  window.addEventListener('hashchange', () => {
    if (FRAGMENT.test(window.location.hash)) window.location.reload();
  });
  const m = FRAGMENT.exec(window.location.hash);
  if (!m) return sessionStorage.getItem(KEY) ?? '';
  let token = '';
  try {
    token = decodeURIComponent(m[1]);
  } catch {
    // A malformed %-escape: no token (the page says how to get in).
  }
  sessionStorage.setItem(KEY, token);
  window.history.replaceState(null, '', window.location.pathname + window.location.search);
  return token;
}
