import { strToU8, zipSync, type Zippable } from 'fflate';

/** One replicated record of the traveller with its files (passport photo, tickets…) as bytes. */
export interface ExportedRecord {
	doc: Record<string, unknown>;
	files: { name: string; contentType: string; data: Buffer }[];
}

const EXTENSIONS: Record<string, string> = {
	'image/jpeg': 'jpg',
	'image/png': 'png',
	'application/pdf': 'pdf'
};

/** Record ids look like `document-image:<uuid>`; `:` is not allowed in file names on Windows. */
function fileName(recordId: string, name: string, contentType: string): string {
	const safe = (text: string) => text.replace(/[^A-Za-z0-9._-]/g, '_');
	return `files/${safe(recordId)}-${safe(name)}.${EXTENSIONS[contentType] ?? 'bin'}`;
}

/**
 * "Download my data" as a ZIP a traveller can open without tools: `arribo-my-data.json` (the account and
 * every record, readable JSON) and each file in `files/` as itself (JPEG, PNG, PDF), which base64 inside
 * JSON would hide. Each record's `_attachments` names its file's path in the archive. Files are stored,
 * not compressed: JPEG, PNG and PDF are compressed already.
 */
export function exportArchive(summary: Record<string, unknown>, records: ExportedRecord[]): Uint8Array {
	const entries: Zippable = {};
	const docs = records.map(({ doc, files }) => {
		if (files.length === 0) return doc;
		const attachments: Record<string, unknown> = {};
		for (const file of files) {
			const path = fileName(String(doc._id), file.name, file.contentType);
			entries[path] = [new Uint8Array(file.data), { level: 0 }];
			attachments[file.name] = { content_type: file.contentType, length: file.data.length, file: path };
		}
		return { ...doc, _attachments: attachments };
	});
	entries['arribo-my-data.json'] = strToU8(JSON.stringify({ ...summary, records: docs }, null, 2));
	return zipSync(entries, { level: 6 });
}
