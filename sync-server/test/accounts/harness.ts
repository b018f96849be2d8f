import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AccountService } from '../../src/accounts/account-service.js';
import type { AccountStore } from '../../src/accounts/account-store.js';
import { loadConfig } from '../../src/config.js';
import { sessionCookieResolver } from '../../src/http/accounts/session-resolver.js';
import { buildApp } from '../../src/http/app.js';
import { createMailer } from '../../src/mail/mailer.js';
import { DeliveryService } from '../../src/outbox/delivery-service.js';
import { replicationServices } from '../../src/replication/replication-service.js';
import { PgAccountStore } from '../../src/storage/postgres/pg-accounts.js';
import type { PostgresStorage } from '../../src/storage/postgres/postgres-storage.js';
import { SqliteAccountStore } from '../../src/storage/sqlite/sqlite-accounts.js';
import type { SqliteStorage } from '../../src/storage/sqlite/sqlite-storage.js';
import { freshStorage, type StorageKind } from '../replication/harness.js';

/** A real server on 127.0.0.1 with accounts, replication, kiosk outboxes and exports, on SQLite or PostgreSQL. */
export interface AccountsHarness {
	base: string;
	clock: { now: number };
	store: AccountStore;
	/** A JSON request as the app sends it (same origin), with a session cookie or a bearer credential. */
	call(
		method: string,
		pathname: string,
		options?: { body?: unknown; cookie?: string; bearer?: string }
	): Promise<Response>;
	/** Registers and logs in a traveller; confirmed unless asked otherwise. */
	traveller(options?: { confirmed?: boolean; surnames?: string }): Promise<Traveller>;
	close(): Promise<void>;
}

export interface Traveller {
	userId: string;
	cookie: string;
	email: string;
	confirm(): Promise<void>;
}

export async function startAccountsHarness(kind: StorageKind): Promise<AccountsHarness> {
	const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'arribo-outbox-'));
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
	const store =
		kind === 'sqlite'
			? new SqliteAccountStore((storage as SqliteStorage).db)
			: new PgAccountStore((storage as PostgresStorage).pool);
	await store.migrate();
	const clock = { now: Date.now() };
	const silent = { info() {}, error() {} };
	const mailer = createMailer({ smtpUrl: undefined, dataDir, from: 'Arribo <t@example.test>', log: silent });
	const replication = replicationServices(storage);
	let publicUrl = config.publicUrl;
	const accounts = new AccountService({
		store,
		mailer,
		publicUrl: () => publicUrl,
		clock: () => clock.now,
		log: silent,
		onAccountDeleted: [async (accountId) => void (await storage.documents.deleteUserDatabase(accountId))],
		recordsOf: (accountId) => replication.documents.exportByOwner(accountId)
	});
	const app = await buildApp({
		config,
		storage,
		accounts,
		replication,
		delivery: new DeliveryService({
			accounts: store,
			documents: storage.documents,
			replication,
			clock: () => clock.now
		}),
		publicOrigin: () => publicUrl.origin,
		principalResolvers: [sessionCookieResolver(accounts, false)]
	});
	const address = await app.listen({ port: 0, host: '127.0.0.1' });
	publicUrl = new URL(address);

	const call: AccountsHarness['call'] = (method, pathname, { body, cookie, bearer } = {}) =>
		fetch(address + pathname, {
			method,
			headers: {
				...(body !== undefined ? { 'content-type': 'application/json' } : {}),
				origin: publicUrl.origin,
				...(cookie ? { cookie } : {}),
				...(bearer ? { authorization: `Bearer ${bearer}` } : {})
			},
			body: body !== undefined ? JSON.stringify(body) : undefined
		});

	return {
		base: address,
		clock,
		store,
		call,
		async traveller({ confirmed = true, surnames = 'Prueba' } = {}) {
			const email = `ana.${randomUUID().slice(0, 8)}@example.test`;
			const password = 'tortuga azul del caribe';
			const registered = await call('POST', '/api/accounts/register', {
				body: { email, password, givenNames: 'Ana', surnames, language: 'es', acceptPrivacy: true }
			});
			if (registered.status !== 202) throw new Error(`register: ${registered.status}`);
			const account = (await store.findAccountByEmail(email))!;
			const confirm = () => store.markConfirmed(account.id, clock.now);
			if (confirmed) await confirm();
			const login = await call('POST', '/api/accounts/login', { body: { email, password } });
			if (login.status !== 200) throw new Error(`login: ${login.status}`);
			const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
			return { userId: account.id, cookie, email, confirm };
		},
		async close() {
			await app.close();
			mailer.close();
			await storage.close();
			fs.rmSync(dataDir, { recursive: true, force: true });
		}
	};
}

/** The record as a device's replication sends it: with the revision the device gave it. */
export function asReplicated<T extends object>(doc: T): T & { _rev: string } {
	return { ...doc, _rev: `1-${randomBytes(16).toString('hex')}` };
}
