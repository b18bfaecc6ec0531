/**
 * Swarm logs, shells and membership (issue #16): a service's logs merged from every node, a shell into a task's
 * container on its node's engine, and init / join / leave for the engine in use with the join tokens of a
 * manager. Methods in shared/swarm-api.ts; the engine's rules are moby's (`/services/{id}/logs`, `/swarm/init`,
 * `/swarm/join`, `/swarm/leave`, `/swarm` JoinTokens).
 */
import ipaddr from 'ipaddr.js';
import { z } from 'zod';
import { AbsolutePath } from './images';
import { TerminalSize } from './run';
import { SessionInfo } from './sessions';
import { SwarmRef } from './swarm';

/**
 * A swarm address as `docker swarm init --advertise-addr` / `join HOST:PORT` take it: a hostname, an IPv4
 * address or an `[IPv6]` address (or, for advertise/listen, an interface name such as `eth0`), then an optional
 * `:port` (1–65535; the engine's default is 2377).
 */
export const SwarmAddress = z
  .string()
  .min(1)
  .max(261)
  .regex(/^(?:[A-Za-z0-9](?:[A-Za-z0-9.-]{0,251}[A-Za-z0-9])?|\[[0-9A-Fa-f:.]{2,45}\])(?::\d{1,5})?$/, 'expected host[:port], e.g. 10.0.0.1:2377')
  .refine((s) => {
    const port = /:(\d{1,5})$/.exec(s.replace(/^\[[^\]]*\]/, ''));
    return !port || (Number(port[1]) >= 1 && Number(port[1]) <= 65535);
  }, 'the port must be 1–65535')
  // Digits and dots are an IPv4 address, not a hostname (`999.1.1.1` was taken as one); brackets hold IPv6 (ipaddr.js);
  // anything else is a host (or interface) name of RFC 1123 labels (zod's hostname pattern: `host-.example` was taken).
  .refine((s) => {
    const host = hostOf(s);
    if (s.startsWith('[')) return ipaddr.IPv6.isValid(host);
    return !/^[\d.]+$/.test(host) || ipaddr.IPv4.isValidFourPartDecimal(host);
  }, 'not an IP address: four numbers 0–255 (e.g. 10.0.0.1), an IPv6 address in brackets, or a host name')
  .refine((s) => s.startsWith('[') || /^[\d.]+$/.test(hostOf(s)) || z.regexes.hostname.test(hostOf(s)), 'not a host name: labels of letters, digits and inner hyphens (63 at most), joined by single dots, e.g. manager-1.example');

/** The host of a `host[:port]` or `[IPv6][:port]` address. */
function hostOf(s: string): string {
  return s.startsWith('[') ? s.slice(1, s.indexOf(']')) : s.replace(/:\d{1,5}$/, '');
}

/** A swarm join token (`docker swarm join-token`): `SWMTKN-1-<cluster hash>-<secret>`, lower case. */
export const JoinToken = z
  .string()
  .max(200)
  .regex(/^SWMTKN-1-[a-z0-9-]+$/, 'a join token starts with SWMTKN-1- (docker swarm join-token worker prints it on a manager)');

/** `docker swarm init [--advertise-addr A] [--listen-addr L]`. */
export const SwarmInitArgs = z.object({ advertiseAddr: SwarmAddress.optional(), listenAddr: SwarmAddress.optional() }).strict();
/** `docker swarm join --token T [--advertise-addr A] MANAGER[:PORT]`. */
export const SwarmJoinArgs = z.object({ remoteAddr: SwarmAddress, joinToken: JoinToken, advertiseAddr: SwarmAddress.optional() }).strict();
/** `docker swarm leave [--force]`: a manager must force (it may break the swarm's quorum). */
export const SwarmLeaveArgs = z.object({ force: z.boolean() }).strict();

/** A manager's join tokens and the address the join commands name (`docker swarm join-token worker|manager`). */
export const SwarmJoinTokens = z.object({
  worker: z.string(),
  manager: z.string(),
  /** This manager's address, `host:port`, as `docker swarm join-token` prints it. */
  address: z.string(),
});
export type SwarmJoinTokens = z.infer<typeof SwarmJoinTokens>;

/** `docker service logs [-f] [--tail N] [--since T] SERVICE` (ID or name): lines on the `logs` topic. */
export const ServiceLogsArgs = z
  .object({
    service: SwarmRef,
    /** Last N lines of each task, or all. */
    tail: z.union([z.number().int().min(0).max(10_000_000), z.literal('all')]),
    /** Only lines since this time, ms since the epoch. */
    since: z.number().int().min(0).optional(),
    follow: z.boolean(),
  })
  .strict();
export type ServiceLogsArgs = z.infer<typeof ServiceLogsArgs>;

/** `docker service logs SERVICE > PATH`, each line prefixed `name.slot@node | `. */
export const ServiceLogsSaveArgs = z.object({ service: SwarmRef, path: AbsolutePath, timestamps: z.boolean(), overwrite: z.boolean().optional() }).strict();
export type ServiceLogsSaveArgs = z.infer<typeof ServiceLogsSaveArgs>;

/** A swarm task's ID (moby: 25 lower-case alphanumerics). */
export const TaskId = z.string().regex(/^[a-z0-9]{1,64}$/, 'a task ID');

/** `swarm.taskShell`: a shell (sh, with a TTY) in a running task's container. */
export const TaskShellArgs = z.object({ task: TaskId, size: TerminalSize }).strict();

/**
 * The answer of `swarm.taskShell`: the session opened (on the engine in use, or on the known engine that is the
 * task's node), or the node to add to Berth's engines first (`addNode`, with a readable `message`).
 */
export const TaskShellResult = z.union([
  z.object({ session: SessionInfo, engine: z.string() }).strict(),
  z.object({ addNode: z.object({ nodeId: z.string(), hostname: z.string(), address: z.string(), message: z.string() }).strict() }).strict(),
]);
export type TaskShellResult = z.infer<typeof TaskShellResult>;

/** Hide every join token in `text` (error messages may quote what was sent). */
export function hideTokens(text: string): string {
  return text.replace(/SWMTKN-1-[A-Za-z0-9-]+/g, 'SWMTKN-1-…');
}

/** The CLI command a node runs to join (`docker swarm join-token` prints it). */
export function joinCommand(token: string, address: string): string {
  return `docker swarm join --token ${token} ${address}`;
}
