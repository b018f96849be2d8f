import { type Actor, requireAdmin, resolveDatabase } from '../domain/access-policy.js';
import { CouchError, notFound } from '../domain/couch-error.js';
import { validateDbName } from '../domain/limits.js';
import type { DocumentStore } from '../storage/port.js';
import type { Writer } from './write-planner.js';

/** A database a request may work on, after the access policy said yes. */
export interface OpenDb {
	dbId: number;
	name: string;
	writer: Writer;
	/** The traveller whose virtual database this is (absent for named databases). */
	ownerUserId?: string;
	/**
	 * Whether registrations (submissions) may be written here: a traveller's only once their e-mail is
	 * confirmed. Drafts stay on the device, and documents and files are accepted before that.
	 */
	mayRegister: boolean;
}

export class Databases {
	constructor(private readonly store: DocumentStore) {}

	/** `/db/{name}` for this actor: a traveller's `me`, or an admin's named database. */
	async open(actor: Actor, name: string): Promise<OpenDb> {
		const target = resolveDatabase(actor, name);
		if (target.kind === 'user') {
			return {
				dbId: await this.store.userDatabase(target.ownerUserId),
				name,
				writer: 'traveller',
				ownerUserId: target.ownerUserId,
				mayRegister: actor?.role === 'traveller' && actor.confirmed === true
			};
		}
		const dbId = await this.store.namedDatabase(target.name);
		if (dbId === null) throw notFound('Database does not exist.');
		return { dbId, name, writer: 'admin', mayRegister: true };
	}

	/** The server's own handle on a traveller's virtual database (receipts, entries, officer review). */
	async forOwner(ownerUserId: string): Promise<OpenDb> {
		return {
			dbId: await this.store.userDatabase(ownerUserId),
			name: 'me',
			writer: 'server',
			ownerUserId,
			mayRegister: true
		};
	}

	/**
	 * A traveller's virtual database as a kiosk's delivery credential writes to it: held to every traveller
	 * rule of the write path (the credential's own, narrower scope is checked before).
	 */
	async forDelivery(ownerUserId: string, ownerConfirmed: boolean): Promise<OpenDb> {
		return {
			dbId: await this.store.userDatabase(ownerUserId),
			name: 'me',
			writer: 'traveller',
			ownerUserId,
			mayRegister: ownerConfirmed
		};
	}

	async create(actor: Actor, name: string): Promise<void> {
		if (name === 'me' && actor?.role === 'traveller') {
			throw new CouchError(412, 'file_exists', 'The database could not be created, the file already exists.');
		}
		requireAdmin(actor);
		validateDbName(name);
		if (!(await this.store.createNamedDatabase(name))) {
			throw new CouchError(412, 'file_exists', 'The database could not be created, the file already exists.');
		}
	}

	async delete(actor: Actor, name: string): Promise<void> {
		requireAdmin(actor);
		if (!(await this.store.deleteNamedDatabase(name))) throw notFound('Database does not exist.');
	}

	async list(actor: Actor): Promise<string[]> {
		requireAdmin(actor);
		return this.store.listNamedDatabases();
	}

	async info(db: OpenDb): Promise<Record<string, unknown>> {
		const info = await this.store.info(db.dbId);
		return {
			db_name: db.name,
			doc_count: info.docCount,
			doc_del_count: info.docDelCount,
			update_seq: info.updateSeq,
			purge_seq: 0,
			compact_running: false,
			instance_start_time: '0',
			disk_format_version: 8
		};
	}
}
