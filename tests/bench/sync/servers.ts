import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '../../..');
export const PEER_DIR = path.join(os.homedir(), '.cache/arribo-bench/pouchdb-server');
export const ADMIN = { user: 'bench-admin', password: 'bench-admin-password' };

/** Written by bench-server.ts when it stops. */
export interface ServerStats {
	/** Milliseconds from request received to last byte sent, per request kind. */
	requests: Record<string, number[]>;
	/** The server's event-loop delay, sampled every 20 ms. */
	loopDelayMs: number[];
	/** CPU time (user + system) the server used after start-up. */
	cpuMs: number;
}

export interface RunningServer {
	kind: 'sqlite' | 'postgres' | 'pouchdb-server';
	/** Base URL of a database for traveller `userId` (sync-server: /db/me; peer: /name). */
	dbUrl(userId: string): string;
	headers(userId: string): Record<string, string>;
	stop(): Promise<void>;
	/** What the server measured of itself, readable after stop (sync-server only). */
	serverStats?: () => ServerStats | null;
	/** For the in-store load: where the sync-server keeps its data. */
	dataDir?: string;
	pgSchema?: string;
}

function waitForLine(child: ChildProcess, pattern: RegExp, what: string): Promise<RegExpExecArray> {
	return new Promise((resolve, reject) => {
		let out = '';
		const timer = setTimeout(() => reject(new Error(`${what} did not start: ${out.slice(-2000)}`)), 60_000);
		const onData = (chunk: Buffer) => {
			out += chunk.toString();
			const match = pattern.exec(out);
			if (match) {
				clearTimeout(timer);
				resolve(match);
			}
		};
		child.stdout?.on('data', onData);
		child.stderr?.on('data', onData);
		child.on('exit', (code) => reject(new Error(`${what} exited with ${code}: ${out.slice(-2000)}`)));
	});
}

function stopChild(child: ChildProcess): Promise<void> {
	return new Promise((resolve) => {
		if (child.exitCode !== null) return resolve();
		const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
		child.on('exit', () => {
			clearTimeout(timer);
			resolve();
		});
		child.kill('SIGTERM');
	});
}

export function appDir(): string {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'arribo-bench-app-'));
	fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>bench</title>');
	return dir;
}

/** sync-server in its own process (tsx), so client and server each get a core, as with the peer. */
export async function startSyncServer(
	kind: 'sqlite' | 'postgres',
	pgUrl: string,
	prepared?: { dataDir: string; pgSchema?: string }
): Promise<RunningServer> {
	const dataDir = prepared?.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'arribo-bench-data-'));
	const pgSchema =
		kind === 'postgres' ? (prepared?.pgSchema ?? `bench_${randomBytes(5).toString('hex')}`) : undefined;
	const secret = randomUUID();
	// BENCH_SERVER_NODE_ARGS (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof") profiles the server under the bench.
	const nodeArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
	const child = spawn(
		process.execPath,
		[...nodeArgs, '--import', 'tsx', path.join(ROOT, 'tests/bench/sync/bench-server.ts')],
		{
			cwd: ROOT,
			env: {
				...process.env,
				DATA_DIR: dataDir,
				APP_DIR: appDir(),
				BENCH_SECRET: secret,
				BENCH_PG_URL: kind === 'postgres' ? pgUrl : '',
				BENCH_PG_SCHEMA: pgSchema ?? '',
				ADMIN_USER: ADMIN.user,
				ADMIN_PASSWORD: ADMIN.password,
				NODE_ENV: 'production'
			},
			stdio: ['ignore', 'pipe', 'pipe']
		}
	);
	const [, url] = await waitForLine(child, /LISTENING (http:\/\/\S+)/, `sync-server (${kind})`);
	return {
		kind,
		dataDir,
		pgSchema,
		dbUrl: () => `${url}/db/me`,
		headers: (userId) => ({ 'x-bench-traveller': `${secret}:${userId}` }),
		stop: () => stopChild(child),
		serverStats: () => {
			const file = path.join(dataDir, 'bench-stats.json');
			return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as ServerStats) : null;
		}
	};
}

/** Installs pouchdb-server 4.2 into a cache folder on first use (never part of npm ci). */
export async function ensurePeer(): Promise<string> {
	const bin = path.join(PEER_DIR, 'node_modules/pouchdb-server/bin/pouchdb-server');
	if (fs.existsSync(bin)) return bin;
	fs.mkdirSync(PEER_DIR, { recursive: true });
	console.log(`installing pouchdb-server 4.2 into ${PEER_DIR} ...`);
	const child = spawn(
		'npm',
		['install', '--prefix', PEER_DIR, '--no-audit', '--no-fund', 'pouchdb-server@4.2.0'],
		{
			stdio: 'inherit'
		}
	);
	const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
	if (code !== 0 || !fs.existsSync(bin)) throw new Error('could not install pouchdb-server');
	return bin;
}

/** pouchdb-server 4.2 (LevelDB on disk) as the reference peer; admin party, so no credentials. */
export async function startPeer(): Promise<RunningServer> {
	const bin = await ensurePeer();
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'arribo-bench-peer-'));
	const port = 20000 + Math.floor(Math.random() * 20000);
	const child = spawn(
		process.execPath,
		[bin, '--host', '127.0.0.1', '--port', String(port), '--dir', dir, '--no-color'],
		{
			cwd: dir,
			stdio: ['ignore', 'pipe', 'pipe']
		}
	);
	await waitForLine(child, /navigate to|listening|Fauxton/i, 'pouchdb-server');
	await new Promise((resolve) => setTimeout(resolve, 500));
	const url = `http://127.0.0.1:${port}`;
	return {
		kind: 'pouchdb-server',
		dbUrl: (userId) => `${url}/${userId.toLowerCase().replace(/[^a-z0-9_]/g, '_')}`,
		headers: () => ({}),
		async stop() {
			await stopChild(child);
			fs.rmSync(dir, { recursive: true, force: true });
		}
	};
}
