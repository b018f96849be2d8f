/**
 * `npm run bench`: runs every benchmark in turn; each writes tests/bench/results/<name>.{json,md}.
 * Individual benchmarks: `npm run bench:<name>`.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const scripts = JSON.parse(fs.readFileSync(path.resolve('package.json'), 'utf8')).scripts as Record<
	string,
	string
>;
const benches = Object.keys(scripts).filter((name) => name.startsWith('bench:'));
let failed = 0;
for (const name of benches) {
	console.log(`\n# npm run ${name}`);
	const result = spawnSync('npm', ['run', '--silent', name], { stdio: 'inherit' });
	if (result.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
