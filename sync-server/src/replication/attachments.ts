import { createHash } from 'node:crypto';
import { CouchError, badRequest } from '../domain/couch-error.js';
import { LIMITS } from '../domain/limits.js';
import type { AttachmentBlob, RevBody } from '../storage/port.js';

export interface AttachmentStub {
	content_type: string;
	digest: string;
	length: number;
	revpos: number;
	stub: true;
}

export function digestOf(data: Buffer): string {
	return 'md5-' + createHash('md5').update(data).digest('base64');
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** Bytes that base64 text of this length (no whitespace) stands for, padding taken off. */
function decodedLength(text: string): number {
	const padding = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
	return (text.length / 4) * 3 - padding;
}

export function decodeBase64(data: string): Buffer {
	// Fast path (PouchDB sends unbroken base64): Node's decoder skips or stops at characters outside the
	// alphabet, so the text was clean exactly when nothing was lost, which the decoded length shows without
	// a regular expression over megabytes. Node also takes the URL-safe `-` and `_`, which we do not.
	if (
		data.length % 4 === 0 &&
		(data.length * 3) / 4 <= LIMITS.attachmentBytes + 3 &&
		!data.includes('-') &&
		!data.includes('_')
	) {
		const decoded = Buffer.from(data, 'base64');
		if (decoded.length === decodedLength(data) && !/=[^=]/.test(data.slice(-3))) return decoded;
	}
	const compact = data.replace(/\s+/g, '');
	if (compact.length % 4 === 1 || !BASE64.test(compact))
		throw badRequest('Attachment data is not valid base64.');
	if ((compact.length * 3) / 4 > LIMITS.attachmentBytes + 3) throw tooLarge();
	return Buffer.from(compact, 'base64');
}

export function tooLarge(): CouchError {
	return new CouchError(
		413,
		'attachment_too_large',
		`An attachment may hold at most ${LIMITS.attachmentBytes} bytes.`
	);
}

/** The stub a revision body keeps for an uploaded attachment; its bytes go to the content-addressed store. */
export function storeAttachment(
	data: Buffer,
	contentType: string,
	revpos: number,
	blobs: AttachmentBlob[]
): AttachmentStub {
	if (data.length > LIMITS.attachmentBytes) throw tooLarge();
	const digest = digestOf(data);
	blobs.push({ digest, data });
	return { content_type: contentType, digest, length: data.length, revpos, stub: true };
}

/**
 * Turns a written document's `_attachments` into stubs: inline base64 is decoded and stored once per
 * digest; a stub must name an attachment this same document already has (so nobody can link to
 * bytes they never had). `priorRevs` are this document's stored revision bodies.
 */
export function normalizeAttachments(
	input: unknown,
	revpos: number,
	priorRevs: Map<string, RevBody>,
	blobs: AttachmentBlob[]
): Record<string, AttachmentStub> {
	if (input === null || typeof input !== 'object' || Array.isArray(input)) {
		throw badRequest('_attachments must be an object.');
	}
	const out: Record<string, AttachmentStub> = {};
	for (const [name, raw] of Object.entries(input as Record<string, unknown>)) {
		if (raw === null || typeof raw !== 'object') throw badRequest(`Attachment ${name} must be an object.`);
		const att = raw as Record<string, unknown>;
		const contentType = typeof att.content_type === 'string' ? att.content_type : 'application/octet-stream';
		if (att.stub === true) {
			const known = findKnown(priorRevs, name, typeof att.digest === 'string' ? att.digest : undefined);
			if (!known) throw new CouchError(412, 'missing_stub', `Invalid attachment stub in ${name}.`);
			out[name] = known;
		} else if (typeof att.data === 'string') {
			const given = typeof att.revpos === 'number' && Number.isInteger(att.revpos) ? att.revpos : revpos;
			out[name] = storeAttachment(decodeBase64(att.data), contentType, given, blobs);
		} else {
			throw badRequest(`Attachment ${name} needs base64 data or stub: true.`);
		}
	}
	return out;
}

function findKnown(
	priorRevs: Map<string, RevBody>,
	name: string,
	digest: string | undefined
): AttachmentStub | null {
	for (const body of priorRevs.values()) {
		const atts = body._attachments as Record<string, AttachmentStub> | undefined;
		const candidate = atts?.[name];
		if (candidate && (digest === undefined || candidate.digest === digest)) return { ...candidate };
	}
	return null;
}
