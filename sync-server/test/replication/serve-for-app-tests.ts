import { postgresReachable, startServer, type StorageKind } from './harness.js';

/**
 * Runs the replication test server (harness.ts: real HTTP on 127.0.0.1, real SQLite or PostgreSQL) in a
 * process of its own, for the app's integration tests: the app may not import server code, not even to
 * type-check it, so they start this with `node --import tsx` and talk to it over HTTP only.
 *
 * Prints one JSON line: `{"url", "secret"}` (a traveller is `x-test-traveller: <secret>:<user id>`), or
 * `{"unavailable": true}` when PostgreSQL is asked for and does not answer. Stops on SIGTERM or when its
 * standard input closes (the test process is gone).
 */
const kind: StorageKind = process.argv[2] === 'postgres' ? 'postgres' : 'sqlite';
if (kind === 'postgres' && !(await postgresReachable())) {
	process.stdout.write(`${JSON.stringify({ unavailable: true })}\n`);
	process.exit(0);
}
const server = await startServer(kind);
const [secret] = (server.traveller('someone')['x-test-traveller'] ?? '').split(':');
process.stdout.write(`${JSON.stringify({ url: server.url, secret })}\n`);

let stopping = false;
async function stop(): Promise<void> {
	if (stopping) return;
	stopping = true;
	await server.close();
	process.exit(0);
}
process.on('SIGTERM', () => void stop());
process.stdin.on('end', () => void stop());
process.stdin.resume();
