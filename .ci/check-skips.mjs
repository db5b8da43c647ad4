// Fails the CI run when a test other than the Electron-binary ones skipped: a skipped test passes
// silently, so a green run would not prove what it says. Reads what test/support/run-reporter.ts
// wrote for the run just made, in the folder given (default .test-report, the `npm test` run;
// .test-report/slow for `npm run test:slow`).
import { readFileSync } from 'node:fs';

const file = `${process.argv[2] ?? '.test-report'}/skipped.json`;
let skipped;
try {
  skipped = JSON.parse(readFileSync(file, 'utf8'));
} catch (err) {
  console.error(`.ci/run: cannot read ${file} (written by test/support/run-reporter.ts): ${err.message}`);
  process.exit(1);
}
const refused = skipped.filter((s) => !s.allowed);
if (refused.length > 0) {
  console.error(`.ci/run: ${refused.length} test(s) skipped that must run (only "Electron binary: ..." tests may skip):`);
  for (const s of refused) console.error(`  ${s.file} > ${s.name}  (${s.why})`);
  process.exit(1);
}
console.log(`.ci/run: ${file}: ${skipped.length} test(s) skipped, all Electron-binary tests`);
