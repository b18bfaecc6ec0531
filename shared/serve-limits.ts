/**
 * The serve-mode link's limits, in a module of their own without zod: the page's link (renderer/client/ws-link.ts)
 * needs them before anything else, and importing them from the contract would build every schema first.
 */

/**
 * The largest message a serve-mode client may send, bytes (the server closes with 1009 above it). The contract's
 * largest arguments must fit: a swarm config (swarm's limit, 1000 KiB, is 1.33 MB in base64), Kubernetes YAML
 * (1 MiB, more once JSON-escaped). The page refuses a bigger call before sending it (renderer/client/ws-link.ts).
 */
export const SERVE_MESSAGE_MAX_BYTES = 4 << 20;

/** The close code of a serve-mode WebSocket that did not authenticate (no, a wrong or a late token). */
export const UNAUTHORIZED_CLOSE = 4401;
