/**
 * Summarise a V8 CPU profile (`.cpuprofile`, from bench/terminal-bare.ts's BENCH_PROFILE or `node
 * --cpu-prof`): the functions with the most self time, with their share of the sampled time.
 * Usage: npx tsx bench/profile-top.ts FILE [N=25]
 */
import fs from 'node:fs';

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}
const [file, n = '25'] = process.argv.slice(2);
const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as { nodes: Node[]; samples: number[]; startTime: number; endTime: number };
const byId = new Map(profile.nodes.map((x) => [x.id, x]));
const self = new Map<string, number>();
for (const id of profile.samples) {
  const f = byId.get(id)!.callFrame;
  const key = `${f.functionName || '(anonymous)'} ${f.url.split('/').slice(-2).join('/')}:${f.lineNumber + 1}`;
  self.set(key, (self.get(key) ?? 0) + 1);
}
const total = profile.samples.length;
console.log(`${file}: ${((profile.endTime - profile.startTime) / 1e6).toFixed(1)} s, ${total} samples`);
for (const [key, count] of [...self].sort((a, b) => b[1] - a[1]).slice(0, Number(n))) console.log(`${((100 * count) / total).toFixed(1).padStart(5)} %  ${key}`);
