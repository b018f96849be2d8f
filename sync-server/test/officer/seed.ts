import { randomUUID } from 'node:crypto';
import type { OfficerHarness } from './harness.js';

/** A tiny valid PNG (1×1), standing in for the passport photo and the attachments. */
export const PNG = Buffer.from(
	'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
	'base64'
);

/**
 * What the wizard sends: an identity document, its image, the attachments and the sealed registration,
 * put into the traveller's database through the server's own write path (the registration rules of the
 * wizard's feature are tested there; here they only need to exist).
 */
export async function sendRegistration(h: OfficerHarness, ownerUserId: string): Promise<string> {
	const uuid = randomUUID();
	const now = new Date().toISOString();
	const file = (type: string, purpose: string) => ({
		_id: `${type}:${randomUUID()}`,
		type,
		purpose,
		contentType: 'image/png',
		byteLength: PNG.length,
		createdAt: now,
		_attachments: { file: { content_type: 'image/png', data: PNG.toString('base64') } }
	});
	const image = file('document-image', 'passport');
	const ticket = file('attachment', 'exit-ticket');
	const lodging = file('attachment', 'lodging');
	const identity = {
		_id: `identity-document:${randomUUID()}`,
		type: 'identity-document',
		holder: { relationship: 'self' },
		documentType: 'P',
		issuingState: 'UTO',
		surnames: 'ERIKSSON',
		givenNames: 'ANNA MARIA',
		documentNumber: 'L898902C3',
		nationality: 'UTO',
		birthDate: '1974-08-12',
		expiryDate: '2032-04-15',
		sex: 'F',
		imageId: image._id,
		source: 'mrz',
		createdAt: now,
		updatedAt: now
	};
	const registration = {
		_id: `registration:${uuid}`,
		type: 'registration',
		documentId: identity._id,
		traveller: { surnames: 'ERIKSSON', givenNames: 'ANNA MARIA', documentNumber: 'L898902C3' },
		trip: { means: 'air', airline: 'AM', flightNumber: '401', arrivalDate: '2026-12-01', portOfEntry: 'MEX' },
		additional: { contactOrigin: { name: 'Per', phone: '+46701234567' } },
		answers: { questionSetId: 'inm-2025', questionSetVersion: 1, items: { q1: { answer: false } } },
		attachmentIds: { exitTicket: ticket._id, lodging: lodging._id },
		termsAcceptedAt: now,
		submittedAt: now,
		language: 'es',
		createdAt: now
	};
	for (const doc of [image, ticket, lodging, identity, registration])
		await h.replication.documents.writeAsServer(ownerUserId, doc);
	return registration._id;
}

/** The server's receipt, as the receipts feature writes it (server-only record type). */
export async function issueReceipt(
	h: OfficerHarness,
	ownerUserId: string,
	registrationId: string
): Promise<void> {
	const uuid = registrationId.slice('registration:'.length);
	await h.replication.documents.writeAsServer(ownerUserId, {
		_id: `receipt:${uuid}`,
		type: 'receipt',
		registrationId,
		folio: 'ARB-2026-000123',
		token: 'AR1:TEST',
		issuedAt: new Date().toISOString(),
		expiresAt: new Date(Date.now() + 86400_000).toISOString(),
		createdAt: new Date().toISOString()
	});
}
