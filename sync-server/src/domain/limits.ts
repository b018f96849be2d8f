import { badRequest, CouchError } from './couch-error.js';

/** Hard limits on what one request may ask of the server; all of them answer 4xx, never a crash. */
export const LIMITS = {
	/** Decoded size of one attachment: the app sends at most 2 MB, the rest is margin. */
	attachmentBytes: 3 * 1024 * 1024,
	docsPerBatch: 1000,
	jsonDepth: 32,
	idLength: 200,
	/** _bulk_docs carries base64 attachments inline; other JSON bodies are small. */
	bulkBodyBytes: 64 * 1024 * 1024,
	jsonBodyBytes: 4 * 1024 * 1024,
	changesLimit: 10_000,
	longpollMaxMs: 60_000
} as const;

// Printable characters only: no control characters, no line breaks, nothing that would upset a log or a URL.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;

/** CouchDB's rule for document ids, plus a length cap. `_design/` and `_local/` are the only reserved prefixes. */
export function validateDocId(id: unknown): string {
	if (typeof id !== 'string' || id.length === 0) throw badRequest('Document id must be a non-empty string.');
	if (id.length > LIMITS.idLength)
		throw badRequest(`Document id is longer than ${LIMITS.idLength} characters.`);
	if (CONTROL.test(id)) throw badRequest('Document id contains control characters.');
	if (id.startsWith('_') && !id.startsWith('_design/')) {
		throw badRequest('Only reserved document ids may start with underscore.');
	}
	return id;
}

const REV = /^[1-9]\d{0,8}-[0-9a-zA-Z]{1,64}$/;
/** A revision string `N-hash`; anything else is a 400, as in CouchDB. */
export function validateRev(rev: unknown): string {
	if (typeof rev !== 'string' || !REV.test(rev)) throw badRequest('Invalid rev format');
	return rev;
}

export function isValidRev(rev: unknown): rev is string {
	return typeof rev === 'string' && REV.test(rev);
}

/** Depth of a parsed JSON value, counted without recursion so hostile input cannot blow the stack. */
export function jsonDepthExceeds(value: unknown, max: number): boolean {
	const stack: [unknown, number][] = [[value, 1]];
	while (stack.length > 0) {
		const [node, depth] = stack.pop()!;
		if (node === null || typeof node !== 'object') continue;
		if (depth > max) return true;
		for (const child of Object.values(node as object)) stack.push([child, depth + 1]);
	}
	return false;
}

/** Named databases follow CouchDB's naming rule without `/`; `me` is the traveller's virtual database. */
export function validateDbName(name: string): string {
	if (!/^[a-z][a-z0-9_$()+-]{0,127}$/.test(name) || name === 'me') {
		throw new CouchError(
			400,
			'illegal_database_name',
			'Name must begin with a letter and contain only a-z, 0-9, _$()+- (and not be "me").'
		);
	}
	return name;
}
