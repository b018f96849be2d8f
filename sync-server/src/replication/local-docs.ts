import { badRequest, conflict, notFound } from '../domain/couch-error.js';
import { LIMITS } from '../domain/limits.js';
import type { DocumentStore } from '../storage/port.js';
import type { OpenDb } from './databases.js';

/** `_local` documents (replication checkpoints): never replicated, never in `_changes`. */
export class LocalDocs {
	constructor(private readonly store: DocumentStore) {}

	private validId(id: string): string {
		// eslint-disable-next-line no-control-regex
		if (id.length === 0 || id.length > LIMITS.idLength || /[\u0000-\u001f]/.test(id))
			throw badRequest('Invalid local document id.');
		return id;
	}

	async get(db: OpenDb, id: string): Promise<Record<string, unknown>> {
		const doc = await this.store.getLocal(db.dbId, this.validId(id));
		if (!doc) throw notFound('missing');
		return { ...doc.body, _id: `_local/${id}`, _rev: doc.rev };
	}

	async put(db: OpenDb, id: string, input: unknown): Promise<{ ok: true; id: string; rev: string }> {
		if (input === null || typeof input !== 'object' || Array.isArray(input))
			throw badRequest('Document must be a JSON object.');
		const { _id: _ignored, _rev, ...body } = input as Record<string, unknown>;
		if (_rev !== undefined && typeof _rev !== 'string') throw badRequest('Invalid rev format');
		const rev = await this.store.putLocal(
			db.dbId,
			this.validId(id),
			(_rev as string | undefined) ?? null,
			body
		);
		if (!rev) throw conflict();
		return { ok: true, id: `_local/${id}`, rev };
	}

	async delete(
		db: OpenDb,
		id: string,
		rev: string | undefined
	): Promise<{ ok: true; id: string; rev: string }> {
		if (!(await this.store.deleteLocal(db.dbId, this.validId(id), rev ?? null))) {
			if (!(await this.store.getLocal(db.dbId, id))) throw notFound('missing');
			throw conflict();
		}
		return { ok: true, id: `_local/${id}`, rev: '0-0' };
	}
}
