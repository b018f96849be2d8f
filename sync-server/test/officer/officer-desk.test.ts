import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, postgresReachable } from '../replication/harness.js';
import { enrolledOfficer, type OfficerHarness, startOfficerHarness, travellerSession } from './harness.js';
import { issueReceipt, PNG, sendRegistration } from './seed.js';

const hasPg = await postgresReachable();

const authorize = (registrationId: string, decisionId = randomUUID()) => ({
	decisionId,
	registrationId,
	decision: 'authorized',
	daysAuthorized: 30,
	portOfEntry: 'MEX',
	entryAt: new Date().toISOString(),
	conditionOfStay: 'visitor_without_permission_to_work'
});

describe.each([
	{ kind: 'sqlite' as const, skip: false },
	{ kind: 'postgres' as const, skip: !hasPg }
])('officer console API on $kind', ({ kind, skip }) => {
	let h: OfficerHarness;
	let officer: Awaited<ReturnType<typeof enrolledOfficer>>;
	let traveller: Awaited<ReturnType<typeof travellerSession>>;
	beforeAll(async () => {
		if (skip) return;
		h = await startOfficerHarness(kind);
		officer = await enrolledOfficer(h);
		traveller = await travellerSession(h);
	});
	afterAll(async () => {
		if (!skip) await h.close();
	});

	it.skipIf(skip)("every officer endpoint: 403 for a traveller's session, 401 without one", async () => {
		const registrationId = await sendRegistration(h, traveller.userId);
		const file = `/api/officer/registrations/${registrationId}/files/x`;
		const endpoints: [string, string, unknown?][] = [
			['GET', '/api/officer/session'],
			['GET', '/api/officer/dashboard'],
			['GET', `/api/officer/registrations/${registrationId}`],
			['GET', file],
			['POST', '/api/officer/decisions', authorize(registrationId)],
			['POST', '/api/officer/logout', {}]
		];
		for (const [method, pathname, body] of endpoints) {
			const asTraveller = await h.call(method, pathname, body, traveller.cookie);
			expect(asTraveller.status, `${method} ${pathname}`).toBe(403);
			expect((await h.call(method, pathname, body)).status, `${method} ${pathname}`).toBe(401);
		}
		// Nothing was decided by those attempts.
		expect(await h.officers.findDecision(registrationId)).toBeNull();
	});

	it.skipIf(skip)('reviewing a registration shows it whole, and every view is in the audit log', async () => {
		const registrationId = await sendRegistration(h, traveller.userId);
		await issueReceipt(h, traveller.userId, registrationId);
		const before = Date.now();
		const response = await h.call(
			'GET',
			`/api/officer/registrations/${registrationId}`,
			undefined,
			officer.cookie
		);
		expect(response.status).toBe(200);
		expect(response.headers.get('cache-control')).toBe('no-store');
		const view = await response.json();
		expect(view.registration.trip.flightNumber).toBe('401');
		expect(view.identityDocument.documentNumber).toBe('L898902C3');
		expect(view.receipt.folio).toBe('ARB-2026-000123');
		expect(view.entry).toBeNull();
		expect(view.files.map((f: { purpose: string }) => f.purpose).sort()).toEqual([
			'exit-ticket',
			'lodging',
			'passport'
		]);
		const passport = view.files.find((f: { purpose: string }) => f.purpose === 'passport');
		const image = await h.call(
			'GET',
			`/api/officer/registrations/${registrationId}/files/${passport.id}`,
			undefined,
			officer.cookie
		);
		expect(image.headers.get('content-type')).toBe('image/png');
		expect(Buffer.from(await image.arrayBuffer()).equals(PNG)).toBe(true);
		// A record that is not one of this registration's files is not served.
		const other = await h.call(
			'GET',
			`/api/officer/registrations/${registrationId}/files/${view.identityDocument._id}`,
			undefined,
			officer.cookie
		);
		expect(other.status).toBe(404);

		const audit = await h.officers.listAudit({ registrationId });
		expect(audit.map((a) => a.action)).toEqual(['view_registration', 'view_file']);
		const session = await (await h.call('GET', '/api/officer/session', undefined, officer.cookie)).json();
		for (const entry of audit) {
			expect(entry.officerId).toBe(session.userId);
			expect(entry.ownerUserId).toBe(traveller.userId);
			expect(entry.at).toBeGreaterThanOrEqual(before - 60_000);
		}
		expect(audit[1]!.detail).toEqual({ fileId: passport.id });
		// A lookup of something that does not exist is audited too (who searched for what).
		const missing = `registration:${randomUUID()}`;
		expect(
			(await h.call('GET', `/api/officer/registrations/${missing}`, undefined, officer.cookie)).status
		).toBe(404);
		expect((await h.officers.listAudit({ registrationId: missing })).map((a) => a.action)).toEqual([
			'lookup_not_found'
		]);

		// Only the server admin reads the log over HTTP; officers and travellers are refused.
		const path = `/api/admin/audit?registrationId=${encodeURIComponent(registrationId)}`;
		expect((await h.call('GET', path, undefined, officer.cookie)).status).toBe(403);
		expect((await h.call('GET', path, undefined, traveller.cookie)).status).toBe(403);
		expect((await h.call('GET', path)).status).toBe(401);
		const basic = Buffer.from(`${ADMIN.user}:${ADMIN.password}`).toString('base64');
		const read = await fetch(h.base + path, { headers: { authorization: `Basic ${basic}` } });
		expect((await read.json()).entries.map((a: { action: string }) => a.action)).toEqual([
			'view_registration',
			'view_file'
		]);
	});

	it.skipIf(skip)('the audit log is append-only in the database itself', async () => {
		await expect(h.sql("UPDATE audit_log SET action = 'nothing'")).rejects.toThrow(/append-only/);
		await expect(h.sql('DELETE FROM audit_log')).rejects.toThrow(/append-only/);
		expect((await h.officers.listAudit({})).length).toBeGreaterThan(0);
	});

	it.skipIf(skip)("authorizing writes the entry record into the traveller's database, once", async () => {
		const registrationId = await sendRegistration(h, traveller.userId);
		await issueReceipt(h, traveller.userId, registrationId);
		const invalid = await h.call(
			'POST',
			'/api/officer/decisions',
			{ ...authorize(registrationId), daysAuthorized: 181 },
			officer.cookie
		);
		expect(invalid.status).toBe(400);
		expect((await invalid.json()).fields).toEqual({ daysAuthorized: 'invalid' });

		const decision = authorize(registrationId);
		const first = await h.call('POST', '/api/officer/decisions', decision, officer.cookie);
		expect(first.status).toBe(201);
		const { entry } = await first.json();
		expect(entry).toMatchObject({
			type: 'entry',
			decision: 'authorized',
			daysAuthorized: 30,
			folio: 'ARB-2026-000123'
		});
		expect(entry.fmmNumber).toMatch(/^FMM\d{13}$/);

		// The traveller's own replication sees it.
		const uuid = registrationId.slice('registration:'.length);
		const synced = await h.call('GET', `/db/me/entry:${uuid}`, undefined, traveller.cookie);
		expect(synced.status).toBe(200);
		expect((await synced.json()).fmmNumber).toBe(entry.fmmNumber);

		// The same decision sent again (offline outbox retry): the same answer, nothing new.
		const retry = await h.call('POST', '/api/officer/decisions', decision, officer.cookie);
		expect(retry.status).toBe(200);
		expect((await retry.json()).entry.fmmNumber).toBe(entry.fmmNumber);
		// Another decision on the same registration, even by another officer: refused, showing the first.
		const second = await enrolledOfficer(h);
		const refused = await h.call(
			'POST',
			'/api/officer/decisions',
			{ ...authorize(registrationId), daysAuthorized: 90 },
			second.cookie
		);
		expect(refused.status).toBe(409);
		const body = await refused.json();
		expect(body.error).toBe('already_decided');
		expect(body.entry.fmmNumber).toBe(entry.fmmNumber);
		expect(body.entry.daysAuthorized).toBe(30);

		const dashboard = await (await h.call('GET', '/api/officer/dashboard', undefined, officer.cookie)).json();
		expect(dashboard.processed).toBe(1);
	});

	it.skipIf(skip)('refusing needs a reason and reaches the traveller as a refusal', async () => {
		const registrationId = await sendRegistration(h, traveller.userId);
		const base = {
			decisionId: randomUUID(),
			registrationId,
			decision: 'refused',
			entryAt: new Date().toISOString()
		};
		expect((await h.call('POST', '/api/officer/decisions', base, officer.cookie)).status).toBe(400);
		const done = await h.call(
			'POST',
			'/api/officer/decisions',
			{ ...base, refusalReason: 'Documento apócrifo' },
			officer.cookie
		);
		expect(done.status).toBe(201);
		const uuid = registrationId.slice('registration:'.length);
		const synced = await (await h.call('GET', `/db/me/entry:${uuid}`, undefined, traveller.cookie)).json();
		expect(synced).toMatchObject({ decision: 'refused', refusalReason: 'Documento apócrifo' });
		expect(synced.fmmNumber).toBeUndefined();
	});

	it.skipIf(skip)("a traveller can neither write an entry record nor change the server's", async () => {
		const registrationId = await sendRegistration(h, traveller.userId);
		const uuid = registrationId.slice('registration:'.length);
		const forged = {
			_id: `entry:${uuid}`,
			type: 'entry',
			decision: 'authorized',
			daysAuthorized: 180,
			registrationId
		};
		const attempt = await h.call('POST', '/db/me/_bulk_docs', { docs: [forged] }, traveller.cookie);
		expect(await attempt.json()).toEqual([expect.objectContaining({ id: forged._id, error: 'forbidden' })]);

		await h.call('POST', '/api/officer/decisions', authorize(registrationId), officer.cookie);
		const written = await (await h.call('GET', `/db/me/entry:${uuid}`, undefined, traveller.cookie)).json();
		const edit = await h.call(
			'POST',
			'/db/me/_bulk_docs',
			{ docs: [{ ...written, daysAuthorized: 180 }] },
			traveller.cookie
		);
		expect(await edit.json()).toEqual([expect.objectContaining({ error: 'forbidden' })]);
		const unchanged = await (await h.call('GET', `/db/me/entry:${uuid}`, undefined, traveller.cookie)).json();
		expect(unchanged.daysAuthorized).toBe(30);
	});
});
