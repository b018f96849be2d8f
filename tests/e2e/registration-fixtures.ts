import { randomUUID } from 'node:crypto';
import zlib from 'node:zlib';
import type { APIRequestContext } from '@playwright/test';
import { expect } from './fixtures';

/** Test files for the attachments step, built here so each one is exactly what its test needs. */
export const files = {
	pdf: (body = '') =>
		Buffer.from(`%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n${body}\ntrailer << /Root 1 0 R >>\n%%EOF\n`),
	pdfWithJavaScript: () =>
		files.pdf('2 0 obj << /OpenAction << /S /JavaScript /JS (app.alert(1)) >> >> endobj'),
	oversizePdf: () => files.pdf('%' + 'x'.repeat(2_600_000)),
	text: () => Buffer.from('This is a plain text file that someone renamed to ticket.pdf\n'),
	/** A PNG whose header says 20000×20000 (400 megapixels): the app must refuse it before decoding. */
	hugePng: () => png(20_000, 20_000, false)
};

const ascii = (text: string) => new TextEncoder().encode(text);

function concat(...parts: Uint8Array[]): Uint8Array {
	const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
	let offset = 0;
	for (const part of parts) {
		out.set(part, offset);
		offset += part.length;
	}
	return out;
}

function uint32(value: number): Uint8Array {
	const bytes = new Uint8Array(4);
	new DataView(bytes.buffer).setUint32(0, value >>> 0);
	return bytes;
}

function chunk(type: string, data: Uint8Array): Uint8Array {
	const body = concat(ascii(type), data);
	return concat(uint32(data.length), body, uint32(zlib.crc32(body)));
}

/** A real grey PNG (or only its header and one row, for sizes nobody should decode). */
export function png(width: number, height: number, complete = true): Buffer {
	const header = concat(uint32(width), uint32(height), new Uint8Array([8, 0, 0, 0, 0])); // 8-bit greyscale
	const rows = complete ? height : 1;
	const raw = new Uint8Array((width + 1) * rows).fill(0x80);
	for (let y = 0; y < rows; y++) raw[y * (width + 1)] = 0;
	const signature = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
	const idat = new Uint8Array(zlib.deflateSync(raw));
	return Buffer.from(
		concat(signature, chunk('IHDR', header), chunk('IDAT', idat), chunk('IEND', new Uint8Array()))
	);
}

/** Puts an EXIF segment with a GPS tag right after the JPEG's start marker (as a phone camera does). */
export function withExifGps(jpeg: Uint8Array): Buffer {
	const payload = concat(ascii('Exif\0\0'), ascii('MM\0*GPSLatitude 19.4326N 99.1332W'));
	const length = new Uint8Array([(payload.length + 2) >> 8, (payload.length + 2) & 0xff]);
	return Buffer.from(
		concat(jpeg.subarray(0, 2), new Uint8Array([0xff, 0xe1]), length, payload, jpeg.subarray(2))
	);
}

export interface DocumentSpec {
	givenNames: string;
	surnames: string;
	relationship: 'self' | 'child' | 'spouse';
	expiryDate?: string;
}

/**
 * Registers identity documents as /documents does, but on the server (as if from another device of the
 * traveller): the app receives them by replication, the same path it uses for every record.
 */
export async function registerDocuments(
	request: APIRequestContext,
	origin: string,
	specs: DocumentSpec[]
): Promise<string[]> {
	const docs = specs.map((spec, index) => ({
		_id: `identity-document:${randomUUID()}`,
		type: 'identity-document',
		createdAt: new Date().toISOString(),
		updatedAt: new Date().toISOString(),
		holder: { relationship: spec.relationship },
		documentType: 'P',
		issuingState: 'ESP',
		surnames: spec.surnames,
		givenNames: spec.givenNames,
		documentNumber: `PA${1000000 + index}`,
		nationality: 'ESP',
		birthDate: '1988-03-04',
		expiryDate: spec.expiryDate ?? '2032-01-01',
		sex: 'F',
		source: 'manual'
	}));
	const response = await request.post('/db/me/_bulk_docs', { data: { docs }, headers: { origin } });
	expect(response.status()).toBe(201);
	return docs.map((doc) => doc._id);
}

/** The traveller's registrations as the server holds them. */
export async function serverRegistrations(
	request: APIRequestContext
): Promise<{ id: string; rev: string }[]> {
	const response = await request.get(
		'/db/me/_all_docs?startkey=%22registration%3A%22&endkey=%22registration%3A%EF%BF%B0%22'
	);
	expect(response.status()).toBe(200);
	const body = (await response.json()) as { rows: { id: string; value: { rev: string } }[] };
	return body.rows.map((row) => ({ id: row.id, rev: row.value.rev }));
}

/** A date `days` from today, as the date input wants it. */
export function isoInDays(days: number): string {
	const date = new Date();
	date.setDate(date.getDate() + days);
	const pad = (n: number) => String(n).padStart(2, '0');
	return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}
