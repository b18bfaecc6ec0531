/** Progress of layer analyses, by image reference, fed by the `layers.progress` topic. */
import { create } from 'zustand';
import type { LayerProgress } from '../../shared/layers';

interface LayersState {
  progress: Record<string, LayerProgress>;
  apply(p: LayerProgress): void;
}

export const useLayerProgress = create<LayersState>((set) => ({
  progress: {},
  apply: (p) => set((s) => ({ progress: { ...s.progress, [p.image]: p } })),
}));
