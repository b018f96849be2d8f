import { type ChildProcess, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { emptyDocumentForm } from '$lib/domain/documents/document-form';
import type { IdentityDocumentRecord } from '$lib/domain/records/record-types';
import { chooseOtherDeviceValue, editDocument, registerDocument } from '$lib/documents/document-store';
import { ConflictResolver, pulledIds, resolveConflict } from './conflicts';
import type { RecordsDb } from './records-db';

/*
 * Two devices of one traveller — real PouchDB 9 in Node — edit the same document while offline, then sync
 * through the real sync-server on 127.0.0.1 (SQLite and PostgreSQL), each merging what it pulls exactly
 * as the app's Replication does (ConflictResolver fed by the sync's 'change' events). The server runs in
 * its own process (sync-server/test/replication/serve-for-app-tests.ts): the app never imports server code.
 */

const require = createRequire(import.meta.url);
const PouchDB: PouchDB.Static = require('pouchdb-core')
	.plugin(require('pouchdb-adapter-memory'))
	.plugin(require('pouchdb-adapter-http'))
	.plugin(require('pouchdb-replication'));

const ROOT = path.resolve(import.meta.dirname, '../../..');
const SERVE = path.join(ROOT, 'sync-server/test/replication/serve-for-app-tests.ts');

interface TestServer {
	/** The traveller's virtual database `/db/me`, as this user. */
	me(user: string): RecordsDb;
	close(): Promise<void>;
}

/** Starts the server process; null when PostgreSQL is asked for and not reachable (the suite is skipped). */
async function startServer(kind: 'sqlite' | 'postgres'): Promise<TestServer | null> {
	const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', SERVE, kind], {
		cwd: ROOT,
		stdio: ['pipe', 'pipe', 'inherit']
	});
	const first = await new Promise<string>((resolve, reject) => {
		let output = '';
		child.stdout!.on('data', (chunk: Buffer) => {
			output += chunk.toString();
			if (output.includes('\n')) resolve(output.split('\n')[0]!);
		});
		child.on('exit', (code) => reject(new Error(`test server exited with ${code}`)));
	});
	const started = JSON.parse(first) as { url?: string; secret?: string; unavailable?: boolean };
	if (started.unavailable) return null;
	return {
		me: (user) =>
			new PouchDB(`${started.url}/db/me`, {
				skip_setup: true,
				fetch: (url: string | Request, init?: RequestInit) => {
					const headers = new Headers(init?.headers);
					headers.set('x-test-traveller', `${started.secret}:${user}`);
					return PouchDB.fetch(url, { ...init, headers });
				}
			} as PouchDB.Configuration.RemoteDatabaseConfiguration),
		close: () =>
			new Promise<void>((resolve) => {
				child.removeAllListeners('exit');
				child.once('exit', () => resolve());
				child.kill('SIGTERM');
			})
	};
}

let dbCount = 0;
const at = (minute: number) => new Date(`2025-03-02T09:${String(minute).padStart(2, '0')}:00.000Z`);

interface Device {
	db: RecordsDb;
	sync?: { cancel(): void };
}

/** A device's own database; `compacting` as the app's databases were before conflicts were merged. */
function device(options: { compacting?: boolean } = {}): Device {
	dbCount += 1;
	const db = new PouchDB(`device-${process.pid}-${dbCount}`, {
		adapter: 'memory',
		auto_compaction: options.compacting ?? false
	});
	return { db };
}

function once(from: RecordsDb, to: RecordsDb) {
	return PouchDB.replicate(from, to);
}

/**
 * Live two-way sync with the server, merging conflicts as they arrive — the app's wiring (Replication).
 * `askServer: false` stands for a device that cannot get the common revision from the server either.
 */
function goOnline(server: TestServer, user: string, phone: Device, options = { askServer: true }): void {
	const remote = server.me(user);
	const resolver = new ConflictResolver(phone.db, options.askServer ? { remote } : {});
	void resolver.resolveAll();
	const handle = phone.db.sync(remote, { live: true, retry: true });
	handle.on('change', (info) => void resolver.resolve(pulledIds(info)));
	phone.sync = handle;
}

type Stored = IdentityDocumentRecord & { _conflicts?: string[] };

/** Waits until the server and every device hold one and the same revision, with no conflict left. */
async function settled(server: TestServer, user: string, id: string, devices: Device[]): Promise<Stored> {
	const remote = server.me(user);
	try {
		await expect
			.poll(
				async () => {
					const all = [remote, ...devices.map((d) => d.db)];
					const docs = await Promise.all(all.map((db) => db.get<Stored>(id, { conflicts: true })));
					if (process.env.DEBUG_CONFLICTS) console.log(JSON.stringify(docs));
					return docs.every((doc) => doc._rev === docs[0]!._rev && !doc._conflicts?.length);
				},
				{ timeout: 15_000, interval: 100 }
			)
			.toBe(true);
	} finally {
		for (const d of devices) d.sync?.cancel();
	}
	return remote.get<Stored>(id, { conflicts: true });
}

async function registerErika(db: RecordsDb): Promise<IdentityDocumentRecord> {
	const form = {
		...emptyDocumentForm(),
		issuingState: 'DEU',
		nationality: 'DEU',
		surnames: 'MUSTERMANN',
		givenNames: 'ERIKA',
		documentNumber: 'C01X00T47',
		birthDate: '1983-08-12',
		expiryDate: '2031-10-31',
		sex: 'F' as const,
		placeOfBirth: 'BERLIN'
	};
	return registerDocument(db, form, null, 'mrz', new Date('2025-03-01T10:00:00.000Z'));
}

for (const kind of ['sqlite', 'postgres'] as const) {
	const started = await startServer(kind);
	describe.skipIf(!started)(`two devices editing one document offline (${kind})`, () => {
		const server = started!;
		afterAll(async () => {
			await server.close();
		});

		it('merges field by field and keeps the value that lost visible, on both devices and the server', async () => {
			const user = 'u-two-devices';
			const phone = device();
			const laptop = device();
			const doc = await registerErika(phone.db);
			await once(phone.db, server.me(user));
			await once(server.me(user), laptop.db);

			// Offline on both: different fields, and the given names on both (the phone edits them later).
			await editDocument(phone.db, doc._id, { givenNames: 'ERIKA MARIA', placeOfBirth: 'HAMBURG' }, at(7));
			await editDocument(laptop.db, doc._id, { givenNames: 'ERICA', expiryDate: '2032-01-15' }, at(4));

			goOnline(server, user, phone);
			goOnline(server, user, laptop);
			const merged = await settled(server, user, doc._id, [phone, laptop]);

			expect(merged.givenNames).toBe('ERIKA MARIA');
			expect(merged.placeOfBirth).toBe('HAMBURG');
			expect(merged.expiryDate).toBe('2032-01-15');
			expect(merged.surnames).toBe('MUSTERMANN');
			expect(merged.otherDeviceValues).toEqual([
				{ field: 'givenNames', value: 'ERICA', changedAt: at(4).toISOString() }
			]);
			// The losing leaf was deleted, not left as a conflict; its value lives on in the record.
			const leaves = await server.me(user).get(doc._id, {
				open_revs: 'all'
			});
			const live = leaves.filter((leaf) => 'ok' in leaf && !(leaf.ok as { _deleted?: boolean })._deleted);
			expect(live).toHaveLength(1);

			// The traveller on the laptop picks the other device's value: it reaches the phone.
			const entry = merged.otherDeviceValues![0]!;
			await chooseOtherDeviceValue(laptop.db, doc._id, entry, 'use', at(20));
			await once(laptop.db, server.me(user));
			await once(server.me(user), phone.db);
			const chosen = await phone.db.get<Stored>(doc._id);
			expect(chosen.givenNames).toBe('ERICA');
			expect(chosen.otherDeviceValues).toBeUndefined();
		});

		it('gets the common revision from the server when the devices compacted it away', async () => {
			const user = 'u-compacted';
			const phone = device({ compacting: true });
			const laptop = device({ compacting: true });
			const doc = await registerErika(phone.db);
			await once(phone.db, server.me(user));
			await once(server.me(user), laptop.db);

			await editDocument(phone.db, doc._id, { documentNumber: 'C01X00T48' }, at(2));
			await editDocument(laptop.db, doc._id, { documentNumber: 'C01X00T49' }, at(9));
			await editDocument(laptop.db, doc._id, { placeOfBirth: 'KÖLN' }, at(10));

			goOnline(server, user, phone);
			goOnline(server, user, laptop);
			const merged = await settled(server, user, doc._id, [phone, laptop]);

			expect(merged.documentNumber).toBe('C01X00T49');
			expect(merged.placeOfBirth).toBe('KÖLN');
			// Only the field both changed is offered: the server proved BERLIN was replaced on purpose.
			expect(merged.otherDeviceValues).toEqual([
				{ field: 'documentNumber', value: 'C01X00T48', changedAt: at(2).toISOString() }
			]);
		});

		it('without the common revision anywhere, the later edit wins and the older values stay', async () => {
			const user = 'u-no-ancestor';
			const phone = device({ compacting: true });
			const laptop = device({ compacting: true });
			const doc = await registerErika(phone.db);
			await once(phone.db, server.me(user));
			await once(server.me(user), laptop.db);

			await editDocument(phone.db, doc._id, { documentNumber: 'C01X00T48' }, at(2));
			await editDocument(laptop.db, doc._id, { documentNumber: 'C01X00T49' }, at(9));
			await editDocument(laptop.db, doc._id, { placeOfBirth: 'KÖLN' }, at(10));

			goOnline(server, user, phone, { askServer: false });
			goOnline(server, user, laptop, { askServer: false });
			const merged = await settled(server, user, doc._id, [phone, laptop]);

			expect(merged.documentNumber).toBe('C01X00T49');
			expect(merged.placeOfBirth).toBe('KÖLN');
			const kept = (merged.otherDeviceValues ?? []).map(({ field, value }) => `${field}=${String(value)}`);
			expect(kept.sort()).toEqual(['documentNumber=C01X00T48', 'placeOfBirth=BERLIN']);
		});

		it('lets an edit beat a deletion made on another device', async () => {
			const user = 'u-delete-edit';
			const phone = device();
			const laptop = device();
			const doc = await registerErika(phone.db);
			await once(phone.db, server.me(user));
			await once(server.me(user), laptop.db);

			await phone.db.remove(await phone.db.get(doc._id));
			await editDocument(laptop.db, doc._id, { placeOfBirth: 'MÜNCHEN' }, at(5));

			goOnline(server, user, phone);
			goOnline(server, user, laptop);
			const kept = await settled(server, user, doc._id, [phone, laptop]);
			expect(kept.placeOfBirth).toBe('MÜNCHEN');
		});

		it('never rewrites an immutable record: both revisions stay stored, the same one shown everywhere', async () => {
			const user = 'u-immutable';
			const phone = device();
			const laptop = device();
			const id = `document-image:${crypto.randomUUID()}`;
			const file = (rev: string, byteLength: number) => ({
				_id: id,
				_rev: rev,
				type: 'document-image',
				createdAt: '2025-03-01T10:00:00.000Z',
				purpose: 'passport',
				contentType: 'image/jpeg',
				byteLength
			});
			// Written by a tool, not the app (the app writes a file once): two different first revisions.
			await phone.db.bulkDocs([file('1-aaaa', 100)], { new_edits: false });
			await laptop.db.bulkDocs([file('1-bbbb', 200)], { new_edits: false });
			await once(phone.db, server.me(user));
			await once(laptop.db, server.me(user));
			await once(server.me(user), phone.db);

			expect(await resolveConflict(phone.db, id)).toBe('kept');
			const onPhone = await phone.db.get<{ byteLength: number; _conflicts?: string[] }>(id, {
				conflicts: true
			});
			const onServer = await server.me(user).get(id, { conflicts: true });
			expect(onPhone._rev).toBe(onServer._rev);
			expect(onPhone._conflicts).toEqual(onServer._conflicts);
			expect(onPhone._conflicts).toHaveLength(1);
			const other = await phone.db.get<{ byteLength: number }>(id, { rev: onPhone._conflicts![0] });
			expect([onPhone.byteLength, other.byteLength].sort()).toEqual([100, 200]);
		});
	});
}
