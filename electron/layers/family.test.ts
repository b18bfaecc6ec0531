import { describe, expect, it } from 'vitest';
import { familyTree, type ImageLayers } from './family';

const img = (id: string, layers: string[], created = 0): ImageLayers => ({ id, repoTags: [`${id}:latest`], layers, size: layers.length * 10, created });

describe('familyTree', () => {
  it('chains images by the longest proper layer prefix', () => {
    const nodes = familyTree([
      img('my-app', ['a', 'b', 'c', 'd']),
      img('debian', ['a']),
      img('python', ['a', 'b', 'c']),
      img('other', ['x', 'y']),
    ]);
    const parent = Object.fromEntries(nodes.map((n) => [n.id, n.parent ?? null]));
    expect(parent).toEqual({ 'my-app': 'python', debian: null, python: 'debian', other: null });
    expect(nodes.find((n) => n.id === 'my-app')).toMatchObject({ sharedLayers: 3, layerCount: 4 });
  });

  it('makes images with identical layers siblings, naming each other', () => {
    const nodes = familyTree([img('base', ['a']), img('cfg1', ['a', 'b'], 1), img('cfg2', ['a', 'b'], 2), img('child', ['a', 'b', 'c'])]);
    expect(nodes.find((n) => n.id === 'cfg2')).toMatchObject({ parent: 'base', sameLayersAs: ['cfg1'] });
    // Of two equal bases, the older one is the parent.
    expect(nodes.find((n) => n.id === 'child')?.parent).toBe('cfg1');
  });
});
