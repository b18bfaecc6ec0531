/** Berth's window: navigation, the current view, notices and the engine status bar. */
import { useEffect, useState } from 'react';
import { EngineBanner } from './components/EngineBanner';
import { Notices } from './components/Notices';
import { StatusBar } from './components/StatusBar';
import { ContainersView } from './views/containers/ContainersView';
import { ImagesView } from './views/images/ImagesView';

const VIEWS = {
  containers: { title: 'Containers', View: ContainersView },
  images: { title: 'Images', View: ImagesView },
} as const;
type ViewId = keyof typeof VIEWS;

function currentView(): ViewId {
  const id = window.location.hash.replace(/^#\/?/, '');
  return id in VIEWS ? (id as ViewId) : 'containers';
}

export function App() {
  const [view, setView] = useState<ViewId>(currentView);
  useEffect(() => {
    const onHash = () => setView(currentView());
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  useEffect(() => {
    document.title = `${VIEWS[view].title} — Berth`;
  }, [view]);
  const { View } = VIEWS[view];
  return (
    <div className="app">
      <nav className="sidebar" aria-label="Views">
        <div className="brand" aria-hidden="true">⚓ Berth</div>
        <ul>
          {(Object.keys(VIEWS) as ViewId[]).map((id) => (
            <li key={id}>
              <a href={`#/${id}`} aria-current={id === view ? 'page' : undefined}>
                {VIEWS[id].title}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <main className="content">
        <EngineBanner />
        <View />
      </main>
      <Notices />
      <StatusBar />
    </div>
  );
}
