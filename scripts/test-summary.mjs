// Prints one closing line for all suites (unit, integration on dockerd and on Podman, fuzz, e2e twice): "tests: N passed, N failed, N skipped", from the JSON reports
// vitest and Playwright wrote. Exits 1 when any test failed or no test ran.
import fs from 'node:fs';
import path from 'node:path';

const dir = process.argv[2];
let passed = 0, failed = 0, skipped = 0;
const read = (f) => {
  const p = path.join(dir, f);
  return fs.existsSync(p) ? JSON.parse(fs.readFileSync(p, 'utf8')) : null;
};
for (const f of ['unit.json', 'integration.json', 'fuzz.json']) {
  const r = read(f);
  if (!r) { console.log(`${f}: no report`); failed++; continue; }
  passed += r.numPassedTests;
  failed += r.numFailedTests;
  skipped += r.numPendingTests + (r.numTodoTests ?? 0);
}
// The Podman round's integration files (podman-*.int.test.ts): missing only when Podman could not start,
// which fails the run under CI by itself.
const podmanInt = read('integration-podman.json');
if (podmanInt) {
  console.log(`integration-podman.json: ${podmanInt.numPassedTests} passed, ${podmanInt.numFailedTests} failed, ${podmanInt.numPendingTests} skipped`);
  passed += podmanInt.numPassedTests;
  failed += podmanInt.numFailedTests;
  skipped += podmanInt.numPendingTests + (podmanInt.numTodoTests ?? 0);
} else if (process.env.CI === 'true') {
  console.log('integration-podman.json: no report');
  failed++;
}
// The end-to-end suite runs twice: against the private dockerd, then against a private Podman service.
for (const f of ['e2e.json', 'e2e-podman.json']) {
  const e2e = read(f);
  if (!e2e) {
    console.log(`${f}: no report`);
    if (f === 'e2e.json' || process.env.CI === 'true') failed++;
    continue;
  }
  console.log(`${f}: ${e2e.stats.expected} passed, ${e2e.stats.unexpected} failed, ${e2e.stats.skipped} skipped`);
  passed += e2e.stats.expected + (e2e.stats.flaky ?? 0);
  failed += e2e.stats.unexpected;
  skipped += e2e.stats.skipped;
}
console.log(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
