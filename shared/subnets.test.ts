import { describe, expect, it } from 'vitest';
import { overlappingSubnet, unusableSubnet } from './subnets';

const ov1 = { name: 'ov1', subnet: '10.30.0.0/24' };
const ingress = { name: 'ingress', subnet: '10.0.0.0/24' };

describe('overlappingSubnet', () => {
  it('finds the same block, a block inside, and a block around', () => {
    expect(overlappingSubnet('10.30.0.0/24', [ingress, ov1])).toEqual(ov1);
    expect(overlappingSubnet('10.30.0.128/25', [ingress, ov1])).toEqual(ov1);
    expect(overlappingSubnet('10.0.0.0/8', [ov1])).toEqual(ov1);
  });

  it('takes a subnet written from a host address as its block (10.30.0.77/24 is 10.30.0.0/24)', () => {
    expect(overlappingSubnet('10.30.0.77/24', [ov1])).toEqual(ov1);
  });

  it('passes neighbours and texts that are no IPv4 CIDR', () => {
    expect(overlappingSubnet('10.30.1.0/24', [ingress, ov1])).toBeUndefined();
    expect(overlappingSubnet('10.29.255.0/24', [ov1])).toBeUndefined();
    expect(overlappingSubnet('not-a-subnet', [ov1])).toBeUndefined();
    expect(overlappingSubnet('10.30.0.0/24', [{ name: 'v6', subnet: 'fd00::/64' }])).toBeUndefined();
  });
});

describe('unusableSubnet', () => {
  it('refuses blocks smaller than a /29 and a gateway at the network or broadcast address or outside', () => {
    expect(unusableSubnet('10.90.0.1/32')).toMatch(/^a \/32 holds no room/);
    expect(unusableSubnet('10.92.0.0/31')).toMatch(/^a \/31 holds no room/);
    expect(unusableSubnet('10.91.0.0/24', '10.91.0.0')).toBe("gateway 10.91.0.0 is 10.91.0.0/24's network address: choose one inside it, e.g. 10.91.0.1");
    expect(unusableSubnet('10.91.0.0/24', '10.91.0.255')).toMatch(/broadcast address/);
    expect(unusableSubnet('10.91.0.0/24', '10.92.0.1')).toBe('gateway 10.92.0.1 is not in 10.91.0.0/24');
  });

  it('takes usable blocks and gateways', () => {
    expect(unusableSubnet('10.91.0.0/29')).toBeNull();
    expect(unusableSubnet('10.91.0.0/24', '10.91.0.1')).toBeNull();
    expect(unusableSubnet('10.91.0.0/24', '10.91.0.254')).toBeNull();
  });
});
