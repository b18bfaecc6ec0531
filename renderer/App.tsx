/** Berth's window: navigation, the current view, notices and the engine status bar. */
import { useEffect, useState } from 'react';
import { EngineBanner } from './components/EngineBanner';
import { Notices } from './components/Notices';
import { StatusBar } from './components/StatusBar';
import { ContainersView } from './views/containers/ContainersView';
import { CompareView } from './views/compare/CompareView';
import { FamilyView } from './views/family/FamilyView';
import { ImagesView } from './views/images/ImagesView';
import { LayersView } from './views/layers/LayersView';

/**
 * The views and their navigation links. Link names must not contain one another ("Images" would also
 * match a link named "Compare images"): people and tests find links by name.
 */
const VIEWS = {
  containers: { title: 'Containers', nav: 'Containers', View: ContainersView },
  images: { title: 'Images', nav: 'Images', View: ImagesView },
  family: { title: 'Image family', nav: 'Image family', View: FamilyView },
  compare: { title: 'Compare images', nav: 'Compare', View: CompareView },
} as const;
type ViewId = keyof typeof VIEWS;

interface Route {
  view: ViewId;
  /** For `#/layers/<image>`: the image whose layers are shown (a sub-view of Images). */
  layersOf?: string;
}

function currentRoute(): Route {
  const [id, ...rest] = window.location.hash.replace(/^#\/?/, '').split('/');
  if (id === 'layers' && rest.length) return { view: 'images', layersOf: decodeURIComponent(rest.join('/')) };
  return { view: id in VIEWS ? (id as ViewId) : 'containers' };
}

export function App() {
  const [route, setRoute] = useState<Route>(currentRoute);
  const view = route.view;
  useEffect(() => {
    const onHash = () => setRoute(currentRoute());
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  useEffect(() => {
    document.title = `${route.layersOf ? `Layers of ${route.layersOf}` : VIEWS[view].title} — Berth`;
  }, [view, route.layersOf]);
  const { View } = VIEWS[view];
  return (
    <div className="app">
      <nav className="sidebar" aria-label="Views">
        <div className="brand" aria-hidden="true">⚓ Berth</div>
        <ul>
          {(Object.keys(VIEWS) as ViewId[]).map((id) => (
            <li key={id}>
              <a href={`#/${id}`} aria-current={id === view ? 'page' : undefined}>
                {VIEWS[id].nav}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <main className="content">
        <EngineBanner />
        {route.layersOf ? <LayersView image={route.layersOf} /> : <View />}
      </main>
      <Notices />
      <StatusBar />
    </div>
  );
}
