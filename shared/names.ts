/**
 * The contract's method and topic names, free of any dependency, so the sandboxed preload can expose
 * exactly these without bundling the schemas. shared/api.ts checks (at compile time) that its tables
 * have exactly these keys.
 */
/** The Swarm methods (shared/swarm-api.ts), kept apart so each Swarm feature adds its names here. */
export const SWARM_METHOD_NAMES = [
  'swarm.info',
  'swarm.nodes',
  'swarm.services',
  'swarm.tasks',
  'swarm.overview',
  'swarm.serviceLogs',
  'swarm.saveServiceLogs',
  'swarm.taskShell',
  'swarm.init',
  'swarm.join',
  'swarm.leave',
  'swarm.joinTokens',
  'swarm.updateNode',
  'swarm.removeNode',
  'swarm.secrets',
  'swarm.createSecret',
  'swarm.removeSecret',
  'swarm.configs',
  'swarm.createConfig',
  'swarm.removeConfig',
  'swarm.networks',
  'swarm.createNetwork',
  'swarm.createService',
  'swarm.scaleService',
  'swarm.updateServiceImage',
  'swarm.rollbackService',
  'swarm.resumeServiceUpdate',
  'swarm.removeService',
] as const;

export const METHOD_NAMES = [
  'engine.info',
  'containers.list',
  'containers.start',
  'containers.stop',
  'containers.restart',
  'containers.pause',
  'containers.unpause',
  'containers.kill',
  'containers.remove',
  'containers.run',
  'containers.inspect',
  'sessions.exec',
  'sessions.attach',
  'sessions.host',
  'sessions.input',
  'sessions.close',
  'logs.follow',
  'logs.stop',
  'logs.save',
  'volumes.list',
  'volumes.create',
  'volumes.remove',
  'volumes.prunePreview',
  'volumes.prune',
  'volumes.browse',
  'volumes.saveFile',
  'networks.list',
  'networks.create',
  'networks.remove',
  'networks.connect',
  'networks.disconnect',
  'system.df',
  'system.buildCachePreview',
  'system.buildCachePrune',
  ...SWARM_METHOD_NAMES,
  'engines.list',
  'engines.probe',
  'engines.use',
  'engines.add',
  'engines.remove',
  'images.list',
  'images.remove',
  'images.pull',
  'images.push',
  'images.tag',
  'images.inspect',
  'images.prunePreview',
  'images.prune',
  'images.save',
  'images.exportSif',
  'images.singularityDefinition',
  'sif.open',
  'sif.files',
  'sif.import',
  'stacks.compose',
  'stacks.config',
  'stacks.projectConfig',
  'stacks.saveLogs',
  'stacks.up',
  'stacks.down',
  'stacks.recreate',
  'stacks.scale',
  'images.load',
  'images.build',
  'images.buildHints',
  'tasks.cancel',
  'tasks.dismiss',
  'registry.login',
  'registry.logout',
  'registry.list',
  'registry.catalog',
  'registry.repository',
  'host.choosePath',
  'layers.analyze',
  'layers.files',
  'layers.tree',
  'layers.search',
  'layers.family',
  'layers.fileContent',
  'layers.fileInfo',
  'layers.compare',
  'layers.openArchive',
  'layers.cancel',
  'pods.list',
  'pods.act',
  'pods.remove',
  'pods.play',
  'pods.generate',
  'pods.saveYaml',
  'layers.cacheUsage',
  'layers.clearCache',
  'settings.get',
  'settings.set',
] as const;

export const TOPIC_NAMES = ['engine.status', 'containers', 'images', 'volumes', 'networks', 'layers.progress', 'tasks', 'sessions', 'logs', 'stats', 'app.command', 'notifications', 'settings', 'swarm.changes'] as const;

/**
 * One-way messages, renderer → Node side (shared/api.ts `signals`): typed keys, terminal resizes and
 * output acknowledgements, which need no answer.
 */
export const SIGNAL_NAMES = ['sessions.keys', 'sessions.resize', 'sessions.ack'] as const;

export type MethodName = (typeof METHOD_NAMES)[number];
export type SwarmMethodName = (typeof SWARM_METHOD_NAMES)[number];
export type SignalName = (typeof SIGNAL_NAMES)[number];
export type TopicName = (typeof TOPIC_NAMES)[number];

export function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && (METHOD_NAMES as readonly string[]).includes(name);
}
export function isSignalName(name: unknown): name is SignalName {
  return typeof name === 'string' && (SIGNAL_NAMES as readonly string[]).includes(name);
}
export function isTopicName(name: unknown): name is TopicName {
  return typeof name === 'string' && (TOPIC_NAMES as readonly string[]).includes(name);
}
