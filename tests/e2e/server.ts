import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface RunningServer {
	baseURL: string;
	dataDir: string;
	appDir: string;
	/** Everything the server printed so far (JSON log lines). */
	log: () => string;
	stop: () => Promise<void>;
	/** Ends the process abruptly, as a crash or power cut would. */
	kill: () => Promise<void>;
}

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const SERVER = path.join(ROOT, 'sync-server', 'dist', 'main.js');

export interface StartOptions {
	dataDir?: string;
	appDir?: string;
	env?: Record<string, string>;
	/** A fixed port (to stop and start the same server at the same origin); a free one otherwise. */
	port?: number;
}

/** A loopback port nobody listens on right now. */
export async function freePort(): Promise<number> {
	const { createServer } = await import('node:net');
	return new Promise((resolve, reject) => {
		const probe = createServer();
		probe.once('error', reject);
		probe.listen(0, '127.0.0.1', () => {
			const address = probe.address();
			probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
		});
	});
}

/** Starts the built sync-server on a free loopback port and waits until it listens. */
export async function startServer(options: StartOptions = {}): Promise<RunningServer> {
	if (!fs.existsSync(SERVER)) throw new Error('sync-server is not built: run "npm run build" first');
	const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'arribo-e2e-'));
	const appDir = options.appDir ?? path.join(ROOT, 'build');
	const child: ChildProcess = spawn(process.execPath, [SERVER], {
		cwd: ROOT,
		env: {
			...process.env,
			...options.env,
			PORT: String(options.port ?? 0),
			// With a fixed port the server cannot learn its address by listening: say it (CSRF checks the origin).
			...(options.port ? { PUBLIC_URL: `http://127.0.0.1:${options.port}` } : {}),
			HOST: '127.0.0.1',
			DATA_DIR: dataDir,
			APP_DIR: appDir,
			LOG_LEVEL: 'info'
		},
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let output = '';
	child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
	child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));

	const baseURL = await new Promise<string>((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 20_000);
		const check = () => {
			const match = /"address":"(http:\/\/127\.0\.0\.1:\d+)"/.exec(output);
			if (match?.[1]) {
				clearTimeout(timer);
				resolve(match[1]);
			}
		};
		child.stdout?.on('data', check);
		child.on('exit', (code) => {
			clearTimeout(timer);
			reject(new Error(`server exited with ${code}:\n${output}`));
		});
	});

	const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
	return {
		baseURL,
		dataDir,
		appDir,
		log: () => output,
		stop: async () => {
			if (child.exitCode === null) child.kill('SIGTERM');
			await exited;
		},
		kill: async () => {
			if (child.exitCode === null) child.kill('SIGKILL');
			await exited;
		}
	};
}
