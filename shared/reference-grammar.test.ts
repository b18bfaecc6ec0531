import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
// The library's own expression (the one that backtracks), only to compare languages on short inputs.
import { referenceRegexp } from '@swimlane/docker-reference/lib/regexp';
import { REFERENCE } from './reference-grammar';
import { parseReference } from './reference';
import { SERVICE_NAME, ServiceName } from './swarm-service-spec';

/** Inputs that took seconds to minutes each before the guard (the review of issue 16, finding 15). */
const PATHOLOGICAL = [
  'bitnami/postgresql-repmgr:',
  'grafana/grafana-enterprise:',
  'docker.elastic.co/elasticsearch/elasticsearch:',
  'mycompanyname/backendservice:',
  `${'a'.repeat(60)}!`,
  `${'a'.repeat(200)}/${'b'.repeat(200)}:`,
  'myapp:v1.2.3 x',
];

describe('the reference grammar guard', () => {
  it.each(PATHOLOGICAL)('refuses %s with the grammar message, at once (before: exponential backtracking)', (s) => {
    expect(parseReference(s)).toEqual({ ok: false, error: expect.stringMatching(/^invalid reference format/) as unknown as string });
  });

  it('accepts exactly what the library accepts (random short qualified names over the grammar’s alphabet)', () => {
    const alphabet = fc.constantFrom(...'ab0Z._-_/:@'.split(''));
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 12 }), (chars) => {
        const s = `docker.io/${chars.join('')}`;
        expect(REFERENCE.test(s), s).toBe(referenceRegexp.test(s));
      }),
      { numRuns: 3000 },
    );
  });

  it('still parses real references as the CLI does', () => {
    const ok = (s: string) => {
      const r = parseReference(s);
      return r.ok ? [r.reference.registry, r.reference.repository, r.reference.tag, r.reference.digest] : r.error;
    };
    expect(ok('bitnami/postgresql-repmgr:16')).toEqual(['docker.io', 'bitnami/postgresql-repmgr', '16', undefined]);
    expect(ok('docker.elastic.co/elasticsearch/elasticsearch:8.15.0')).toEqual(['docker.elastic.co', 'elasticsearch/elasticsearch', '8.15.0', undefined]);
    expect(ok('localhost:5000/a__b/c---d.e:t')).toEqual(['localhost:5000', 'a__b/c---d.e', 't', undefined]);
    expect(ok(`busybox@sha256:${'a'.repeat(64)}`)).toEqual(['docker.io', 'library/busybox', undefined, `sha256:${'a'.repeat(64)}`]);
    expect(ok('Busybox')).toBe('invalid reference format: repository name must be lowercase');
    expect(ok('ghcr.io/Owner/app')).toBe('invalid reference format: repository name must be lowercase');
  });
});

describe('the service name pattern', () => {
  const FORMER = /^[a-zA-Z0-9](?:[-_]*[A-Za-z0-9]+)*$/;

  it('refuses a long name ending in a dot at once (before: exponential backtracking, in the page and in zod)', () => {
    expect(SERVICE_NAME.test(`${'frontendproductionserviceapiversion2'.repeat(2)}.`)).toBe(false);
    expect(ServiceName.safeParse(`${'a'.repeat(70)}!`).success).toBe(false);
  });

  it('accepts exactly the former language (random short names)', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...'aZ9-_.'.split('')), { maxLength: 14 }), (chars) => {
        const s = chars.join('');
        expect(SERVICE_NAME.test(s), s).toBe(FORMER.test(s));
      }),
      { numRuns: 3000 },
    );
  });
});
