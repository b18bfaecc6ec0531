/**
 * The Docker reference grammar as one anchored regular expression that runs in linear time on any input,
 * a guard in front of @swimlane/docker-reference (reference.ts).
 *
 * That library (2.0.1) builds the grammar of distribution/reference's regexp.go as it was before
 * distribution PR #3818 (Dec 2022): the separator between the alphanumeric runs of a path component was
 * `(?:[._]|__|[-]*)`, which matches the empty string, so a component became `[a-z0-9]+(?:(?:[a-z0-9]+))*`
 * in effect, and a JavaScript engine (backtracking, unlike Go's RE2) tries every split of a long run of
 * letters that then fails: `bitnami/postgresql-repmgr:` (what everyone types on the way to a tag) took
 * seconds, `docker.elastic.co/elasticsearch/elasticsearch:` over a minute, blocking the page or the whole
 * Node process. PR #3818 made the separator `[-]+`. The language is the same (an empty separator only
 * joins two runs into one run), so this expression accepts exactly what the library's does; each of its
 * repetitions is anchored by a character the repeated part cannot start with, so nothing is tried twice.
 */

const alphaNumeric = '[a-z0-9]+';
const separator = '(?:[._]|__|[-]+)';
const pathComponent = `${alphaNumeric}(?:${separator}${alphaNumeric})*`;
const domainComponent = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const domain = `${domainComponent}(?:\\.${domainComponent})*(?::[0-9]+)?`;
const name = `(?:${domain}/)?${pathComponent}(?:/${pathComponent})*`;
const tag = '[\\w][\\w.-]{0,127}';
const digest = '[a-zA-Z][a-zA-Z0-9]*(?:[-_+.][a-zA-Z][a-zA-Z0-9]*)*[:][a-fA-F0-9]{32,}';

/** `name[:tag][@digest]`, anchored: distribution/reference's ReferenceRegexp (after PR #3818). */
export const REFERENCE = new RegExp(`^(?:${name})(?::${tag})?(?:@${digest})?$`);
