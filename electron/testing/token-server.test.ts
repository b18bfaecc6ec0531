// The test token server's access decisions (distribution docs/spec/auth/token.md: the intersection of
// what is asked and what the ACL allows, never an error) and scope parsing (docs/spec/auth/scope.md).
import { describe, expect, it } from 'vitest';
import { grant, parseScope, type AclRule } from './token-server';

const acl: AclRule[] = [
  { user: 'berth', type: 'repository', name: 'berth/*', actions: ['pull', 'push'] },
  { user: 'berth', type: 'repository', name: 'group/subgroup/project/*', actions: ['pull', 'push'] },
  { user: 'reader', type: 'repository', name: 'berth/app', actions: ['pull'] },
  { user: 'berth', type: 'registry', name: 'catalog', actions: ['*'] },
];

describe('parseScope', () => {
  it('splits type, name and actions, the name keeping its colons', () => {
    expect(parseScope('repository:berth/app:pull,push')).toEqual({ type: 'repository', name: 'berth/app', actions: ['pull', 'push'] });
    expect(parseScope('repository:localhost:5000/app:pull')).toEqual({ type: 'repository', name: 'localhost:5000/app', actions: ['pull'] });
    expect(parseScope('registry:catalog:*')).toEqual({ type: 'registry', name: 'catalog', actions: ['*'] });
  });
  it('refuses what is not type:name:actions', () => {
    for (const s of ['', 'repository', 'repository:app', ':app:pull', 'repository::pull', 'repository:app:']) expect(parseScope(s), s).toBeNull();
  });
});

describe('grant', () => {
  const want = (s: string) => [parseScope(s)!];
  it('gives the intersection of the request and the rules, nested paths included', () => {
    expect(grant(acl, 'berth', want('repository:berth/a/b:pull,push,delete'), false)).toEqual([{ type: 'repository', name: 'berth/a/b', actions: ['pull', 'push'] }]);
    expect(grant(acl, 'berth', want('repository:group/subgroup/project/image:push'), false)).toEqual(want('repository:group/subgroup/project/image:push'));
    expect(grant(acl, 'reader', want('repository:berth/app:pull,push'), false)).toEqual([{ type: 'repository', name: 'berth/app', actions: ['pull'] }]);
  });
  it('gives nothing (not an error) outside the rules', () => {
    expect(grant(acl, 'berth', want('repository:other/app:pull'), false)).toEqual([]);
    expect(grant(acl, 'berth', want('repository:berthx/app:pull'), false)).toEqual([]);
    expect(grant(acl, 'nobody', want('repository:berth/app:pull'), false)).toEqual([]);
    expect(grant(acl, 'reader', want('repository:berth/app:*'), false)).toEqual([]);
  });
  it('grants the catalog only when configured', () => {
    expect(grant(acl, 'berth', want('registry:catalog:*'), false)).toEqual([]);
    expect(grant(acl, 'berth', want('registry:catalog:*'), true)).toEqual(want('registry:catalog:*'));
    expect(grant(acl, 'reader', want('registry:catalog:*'), true)).toEqual([]);
  });
});
