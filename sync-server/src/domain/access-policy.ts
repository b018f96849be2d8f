import { CouchError, forbidden, notFound, unauthorized } from './couch-error.js';

/** Who asks, as the domain sees it (mirrors http/principal.ts without depending on it). */
export type Actor =
	| { role: 'traveller'; userId: string; confirmed?: boolean }
	| { role: 'officer'; userId: string }
	| { role: 'admin'; userId: 'admin' }
	| null;

/** The database a request works on: a traveller's virtual database, or an operator's named one. */
export type DatabaseTarget = { kind: 'user'; ownerUserId: string } | { kind: 'named'; name: string };

/** The one virtual database every traveller sees. */
export const VIRTUAL_DB = 'me';

/** Record types only the server writes: receipt signatures and entry authorizations. */
export const SERVER_ONLY_TYPES: ReadonlySet<string> = new Set(['receipt', 'entry']);

/** Decides which database `/db/{name}` means for this actor; never reveals whether other databases exist. */
export function resolveDatabase(actor: Actor, name: string): DatabaseTarget {
	if (!actor) throw unauthorized();
	if (actor.role === 'traveller') {
		if (name === VIRTUAL_DB) return { kind: 'user', ownerUserId: actor.userId };
		throw notFound('Database does not exist.');
	}
	if (actor.role === 'admin') {
		if (name === VIRTUAL_DB) throw notFound('Database does not exist.');
		return { kind: 'named', name };
	}
	throw forbidden('Officers have no replication database.');
}

/** Only a server admin manages named databases. */
export function requireAdmin(actor: Actor): void {
	if (!actor) throw unauthorized();
	if (actor.role !== 'admin') throw forbidden('You are not a server admin.');
}

export interface ExistingDocFacts {
	/** True when the server wrote this document (any revision of a server-only type). */
	serverOwned: boolean;
}

/**
 * May a traveller write this revision? Server-only record types are refused, and so is any change
 * (update, delete, conflicting branch) to a document the server owns. Returns the refusal or null.
 */
export function travellerWriteRefusal(
	doc: { type?: unknown; _id?: unknown },
	existing: ExistingDocFacts | undefined
): CouchError | null {
	if (typeof doc.type === 'string' && SERVER_ONLY_TYPES.has(doc.type)) {
		return forbidden(`Only the server writes records of type "${doc.type}".`);
	}
	if (existing?.serverOwned) return forbidden('This record is written by the server only.');
	if (typeof doc._id === 'string' && doc._id.startsWith('_design/')) {
		return forbidden('Travellers cannot write design documents.');
	}
	return null;
}

/** Whether a document revision is of a server-only type (the storage remembers it per document). */
export function isServerOnlyType(type: unknown): boolean {
	return typeof type === 'string' && SERVER_ONLY_TYPES.has(type);
}

export function isCouchError(error: unknown): error is CouchError {
	return error instanceof CouchError;
}
