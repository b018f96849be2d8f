import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { strFromU8, unzipSync } from 'fflate';
import pg from 'pg';
import { SMTPServer } from 'smtp-server';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AccountService } from '../../accounts/account-service.js';
import type { AccountStore } from '../../accounts/account-store.js';
import { hashPassword } from '../../accounts/password-hash.js';
import { loadConfig } from '../../config.js';
import { HOUR, MINUTE, DAY } from '../../domain/account-rules.js';
import type { Language } from '../../domain/languages.js';
import { MAIL_TEMPLATES } from '../../mail/templates.js';
import { createMailer, type Mailer } from '../../mail/mailer.js';
import { PgAccountStore } from '../../storage/postgres/pg-accounts.js';
import { SqliteAccountStore } from '../../storage/sqlite/sqlite-accounts.js';
import { SqliteStorage } from '../../storage/sqlite/sqlite-storage.js';
import { buildApp } from '../app.js';
import { sessionCookieResolver } from './session-resolver.js';

/** Decodes quoted-printable soft breaks and escapes, then finds the first Arribo link with a token. */
export function linkFrom(rawEmail: string): string {
	const decoded = rawEmail
		.replace(/=\r?\n/g, '')
		.replace(/=([0-9A-F]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
	const match = /https?:\/\/[^\s"<>]+#token=[A-Za-z0-9_-]+/.exec(decoded);
	if (!match) throw new Error('no link in e-mail');
	return match[0];
}

/** The Subject header of a raw message, with its RFC 2047 encoded words (UTF-8, B or Q) decoded. */
function subjectOf(rawEmail: string): string {
	const header = /^Subject: (.*(?:\r?\n[ \t].*)*)/m.exec(rawEmail)?.[1] ?? '';
	return header
		.replace(/\r?\n[ \t]/g, ' ')
		.replace(/\?=\s+=\?/g, '?==?')
		.replace(/=\?UTF-8\?([BQ])\?([^?]*)\?=/gi, (_m, encoding: string, text: string) =>
			encoding.toUpperCase() === 'B'
				? Buffer.from(text, 'base64').toString('utf8')
				: Buffer.from(
						text
							.replace(/_/g, ' ')
							.replace(/=([0-9A-F]{2})/gi, (_q, hex: string) => String.fromCharCode(parseInt(hex, 16))),
						'latin1'
					).toString('utf8')
		);
}

// ---- a real SMTP server on 127.0.0.1, port 0 -------------------------------------------------
interface Received {
	to: string[];
	raw: string;
}
const inbox: Received[] = [];
let smtp: SMTPServer;
let smtpPort = 0;

beforeAll(async () => {
	smtp = new SMTPServer({
		authOptional: true,
		disabledCommands: ['STARTTLS'],
		logger: false,
		onData(stream, session, callback) {
			let raw = '';
			stream.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
			stream.on('end', () => {
				inbox.push({ to: session.envelope.rcptTo.map((r) => r.address), raw });
				callback();
			});
		}
	});
	await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
	smtpPort = (smtp.server.address() as AddressInfo).port;
});
afterAll(async () => {
	await new Promise<void>((resolve) => smtp.close(() => resolve()));
});

function mailTo(address: string): Received[] {
	return inbox.filter((m) => m.to.includes(address));
}

// ---- the store under test --------------------------------------------------------------------
const PG_URL = process.env.TEST_DATABASE_URL || 'postgres://root@127.0.0.1:5432/test';
async function pgReachable(): Promise<boolean> {
	const client = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 2000 });
	try {
		await client.connect();
		await client.end();
		return true;
	} catch {
		return false;
	}
}
const hasPg = await pgReachable();

interface StoreFactory {
	name: string;
	skip: boolean;
	open(dataDir: string): Promise<{ store: AccountStore; close(): Promise<void> }>;
}

const factories: StoreFactory[] = [
	{
		name: 'sqlite',
		skip: false,
		async open(dataDir) {
			const storage = new SqliteStorage(path.join(dataDir, 'accounts.sqlite'));
			await storage.migrate();
			const store = new SqliteAccountStore(storage.db);
			await store.migrate();
			return { store, close: () => storage.close() };
		}
	},
	{
		name: 'postgres',
		skip: !hasPg,
		async open() {
			const schema = `accounts_test_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
			const admin = new pg.Client({ connectionString: PG_URL });
			await admin.connect();
			await admin.query(`CREATE SCHEMA ${schema}`);
			await admin.end();
			const pool = new pg.Pool({ connectionString: PG_URL, options: `-c search_path=${schema}`, max: 4 });
			const store = new PgAccountStore(pool);
			await store.migrate();
			await store.migrate(); // idempotent
			return {
				store,
				close: async () => {
					await pool.query(`DROP SCHEMA ${schema} CASCADE`);
					await pool.end();
				}
			};
		}
	}
];

// ---- a real HTTP server on 127.0.0.1 ---------------------------------------------------------
interface Harness {
	base: string;
	dataDir: string;
	clock: { now: number };
	logs: string[];
	store: AccountStore;
	post(pathname: string, body?: unknown, cookie?: string, origin?: string): Promise<Response>;
	get(pathname: string, cookie?: string): Promise<Response>;
	close(): Promise<void>;
}

async function startHarness(factory: StoreFactory, withSmtp: boolean): Promise<Harness> {
	const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'arribo-accounts-'));
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
	const storage = new SqliteStorage(path.join(dataDir, 'core.sqlite'));
	await storage.migrate();
	const opened = await factory.open(dataDir);
	const clock = { now: Date.UTC(2026, 0, 10, 12) };
	const logs: string[] = [];
	let publicUrl = config.publicUrl;
	const log = {
		info: (obj: object, msg: string) => logs.push(JSON.stringify({ ...obj, msg })),
		error: (obj: object, msg: string) => logs.push(JSON.stringify({ ...obj, msg }))
	};
	const mailer: Mailer = createMailer({
		smtpUrl: withSmtp ? `smtp://127.0.0.1:${smtpPort}` : undefined,
		dataDir,
		from: 'Arribo <no-reply@example.test>',
		log
	});
	const accounts = new AccountService({
		store: opened.store,
		mailer,
		publicUrl: () => publicUrl,
		clock: () => clock.now,
		log
	});
	const app = await buildApp({
		config,
		storage,
		accounts,
		publicOrigin: () => publicUrl.origin,
		principalResolvers: [sessionCookieResolver(accounts, false)]
	});
	const address = await app.listen({ port: 0, host: '127.0.0.1' });
	publicUrl = new URL(address);
	const origin = publicUrl.origin;
	return {
		base: address,
		dataDir,
		clock,
		logs,
		store: opened.store,
		post: (pathname, body, cookie, requestOrigin = origin) =>
			fetch(address + pathname, {
				method: pathname === '/api/accounts/me' ? 'DELETE' : 'POST',
				headers: {
					'content-type': 'application/json',
					origin: requestOrigin,
					...(cookie ? { cookie } : {})
				},
				body: JSON.stringify(body ?? {})
			}),
		get: (pathname, cookie) => fetch(address + pathname, { headers: cookie ? { cookie } : {} }),
		close: async () => {
			await app.close();
			mailer.close();
			await opened.close();
			await storage.close();
			fs.rmSync(dataDir, { recursive: true, force: true });
		}
	};
}

function sessionCookie(response: Response): string {
	const header = response.headers.get('set-cookie') ?? '';
	const match = /arribo_session=([^;]+)/.exec(header);
	if (!match) throw new Error('no session cookie');
	return `arribo_session=${match[1]}`;
}

const PASSWORD = 'correct horse battery';
let counter = 0;
function traveller(language: Language = 'es') {
	counter += 1;
	return {
		email: `Viajera.${counter}.${Math.random().toString(36).slice(2, 6)}@Example.test`,
		password: PASSWORD,
		givenNames: 'Ana María',
		surnames: 'López Díaz',
		language,
		acceptPrivacy: true
	};
}

for (const factory of factories) {
	describe.skipIf(factory.skip)(`accounts over HTTP (${factory.name})`, () => {
		let h: Harness;
		beforeAll(async () => {
			h = await startHarness(factory, true);
		});
		afterAll(async () => h?.close());
		afterEach(() => {
			h.clock.now += DAY; // spreads tests apart so throttles and sessions do not leak between them
		});

		async function registerAndConfirm(language: Language = 'es') {
			const t = traveller(language);
			const response = await h.post('/api/accounts/register', t);
			expect(response.status).toBe(202);
			const mails = mailTo(t.email.toLowerCase());
			expect(mails).toHaveLength(1);
			const link = new URL(linkFrom(mails[0]!.raw));
			const token = new URLSearchParams(link.hash.slice(1)).get('token');
			expect((await h.post('/api/accounts/confirm', { token })).status).toBe(200);
			return t;
		}

		it('registers, delivers the confirmation by SMTP in the account language, confirms through the link, logs in', async () => {
			const t = traveller('es');
			const register = await h.post('/api/accounts/register', t);
			expect(register.status).toBe(202);
			expect(await register.json()).toEqual({ status: 'pending_confirmation' });

			// Unconfirmed accounts may log in (to prepare drafts) and the session says so.
			const early = await h.post('/api/accounts/login', { email: t.email, password: PASSWORD });
			expect(early.status).toBe(200);
			expect((await early.json()).confirmed).toBe(false);

			const [mail] = mailTo(t.email.toLowerCase());
			expect(mail).toBeDefined();
			expect(mail!.raw).toMatch(/Subject: .*(Confirma|=\?UTF-8\?)/);
			const link = new URL(linkFrom(mail!.raw));
			expect(link.origin).toBe(new URL(h.base).origin);
			expect(link.pathname).toBe('/confirm');
			const token = new URLSearchParams(link.hash.slice(1)).get('token');
			expect(token!.length).toBeGreaterThanOrEqual(43); // 256 bits

			expect((await h.post('/api/accounts/confirm', { token })).status).toBe(200);
			const login = await h.post('/api/accounts/login', {
				email: t.email,
				password: PASSWORD,
				remember: true
			});
			expect(login.status).toBe(200);
			const setCookie = login.headers.get('set-cookie') ?? '';
			expect(setCookie).toMatch(/HttpOnly/);
			expect(setCookie).toMatch(/SameSite=Strict/);
			expect(setCookie).toMatch(/Path=\//);
			expect(setCookie).not.toMatch(/Secure/); // http public URL
			const session = await (await h.get('/api/accounts/session', sessionCookie(login))).json();
			expect(session).toMatchObject({
				confirmed: true,
				role: 'traveller',
				email: t.email.toLowerCase(),
				language: 'es',
				givenNames: 'Ana María'
			});
			expect(session.userId).toMatch(/^[0-9a-f]{32}$/);
		});

		it('writes e-mails in any of the nine languages, and a signed-in traveller can change the account language', async () => {
			const t = traveller('ja');
			expect((await h.post('/api/accounts/register', t)).status).toBe(202);
			const [confirmation] = mailTo(t.email.toLowerCase());
			expect(subjectOf(confirmation!.raw)).toBe(MAIL_TEMPLATES.ja.confirm.subject);

			const login = await h.post('/api/accounts/login', { email: t.email, password: PASSWORD });
			const cookie = sessionCookie(login);
			expect((await h.post('/api/accounts/language', { language: 'xx' }, cookie)).status).toBe(400);
			expect((await h.post('/api/accounts/language', { language: 'ko' })).status).toBe(401);
			const change = await h.post('/api/accounts/language', { language: 'ko' }, cookie);
			expect(change.status).toBe(200);
			expect(await change.json()).toEqual({ language: 'ko' });
			expect((await (await h.get('/api/accounts/session', cookie)).json()).language).toBe('ko');

			// The next e-mail (a new confirmation link) comes in the new language.
			expect((await h.post('/api/accounts/resend', { email: t.email })).status).toBe(202);
			const mails = mailTo(t.email.toLowerCase());
			expect(mails).toHaveLength(2);
			expect(subjectOf(mails[1]!.raw)).toBe(MAIL_TEMPLATES.ko.confirm.subject);
		});

		it('refuses a reused confirmation token and an expired one; resend issues a fresh link', async () => {
			const t = traveller('en');
			await h.post('/api/accounts/register', t);
			const first = new URLSearchParams(
				new URL(linkFrom(mailTo(t.email.toLowerCase())[0]!.raw)).hash.slice(1)
			).get('token');
			expect((await h.post('/api/accounts/confirm', { token: first })).status).toBe(200);
			const again = await h.post('/api/accounts/confirm', { token: first });
			expect(again.status).toBe(400);
			expect(await again.json()).toEqual({ error: 'invalid_token', reason: 'used' });

			const late = traveller('en');
			await h.post('/api/accounts/register', late);
			const mail = mailTo(late.email.toLowerCase())[0]!;
			expect(mail.raw).toMatch(/Subject: Confirm your Arribo account/);
			const token = new URLSearchParams(new URL(linkFrom(mail.raw)).hash.slice(1)).get('token');
			h.clock.now += 24 * HOUR;
			const expired = await h.post('/api/accounts/confirm', { token });
			expect(await expired.json()).toEqual({ error: 'invalid_token', reason: 'expired' });

			expect((await h.post('/api/accounts/resend', { email: late.email })).status).toBe(202);
			const fresh = mailTo(late.email.toLowerCase());
			expect(fresh).toHaveLength(2);
			const freshToken = new URLSearchParams(new URL(linkFrom(fresh[1]!.raw)).hash.slice(1)).get('token');
			expect((await h.post('/api/accounts/confirm', { token: freshToken })).status).toBe(200);
			expect((await h.post('/api/accounts/confirm', { token: 'made-up' })).status).toBe(400);
		});

		it('answers the same for an unknown e-mail and a wrong password, and for registering a taken e-mail', async () => {
			const t = await registerAndConfirm();
			const timed = async (body: object) => {
				const start = performance.now();
				const response = await h.post('/api/accounts/login', body);
				return { status: response.status, body: await response.text(), ms: performance.now() - start };
			};
			const wrong = await timed({ email: t.email, password: 'not the password at all' });
			const unknown = await timed({
				email: `nobody-${counter}@example.test`,
				password: 'not the password at all'
			});
			expect(unknown.status).toBe(wrong.status);
			expect(unknown.body).toBe(wrong.body);
			expect(wrong.status).toBe(401);
			// Both paths run scrypt; only a gross difference (no hashing at all) would show here.
			expect(unknown.ms).toBeGreaterThan(wrong.ms / 5);

			const taken = await h.post('/api/accounts/register', { ...t, password: 'another long password' });
			expect(taken.status).toBe(202);
			expect(await taken.json()).toEqual({ status: 'pending_confirmation' });
			// The owner hears about it by e-mail; nobody else does.
			expect(mailTo(t.email.toLowerCase()).at(-1)!.raw).toMatch(/Subject: .*(Ya tienes|=\?UTF-8\?)/);

			for (const pathname of ['/api/accounts/resend', '/api/accounts/reset-request']) {
				const known = await h.post(pathname, { email: t.email });
				const none = await h.post(pathname, { email: `nobody-${counter}@example.test` });
				expect([known.status, await known.text()]).toEqual([none.status, await none.text()]);
			}
		});

		it('rejects short and common passwords at registration', async () => {
			const short = await h.post('/api/accounts/register', { ...traveller(), password: 'short' });
			expect(short.status).toBe(400);
			expect((await short.json()).fields.password).toBe('too_short');
			const common = await h.post('/api/accounts/register', { ...traveller(), password: 'password123' });
			expect((await common.json()).fields.password).toBe('common');
			const noPrivacy = await h.post('/api/accounts/register', { ...traveller(), acceptPrivacy: false });
			expect((await noPrivacy.json()).fields.acceptPrivacy).toBe('required');
		});

		it('slows failed log-ins down exponentially, then locks the account in the database, announcing retry-after', async () => {
			const t = await registerAndConfirm();
			const attempt = (password: string) => h.post('/api/accounts/login', { email: t.email, password });
			for (let i = 0; i < 3; i++) expect((await attempt('wrong password ' + i)).status).toBe(401);
			// Fourth try at once: wait 1 s.
			const slowed = await attempt('wrong password 3');
			expect(slowed.status).toBe(429);
			expect(slowed.headers.get('retry-after')).toBe('1');
			expect(await slowed.json()).toEqual({ error: 'too_many_attempts', retryAfter: 1 });
			// Even the right password waits.
			expect((await attempt(PASSWORD)).status).toBe(429);
			let delay = 1000;
			for (let failures = 3; failures < 9; failures++) {
				h.clock.now += delay;
				expect((await attempt('wrong again')).status).toBe(401);
				delay = Math.min(delay * 2, 60_000);
				const waiting = await attempt('wrong again');
				expect(waiting.status).toBe(429);
				expect(Number(waiting.headers.get('retry-after'))).toBe(delay / 1000);
			}
			h.clock.now += delay;
			// The tenth failure locks for 15 minutes.
			const locked = await attempt('wrong again');
			expect(locked.status).toBe(429);
			expect(Number(locked.headers.get('retry-after'))).toBe(15 * 60);
			h.clock.now += 14 * MINUTE;
			expect((await attempt(PASSWORD)).status).toBe(429);
			h.clock.now += MINUTE;
			expect((await attempt(PASSWORD)).status).toBe(200);
		});

		it('ends sessions after the idle timeout and the absolute limit; remembered devices last longer', async () => {
			const t = await registerAndConfirm();
			const login = async (remember: boolean) =>
				sessionCookie(await h.post('/api/accounts/login', { email: t.email, password: PASSWORD, remember }));
			const status = async (cookie: string) => (await h.get('/api/accounts/session', cookie)).status;

			const idle = await login(false);
			h.clock.now += 2 * HOUR - MINUTE;
			expect(await status(idle)).toBe(200);
			h.clock.now += 2 * HOUR;
			expect(await status(idle)).toBe(401);

			const busy = await login(false);
			for (let i = 0; i < 11; i++) {
				h.clock.now += HOUR;
				expect(await status(busy)).toBe(200);
			}
			h.clock.now += HOUR;
			expect(await status(busy)).toBe(401); // 12 h absolute, however busy

			const remembered = await login(true);
			h.clock.now += 29 * DAY;
			expect(await status(remembered)).toBe(200);
			h.clock.now += 31 * DAY;
			expect(await status(remembered)).toBe(401);
		});

		it('logout revokes the session; a new log-in rotates it', async () => {
			const t = await registerAndConfirm();
			const first = sessionCookie(
				await h.post('/api/accounts/login', { email: t.email, password: PASSWORD })
			);
			const second = sessionCookie(
				await h.post('/api/accounts/login', { email: t.email, password: PASSWORD }, first)
			);
			expect(second).not.toBe(first);
			expect((await h.get('/api/accounts/session', first)).status).toBe(401);
			const logout = await h.post('/api/accounts/logout', {}, second);
			expect(logout.status).toBe(204);
			expect(logout.headers.get('set-cookie')).toMatch(/Max-Age=0/);
			expect((await h.get('/api/accounts/session', second)).status).toBe(401);
		});

		it('password reset by e-mail revokes every session and works once', async () => {
			const t = await registerAndConfirm();
			const a = sessionCookie(await h.post('/api/accounts/login', { email: t.email, password: PASSWORD }));
			const b = sessionCookie(await h.post('/api/accounts/login', { email: t.email, password: PASSWORD }));
			expect((await h.post('/api/accounts/reset-request', { email: t.email })).status).toBe(202);
			const mail = mailTo(t.email.toLowerCase()).at(-1)!;
			const link = new URL(linkFrom(mail.raw));
			expect(link.pathname).toBe('/reset');
			const token = new URLSearchParams(link.hash.slice(1)).get('token');
			const weak = await h.post('/api/accounts/reset', { token, password: 'qwertyuiop' });
			expect(weak.status).toBe(400);
			const reset = await h.post('/api/accounts/reset', { token, password: 'a brand new passphrase' });
			expect(reset.status).toBe(200);
			expect((await h.get('/api/accounts/session', a)).status).toBe(401);
			expect((await h.get('/api/accounts/session', b)).status).toBe(401);
			expect((await h.post('/api/accounts/login', { email: t.email, password: PASSWORD })).status).toBe(401);
			expect(
				(await h.post('/api/accounts/login', { email: t.email, password: 'a brand new passphrase' })).status
			).toBe(200);
			const reused = await h.post('/api/accounts/reset', { token, password: 'yet another passphrase' });
			expect(await reused.json()).toEqual({ error: 'invalid_token', reason: 'used' });
		});

		it('a password change revokes every session and opens a fresh one for this browser', async () => {
			const t = await registerAndConfirm();
			const other = sessionCookie(
				await h.post('/api/accounts/login', { email: t.email, password: PASSWORD })
			);
			const mine = sessionCookie(await h.post('/api/accounts/login', { email: t.email, password: PASSWORD }));
			const wrong = await h.post(
				'/api/accounts/password',
				{ currentPassword: 'not it at all', newPassword: 'x' },
				mine
			);
			expect(wrong.status).toBe(401);
			const weak = await h.post(
				'/api/accounts/password',
				{ currentPassword: PASSWORD, newPassword: 'password123' },
				mine
			);
			expect(await weak.json()).toEqual({ error: 'invalid', fields: { newPassword: 'common' } });
			const changed = await h.post(
				'/api/accounts/password',
				{ currentPassword: PASSWORD, newPassword: 'the new long passphrase' },
				mine
			);
			expect(changed.status).toBe(200);
			const fresh = sessionCookie(changed);
			expect((await h.get('/api/accounts/session', other)).status).toBe(401);
			expect((await h.get('/api/accounts/session', mine)).status).toBe(401);
			expect((await h.get('/api/accounts/session', fresh)).status).toBe(200);
			expect((await h.post('/api/accounts/login', { email: t.email, password: PASSWORD })).status).toBe(401);
		});

		it('exports everything about the traveller and deletes the account', async () => {
			const t = await registerAndConfirm();
			const cookie = sessionCookie(
				await h.post('/api/accounts/login', { email: t.email, password: PASSWORD })
			);
			const exported = await h.get('/api/accounts/export', cookie);
			expect(exported.status).toBe(200);
			expect(exported.headers.get('content-disposition')).toMatch(/attachment/);
			expect(exported.headers.get('cache-control')).toBe('no-store');
			expect(exported.headers.get('content-type')).toBe('application/zip');
			const zip = unzipSync(new Uint8Array(await exported.arrayBuffer()));
			const data = JSON.parse(strFromU8(zip['arribo-my-data.json']!));
			expect(data.account).toMatchObject({ email: t.email.toLowerCase(), surnames: 'López Díaz' });
			expect(JSON.stringify(data)).not.toMatch(/scrypt|hash/i);
			expect((await h.get('/api/accounts/export')).status).toBe(401);

			expect((await h.post('/api/accounts/me', {}, cookie)).status).toBe(204);
			expect((await h.get('/api/accounts/session', cookie)).status).toBe(401);
			expect((await h.post('/api/accounts/login', { email: t.email, password: PASSWORD })).status).toBe(401);
		});

		it('admits only travellers: an officer account gets the wrong-password answer here', async () => {
			const email = `officer-${counter}-${factory.name}@example.test`;
			await h.store.createAccount({
				id: `officer${counter}${factory.name}`,
				email,
				givenNames: 'Oficial',
				surnames: 'Prueba',
				language: 'es',
				role: 'officer',
				passwordHash: await hashPassword(PASSWORD),
				confirmedAt: h.clock.now,
				privacyAcceptedAt: h.clock.now,
				createdAt: h.clock.now,
				passwordChangedAt: h.clock.now
			});
			const response = await h.post('/api/accounts/login', { email, password: PASSWORD });
			expect(response.status).toBe(401);
			expect(await response.json()).toEqual({ error: 'invalid_credentials' });
			expect(response.headers.get('set-cookie')).toBeNull();
		});

		it('limits account e-mails per address so nobody can flood an inbox', async () => {
			const t = traveller('en');
			await h.post('/api/accounts/register', t);
			for (let i = 0; i < 6; i++) {
				const response = await h.post('/api/accounts/resend', { email: t.email });
				expect(response.status).toBe(202);
			}
			expect(mailTo(t.email.toLowerCase())).toHaveLength(5);
			h.clock.now += HOUR;
			await h.post('/api/accounts/resend', { email: t.email });
			expect(mailTo(t.email.toLowerCase())).toHaveLength(6);
		});

		it('refuses state-changing requests from another origin', async () => {
			const t = traveller();
			const response = await h.post('/api/accounts/register', t, undefined, 'https://evil.example');
			expect(response.status).toBe(403);
			expect(mailTo(t.email.toLowerCase())).toHaveLength(0);
		});
	});
}

describe('without SMTP', () => {
	it('writes the e-mail as .eml to DATA_DIR/outbox and logs the link without the address', async () => {
		const h = await startHarness(factories[0]!, false);
		try {
			const t = traveller('en');
			expect((await h.post('/api/accounts/register', t)).status).toBe(202);
			const files = fs.readdirSync(path.join(h.dataDir, 'outbox'));
			expect(files).toHaveLength(1);
			expect(files[0]).toMatch(/\.eml$/);
			const raw = fs.readFileSync(path.join(h.dataDir, 'outbox', files[0]!), 'utf8');
			expect(raw).toMatch(/^To: .*@example\.test/im);
			const link = linkFrom(raw);
			const logged = h.logs.join('\n');
			expect(logged).toContain(link);
			expect(logged.toLowerCase()).not.toContain(t.email.toLowerCase());
			const token = new URLSearchParams(new URL(link).hash.slice(1)).get('token');
			expect((await h.post('/api/accounts/confirm', { token })).status).toBe(200);
		} finally {
			await h.close();
		}
	});
});
