// Prints one closing line for all suites: "tests: N passed, N failed, N skipped", from the JSON reports
// vitest and Playwright wrote. Exits 1 when any test failed or no test ran.
import fs from 'node:fs';
import path from 'node:path';

const dir = process.argv[2];
let passed = 0, failed = 0, skipped = 0;
const read = (f) => {
  const p = path.join(dir, f);
  return fs.existsSync(p) ? JSON.parse(fs.readFileSync(p, 'utf8')) : null;
};
for (const f of ['unit.json', 'integration.json']) {
  const r = read(f);
  if (!r) { console.log(`${f}: no report`); failed++; continue; }
  passed += r.numPassedTests;
  failed += r.numFailedTests;
  skipped += r.numPendingTests + (r.numTodoTests ?? 0);
}
const e2e = read('e2e.json');
if (!e2e) { console.log('e2e.json: no report'); failed++; }
else {
  passed += e2e.stats.expected + (e2e.stats.flaky ?? 0);
  failed += e2e.stats.unexpected;
  skipped += e2e.stats.skipped;
}
console.log(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
