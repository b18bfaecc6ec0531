// Unit: the contract's swarm addresses and join tokens, and hiding tokens from text.
import { describe, expect, it } from 'vitest';
import { hideTokens, JoinToken, SwarmAddress } from './swarm-ops';
import { SwarmNodeUpdateArgs } from './swarm-objects';

describe('swarm membership arguments', () => {
  it('takes host[:port] addresses and SWMTKN-1 tokens only', () => {
    for (const ok of ['10.0.0.1', '10.0.0.1:2377', 'manager.example', 'eth0', '[fe80::1]:2377', '0.0.0.0:2377', '255.255.255.255', 'node-1.local']) expect(SwarmAddress.safeParse(ok).success, ok).toBe(true);
    for (const bad of ['', 'tcp://10.0.0.1:2377', '10.0.0.1:99999', '10.0.0.1:0', 'a b', 'x/../y', '-h', 'a:b:c', '999.1.1.1', '10.0.0.1.5:2377', '10.0.0', '[fe80::zz]:2377', '[1.2.3.4]', 'host-.example', 'a..b', '-a.example:2377', `${'x'.repeat(64)}.example`]) expect(SwarmAddress.safeParse(bad).success, bad).toBe(false);
    expect(JoinToken.safeParse('SWMTKN-1-3pu6hszjas19xyp7ghgosyx9k8atbfcr8p2is99znpy26u2lkl-1awxwuwd3z9j1z3puu7rcgdbx').success).toBe(true);
    for (const bad of ['SWMTKN-2-abc', 'swmtkn-1-abc', 'SWMTKN-1-ABC', `SWMTKN-1-${'a'.repeat(300)}`, 'SWMTKN-1-a b', '']) expect(JoinToken.safeParse(bad).success, bad).toBe(false);
  });

  it('says a bad host name is a bad host name, and a bad number a bad IP address (review 27, F2)', () => {
    const message = (v: string) => SwarmAddress.safeParse(v).error?.issues[0]?.message ?? '';
    for (const v of ['host-.example', 'a..b:2377']) expect(message(v), v).toMatch(/^not a host name: /);
    for (const v of ['10.0.0.300', '999.1.1.1:2377']) expect(message(v), v).toMatch(/^not an IP address: /);
  });

  it('hides every token in a message', () => {
    expect(hideTokens('join failed for SWMTKN-1-abc-def: bad, and SWMTKN-1-XYZ-1')).toBe('join failed for SWMTKN-1-…: bad, and SWMTKN-1-…');
  });
});

describe('swarm label keys', () => {
  it('refuse control characters (a NUL was stored on a node), spaces and =, and take dotted keys', () => {
    for (const key of ['k\0', 'a\u0007b', 'a b', 'a=b', '']) expect(SwarmNodeUpdateArgs.safeParse({ node: 'n1', labelsAdd: { [key]: 'v' } }).success, JSON.stringify(key)).toBe(false);
    expect(SwarmNodeUpdateArgs.safeParse({ node: 'n1', labelsAdd: { 'com.example.zone': 'eu' } }).success).toBe(true);
  });
});
