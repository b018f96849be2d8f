import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { loadConfig } from '../../src/config.js';
import { adminPrincipalResolver } from '../../src/http/admin-principal.js';
import { buildApp } from '../../src/http/app.js';
import type { PrincipalResolver } from '../../src/http/principal.js';
import type { Storage } from '../../src/storage/port.js';
import { PostgresStorage } from '../../src/storage/postgres/postgres-storage.js';
import { SqliteStorage } from '../../src/storage/sqlite/sqlite-storage.js';
import { remoteDb } from './pouch.js';

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL || 'postgres://root@127.0.0.1:5432/test';
export const ADMIN = { user: 'operator', password: 'a-long-admin-password' };

/** Whether PostgreSQL answers; the PostgreSQL half of the suite is skipped when it does not. */
export async function postgresReachable(): Promise<boolean> {
	const { default: pg } = await import('pg');
	const client = new pg.Client({ connectionString: TEST_DATABASE_URL, connectionTimeoutMillis: 2000 });
	try {
		await client.connect();
		await client.query('SELECT 1');
		return true;
	} catch {
		return false;
	} finally {
		await client.end().catch(() => {});
	}
}

export type StorageKind = 'sqlite' | 'postgres';

/** A fresh store: SQLite in a temp dir, or PostgreSQL in a schema of its own. */
export async function freshStorage(kind: StorageKind, dataDir: string): Promise<Storage> {
	const storage =
		kind === 'sqlite'
			? SqliteStorage.inDataDir(dataDir)
			: await PostgresStorage.open(TEST_DATABASE_URL, {
					schema: `t_${randomBytes(6).toString('hex')}`,
					dropSchemaOnClose: true
				});
	await storage.migrate();
	return storage;
}

/**
 * TEST ONLY: a principal resolver that trusts a header carrying a random per-test secret and a user id,
 * standing in for the session cookies of the accounts feature. `<secret>:<user>:unconfirmed` stands for a
 * traveller whose e-mail is not confirmed yet.
 */
export function testTravellerResolver(secret: string): PrincipalResolver {
	return async (request) => {
		const header = request.headers['x-test-traveller'];
		if (typeof header !== 'string') return null;
		const [given, userId, state] = header.split(':');
		if (given !== secret || !userId) return null;
		return { role: 'traveller', userId, sessionId: 'test', confirmed: state !== 'unconfirmed' };
	};
}

export interface TestServer {
	url: string;
	app: FastifyInstance;
	storage: Storage;
	/** Headers that make a request come from this traveller. */
	traveller(userId: string): Record<string, string>;
	admin: Record<string, string>;
	/** PouchDB pointing at `/db/me` as this traveller. */
	me(userId: string): ReturnType<typeof remoteDb>;
	close(): Promise<void>;
}

export function appDir(): string {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'arribo-app-'));
	fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>test</title>');
	return dir;
}

export async function startServer(kind: StorageKind): Promise<TestServer> {
	const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'arribo-data-'));
	const config = loadConfig({
		DATA_DIR: dataDir,
		APP_DIR: appDir(),
		PORT: '0',
		HOST: '127.0.0.1',
		LOG_LEVEL: 'silent'
	});
	const storage = await freshStorage(kind, dataDir);
	const secret = randomUUID();
	const app = await buildApp({
		config,
		storage,
		principalResolvers: [testTravellerResolver(secret), adminPrincipalResolver(ADMIN)]
	});
	const address = await app.listen({ port: 0, host: '127.0.0.1' });
	const traveller = (userId: string) => ({ 'x-test-traveller': `${secret}:${userId}` });
	return {
		url: address,
		app,
		storage,
		traveller,
		admin: { authorization: 'Basic ' + Buffer.from(`${ADMIN.user}:${ADMIN.password}`).toString('base64') },
		me: (userId) => remoteDb(`${address}/db/me`, traveller(userId)),
		async close() {
			await app.close();
			await storage.close();
			fs.rmSync(dataDir, { recursive: true, force: true });
		}
	};
}
