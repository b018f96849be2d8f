import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { GroupCommit } from './group-commit.js';
import { fdatasync, WalSync } from './wal-sync.js';

/** A WAL database in a fresh directory, and the real WAL flush with every start and end written down. */
function setup() {
	const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'arribo-commit-')), 'db.sqlite');
	const db = new Database(file);
	db.pragma('journal_mode = WAL');
	db.pragma('synchronous = FULL');
	db.exec('CREATE TABLE t (k INTEGER PRIMARY KEY, v TEXT NOT NULL)');
	const events: string[] = [];
	const wal = new WalSync(`${file}-wal`, async (fd) => {
		events.push('flush started');
		await fdatasync(fd);
		events.push('flush done');
	});
	// A second connection sees only what was committed.
	const reader = new Database(file, { readonly: true });
	const committed = () => (reader.prepare('SELECT count(*) AS n FROM t').get() as { n: number }).n;
	return { db, wal, events, committed, close: () => (wal.close(), reader.close(), db.close()) };
}

describe('SQLite group commit', () => {
	it('answers a durable write only after the WAL was flushed, the commit coming first', async () => {
		const { db, wal, events, committed, close } = setup();
		const commits = new GroupCommit(db, wal);
		const insert = db.prepare('INSERT INTO t (v) VALUES (?)');
		const written = Promise.all(
			['a', 'b', 'c'].map((v) =>
				commits.run(() => {
					insert.run(v);
					return v;
				})
			)
		).then((values) => {
			events.push(`answered ${values.join('')} with ${committed()} rows committed`);
		});
		await written;
		// One transaction, one flush, then the answers.
		expect(events).toEqual(['flush started', 'flush done', 'answered abc with 3 rows committed']);
		// Other code on the connection (accounts, officers) is back to waiting for the disk itself.
		expect(db.pragma('synchronous', { simple: true })).toBe(2);
		close();
	});

	it('answers a checkpoint-only batch without a flush, and a failing write alone', async () => {
		const { db, wal, events, close } = setup();
		const commits = new GroupCommit(db, wal);
		const insert = db.prepare('INSERT INTO t (v) VALUES (?)');
		await commits.run(() => insert.run('checkpoint'), false);
		expect(events).toEqual([]);
		const [good, bad] = await Promise.allSettled([
			commits.run(() => insert.run('good')),
			commits.run(() => insert.run(null))
		]);
		expect(good.status).toBe('fulfilled');
		expect(bad.status).toBe('rejected');
		expect(db.prepare('SELECT v FROM t ORDER BY k').all()).toEqual([{ v: 'checkpoint' }, { v: 'good' }]);
		expect(events).toEqual(['flush started', 'flush done']);
		close();
	});

	it('answers a checkpoint committed beside durable writes without waiting for their flush', async () => {
		const { db, wal, events, close } = setup();
		const commits = new GroupCommit(db, wal);
		const insert = db.prepare('INSERT INTO t (v) VALUES (?)');
		await Promise.all([
			commits.run(() => insert.run('write')).then(() => events.push('write answered')),
			commits.run(() => insert.run('checkpoint'), false).then(() => events.push('checkpoint answered'))
		]);
		expect(events).toEqual(['flush started', 'checkpoint answered', 'flush done', 'write answered']);
		close();
	});
});

describe('WAL flush', () => {
	it('makes a caller who arrives during a flush wait for the next one, and shares that one', async () => {
		const { wal, events, close } = setup();
		const first = wal.sync().then(() => events.push('first answered'));
		// Both arrive while the first flush runs: it may have missed their commits.
		const second = wal.sync().then(() => events.push('second answered'));
		const third = wal.sync().then(() => events.push('third answered'));
		await Promise.all([first, second, third]);
		expect(events).toEqual([
			'flush started',
			'flush done',
			'first answered',
			'flush started',
			'flush done',
			'second answered',
			'third answered'
		]);
		close();
	});

	it('reports a flush that fails and flushes again for the next caller', async () => {
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'arribo-wal-'));
		const wal = new WalSync(path.join(dir, 'missing-wal'));
		await expect(wal.sync()).rejects.toThrow(/ENOENT/);
		fs.writeFileSync(path.join(dir, 'missing-wal'), 'frames');
		await expect(wal.sync()).resolves.toBeUndefined();
		wal.close();
	});
});
