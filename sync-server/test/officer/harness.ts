import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Secret, TOTP } from 'otpauth';
import { AccountService } from '../../src/accounts/account-service.js';
import { loadConfig } from '../../src/config.js';
import { createMailer } from '../../src/mail/mailer.js';
import { OfficerAuth } from '../../src/officers/officer-auth.js';
import type { OfficerStore } from '../../src/officers/officer-store.js';
import { replicationServices, type ReplicationServices } from '../../src/replication/replication-service.js';
import { PgAccountStore } from '../../src/storage/postgres/pg-accounts.js';
import { PgOfficerStore } from '../../src/storage/postgres/pg-officers.js';
import type { PostgresStorage } from '../../src/storage/postgres/postgres-storage.js';
import { SqliteAccountStore } from '../../src/storage/sqlite/sqlite-accounts.js';
import { SqliteOfficerStore } from '../../src/storage/sqlite/sqlite-officers.js';
import type { SqliteStorage } from '../../src/storage/sqlite/sqlite-storage.js';
import { ADMIN, freshStorage, type StorageKind } from '../replication/harness.js';
import { sessionCookieResolver } from '../../src/http/accounts/session-resolver.js';
import { adminPrincipalResolver } from '../../src/http/admin-principal.js';
import { buildApp } from '../../src/http/app.js';
import { requireVerifiedOfficerSessions } from '../../src/http/officer/officer-guard.js';

/** A real server on 127.0.0.1 with accounts, officers and replication on SQLite or PostgreSQL. */
export interface OfficerHarness {
	base: string;
	clock: { now: number };
	accounts: AccountService;
	officers: OfficerStore;
	auth: OfficerAuth;
	replication: ReplicationServices;
	/** Raw SQL on the same database, to prove what the database itself refuses. */
	sql(statement: string): Promise<void>;
	call(method: string, pathname: string, body?: unknown, cookie?: string): Promise<Response>;
	close(): Promise<void>;
}

export async function startOfficerHarness(kind: StorageKind): Promise<OfficerHarness> {
	const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'arribo-officer-'));
	const appDir = path.join(dataDir, 'app');
	fs.mkdirSync(appDir);
	fs.writeFileSync(path.join(appDir, 'index.html'), '<!doctype html><title>t</title>');
	const config = loadConfig({
		PORT: '0',
		HOST: '127.0.0.1',
		DATA_DIR: dataDir,
		APP_DIR: appDir,
		LOG_LEVEL: 'silent'
	});
	const storage = await freshStorage(kind, dataDir);
	const accountStore =
		kind === 'sqlite'
			? new SqliteAccountStore((storage as SqliteStorage).db)
			: new PgAccountStore((storage as PostgresStorage).pool);
	await accountStore.migrate();
	const officers =
		kind === 'sqlite'
			? new SqliteOfficerStore((storage as SqliteStorage).db)
			: new PgOfficerStore((storage as PostgresStorage).pool);
	await officers.migrate();
	await officers.migrate(); // idempotent
	const clock = { now: Date.now() };
	const silent = { info() {}, error() {} };
	const mailer = createMailer({ smtpUrl: undefined, dataDir, from: 'Arribo <t@example.test>', log: silent });
	let publicUrl = config.publicUrl;
	const accounts = new AccountService({
		store: accountStore,
		mailer,
		publicUrl: () => publicUrl,
		clock: () => clock.now,
		log: silent
	});
	const auth = new OfficerAuth({ accounts, accountStore, officers, clock: () => clock.now });
	const replication = replicationServices(storage);
	const app = await buildApp({
		config,
		storage,
		accounts,
		replication,
		publicOrigin: () => publicUrl.origin,
		principalResolvers: [
			requireVerifiedOfficerSessions(sessionCookieResolver(accounts, false), officers),
			adminPrincipalResolver(ADMIN)
		],
		officers: { store: officers, auth }
	});
	const address = await app.listen({ port: 0, host: '127.0.0.1' });
	publicUrl = new URL(address);
	return {
		base: address,
		clock,
		accounts,
		officers,
		auth,
		replication,
		sql: async (statement) => {
			if (kind === 'sqlite') (storage as SqliteStorage).db.exec(statement);
			else await (storage as PostgresStorage).pool.query(statement);
		},
		call: (method, pathname, body, cookie) =>
			fetch(address + pathname, {
				method,
				headers: {
					...(body !== undefined ? { 'content-type': 'application/json' } : {}),
					origin: publicUrl.origin,
					...(cookie ? { cookie } : {})
				},
				body: body !== undefined ? JSON.stringify(body) : undefined
			}),
		close: async () => {
			await app.close();
			mailer.close();
			await storage.close();
			fs.rmSync(dataDir, { recursive: true, force: true });
		}
	};
}

export function cookieOf(response: Response): string {
	const header = response.headers.get('set-cookie') ?? '';
	return header.split(';')[0] ?? '';
}

export function codeFor(otpauthUri: string, timestamp: number): string {
	const secret = new URL(otpauthUri).searchParams.get('secret')!;
	return new TOTP({ secret: Secret.fromBase32(secret) }).generate({ timestamp });
}

/** Creates an officer and walks the whole first log-in; returns its cookie and TOTP URI. */
export async function enrolledOfficer(
	h: OfficerHarness,
	email = `officer.${randomUUID().slice(0, 8)}@inm.example`
): Promise<{ cookie: string; uri: string; email: string; password: string }> {
	const { password: oneTime } = await h.auth.addOfficer(email);
	const start = await (await h.call('POST', '/api/officer/login', { email, password: oneTime })).json();
	const password = 'guardia del aeropuerto 7';
	const changed = await (
		await h.call('POST', '/api/officer/login/password', { challenge: start.challenge, password })
	).json();
	const done = await h.call('POST', '/api/officer/login/code', {
		challenge: changed.challenge,
		code: codeFor(changed.otpauthUri, h.clock.now)
	});
	if (done.status !== 200) throw new Error(`enrolment failed: ${done.status}`);
	return { cookie: cookieOf(done), uri: changed.otpauthUri, email, password };
}

/** Registers and logs in a traveller through the accounts API; returns the session cookie. */
export async function travellerSession(
	h: OfficerHarness
): Promise<{ cookie: string; userId: string; email: string; password: string }> {
	const email = `ana.${randomUUID().slice(0, 8)}@example.test`;
	const password = 'tortuga azul del caribe';
	await h.call('POST', '/api/accounts/register', {
		email,
		password,
		givenNames: 'Ana',
		surnames: 'Prueba',
		language: 'es',
		acceptPrivacy: true
	});
	const login = await h.call('POST', '/api/accounts/login', { email, password });
	const view = await login.json();
	return { cookie: cookieOf(login), userId: view.userId, email, password };
}
