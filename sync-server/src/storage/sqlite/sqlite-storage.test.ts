import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sqliteMigrations } from './migrations.js';
import { SqliteStorage } from './sqlite-storage.js';

const tempDir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'arribo-sqlite-'));

describe('SQLite storage', () => {
	it('migrates once, keeps its uuid across restarts, and runs in WAL mode', async () => {
		const dir = tempDir();
		const first = SqliteStorage.inDataDir(dir);
		await first.migrate();
		const uuid = await first.serverUuid();
		const versions = await first.appliedVersions();
		expect(uuid).toMatch(/^[0-9a-f]{32}$/);
		expect(first.db.pragma('journal_mode', { simple: true })).toBe('wal');
		await first.close();

		const second = SqliteStorage.inDataDir(dir);
		await second.migrate(); // a second start applies nothing twice
		expect(await second.serverUuid()).toBe(uuid);
		expect(await second.appliedVersions()).toEqual(versions);
		await second.close();
	});

	it('leaves the previous version intact when a migration fails half-way', async () => {
		const dir = tempDir();
		const broken = new SqliteStorage(path.join(dir, 'x.sqlite'), [
			{
				version: 1,
				name: 'ok',
				sql: "CREATE TABLE server_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL); INSERT INTO server_meta VALUES ('uuid', 'u1');"
			},
			{ version: 2, name: 'broken', sql: 'CREATE TABLE half (id INTEGER); INSERT INTO nowhere VALUES (1);' }
		]);
		await expect(broken.migrate()).rejects.toThrow(/nowhere/);
		expect(await broken.appliedVersions()).toEqual([1]);
		expect(broken.db.prepare("SELECT name FROM sqlite_master WHERE name = 'half'").get()).toBeUndefined();
		await broken.close();
	});

	it('keeps attachment bodies when they move to their own rowid table (migration 101)', async () => {
		const file = path.join(tempDir(), 'arribo.sqlite');
		const before = new SqliteStorage(
			file,
			sqliteMigrations.filter((m) => m.version < 101)
		);
		await before.migrate();
		const bytes = Buffer.alloc(200 * 1024, 9);
		before.db.prepare('INSERT INTO attachments (digest, data) VALUES (?, ?)').run('md5-x', bytes);
		await before.close();

		const after = new SqliteStorage(file);
		await after.migrate();
		expect(await after.appliedVersions()).toContain(101);
		expect(Buffer.compare((await after.documents.getAttachment('md5-x'))!, bytes)).toBe(0);
		expect(await after.documents.getAttachment('md5-unknown')).toBeNull();
		await after.close();
	});
});
