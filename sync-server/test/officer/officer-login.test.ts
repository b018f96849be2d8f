import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresReachable } from '../replication/harness.js';
import {
	codeFor,
	cookieOf,
	enrolledOfficer,
	type OfficerHarness,
	startOfficerHarness,
	travellerSession
} from './harness.js';

const hasPg = await postgresReachable();

describe.each([
	{ kind: 'sqlite' as const, skip: false },
	{ kind: 'postgres' as const, skip: !hasPg }
])('officer log-in on $kind', ({ kind, skip }) => {
	let h: OfficerHarness;
	beforeAll(async () => {
		if (!skip) h = await startOfficerHarness(kind);
	});
	afterAll(async () => {
		if (!skip) await h.close();
	});

	it.skipIf(skip)(
		'first log-in: one-time password, then a new password, then TOTP enrolment; no session before',
		async () => {
			const email = 'first.login@inm.example';
			const { password: oneTime } = await h.auth.addOfficer(email);
			expect(oneTime.length).toBeGreaterThanOrEqual(16);

			const start = await h.call('POST', '/api/officer/login', { email, password: oneTime });
			expect(start.status).toBe(200);
			expect(start.headers.get('set-cookie')).toBeNull();
			const first = await start.json();
			expect(first.next).toBe('change_password');
			expect(first.otpauthUri).toBeUndefined();

			const weak = await h.call('POST', '/api/officer/login/password', {
				challenge: first.challenge,
				password: 'short'
			});
			expect(weak.status).toBe(400);
			const changed = await (
				await h.call('POST', '/api/officer/login/password', {
					challenge: first.challenge,
					password: 'guardia del aeropuerto 7'
				})
			).json();
			expect(changed.next).toBe('enroll');
			expect(changed.otpauthUri).toMatch(
				/^otpauth:\/\/totp\/Arribo:first\.login%40inm\.example\?.*secret=[A-Z2-7]+/
			);

			const wrong = await h.call('POST', '/api/officer/login/code', {
				challenge: changed.challenge,
				code: '000000'
			});
			expect(wrong.status).toBe(400);
			expect(wrong.headers.get('set-cookie')).toBeNull();
			const right = await h.call('POST', '/api/officer/login/code', {
				challenge: changed.challenge,
				code: codeFor(changed.otpauthUri, h.clock.now)
			});
			expect(right.status).toBe(200);
			const cookie = cookieOf(right);
			expect(right.headers.get('set-cookie')).toMatch(/HttpOnly; SameSite=Strict$/); // no Max-Age: browser session
			const session = await (await h.call('GET', '/api/officer/session', undefined, cookie)).json();
			expect(session.role).toBe('officer');
			// Officer sessions: 30 minutes idle.
			expect(session.expiresAt - h.clock.now).toBe(30 * 60_000);

			// The one-time password is gone; the new password leads straight to the code, and a used code is refused.
			expect((await h.call('POST', '/api/officer/login', { email, password: oneTime })).status).toBe(401);
			const again = await (
				await h.call('POST', '/api/officer/login', { email, password: 'guardia del aeropuerto 7' })
			).json();
			expect(again.next).toBe('verify');
			const replay = await h.call('POST', '/api/officer/login/code', {
				challenge: again.challenge,
				code: codeFor(changed.otpauthUri, h.clock.now)
			});
			expect(replay.status).toBe(400);
			h.clock.now += 30_000;
			const next = await h.call('POST', '/api/officer/login/code', {
				challenge: again.challenge,
				code: codeFor(changed.otpauthUri, h.clock.now)
			});
			expect(next.status).toBe(200);
		}
	);

	it.skipIf(skip)('the password alone never makes an officer', async () => {
		const officer = await enrolledOfficer(h);
		// The travellers' door does not admit officers at all…
		const viaTravellerLogin = await h.call('POST', '/api/accounts/login', {
			email: officer.email,
			password: officer.password
		});
		expect(viaTravellerLogin.status).toBe(401);
		expect(viaTravellerLogin.headers.get('set-cookie')).toBeNull();
		// …and should an officer session ever be made without the second factor, it acts as nobody.
		const bare = await h.accounts.login(officer.email, officer.password, {
			remember: false,
			clientAddress: '127.0.0.1',
			roles: ['officer']
		});
		if (!bare.ok) throw new Error('password check failed');
		const cookie = `arribo_session=${bare.token}`;
		expect((await h.call('GET', '/api/officer/session', undefined, cookie)).status).toBe(401);
		expect((await h.call('GET', '/api/officer/dashboard', undefined, cookie)).status).toBe(401);
		expect((await h.call('GET', '/db/me', undefined, cookie)).status).toBe(401);
		expect((await h.call('GET', '/api/officer/session', undefined, officer.cookie)).status).toBe(200);
	});

	it.skipIf(skip)('wrong codes end the log-in after five tries', async () => {
		const officer = await enrolledOfficer(h);
		const start = await (
			await h.call('POST', '/api/officer/login', { email: officer.email, password: officer.password })
		).json();
		for (let i = 0; i < 5; i++) {
			expect(
				(await h.call('POST', '/api/officer/login/code', { challenge: start.challenge, code: '123456' }))
					.status
			).toBe(400);
		}
		h.clock.now += 30_000;
		const late = await h.call('POST', '/api/officer/login/code', {
			challenge: start.challenge,
			code: codeFor(officer.uri, h.clock.now)
		});
		expect(late.status).toBe(401);
	});

	it.skipIf(skip)(
		'officer sessions end after 30 idle minutes and after 12 hours whatever happens',
		async () => {
			const idle = await enrolledOfficer(h);
			h.clock.now += 29 * 60_000;
			expect((await h.call('GET', '/api/officer/session', undefined, idle.cookie)).status).toBe(200);
			h.clock.now += 31 * 60_000;
			expect((await h.call('GET', '/api/officer/session', undefined, idle.cookie)).status).toBe(401);

			h.clock.now += 60_000;
			const busy = await enrolledOfficer(h);
			for (let minutes = 0; minutes < 12 * 60 - 20; minutes += 20) {
				h.clock.now += 20 * 60_000;
				expect((await h.call('GET', '/api/officer/session', undefined, busy.cookie)).status).toBe(200);
			}
			h.clock.now += 21 * 60_000;
			expect((await h.call('GET', '/api/officer/session', undefined, busy.cookie)).status).toBe(401);
		}
	);

	it.skipIf(skip)(
		"travellers cannot log in as officers, and officer:add refuses a traveller's e-mail",
		async () => {
			const traveller = await travellerSession(h);
			const start = await h.call('POST', '/api/officer/login', {
				email: traveller.email,
				password: traveller.password
			});
			expect(start.status).toBe(401);
			expect(await start.json()).toEqual({ error: 'invalid_credentials' });
			await expect(h.auth.addOfficer(traveller.email)).rejects.toThrow(/traveller/);
			await expect(h.auth.addOfficer('not-an-email')).rejects.toThrow();
		}
	);
});
