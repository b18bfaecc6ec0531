/**
 * The Node side's services for one engine, wired together. Plain Node: never imports `electron`, so the
 * same services run in Electron's main process and in serve mode.
 */
import { ContainersService } from './containers/service';
import { Engine } from './engine/engine';
import type { EngineHost } from './engine/host';
import { EngineMonitor } from './engine/monitor';
import { ImagesService } from './images/service';
import { LayersService } from './layers/service';

export interface Services {
  engine: Engine;
  containers: ContainersService;
  images: ImagesService;
  monitor: EngineMonitor;
  layers: LayersService;
  /** Stop following the engine. */
  close(): Promise<void>;
}

/** Create and start the services for the engine at `host` (default: from the environment, as the CLI). */
export function createServices(host?: EngineHost): Services {
  const engine = new Engine(host);
  const containers = new ContainersService(engine);
  const images = new ImagesService(engine);
  const monitor = new EngineMonitor(engine, { containers, images });
  monitor.start();
  const layers = new LayersService(engine);
  return { engine, containers, images, monitor, layers, close: () => monitor.stop() };
}
