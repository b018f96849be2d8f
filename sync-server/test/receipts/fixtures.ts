import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../src/config.js';
import { buildApp } from '../../src/http/app.js';
import { Keyring, keysFromDataDir } from '../../src/receipts/signing-keys.js';
import { replicationServices } from '../../src/replication/replication-service.js';
import { appDir, freshStorage, testTravellerResolver, type StorageKind } from '../replication/harness.js';
import { remoteDb } from '../replication/pouch.js';

const pdf = Buffer.from('%PDF-1.7\n\ntrailer << /Root 1 0 R >>\n%%EOF\n');

/** A sent registration the server's rules accept, with its two files (records as the app writes them). */
export function sentRegistration(uuid = randomUUID()) {
	const file = (id: string, purpose: string) => ({
		_id: id,
		type: 'attachment',
		createdAt: '2026-11-25T10:00:00.000Z',
		purpose,
		contentType: 'application/pdf',
		byteLength: pdf.length,
		_attachments: { file: { content_type: 'application/pdf', data: pdf.toString('base64') } }
	});
	const ticket = `attachment:${randomUUID()}`;
	const lodging = `attachment:${randomUUID()}`;
	const registration = {
		_id: `registration:${uuid}`,
		type: 'registration',
		createdAt: '2026-11-25T10:00:00.000Z',
		documentId: `identity-document:${randomUUID()}`,
		traveller: {
			documentType: 'P',
			issuingState: 'ESP',
			surnames: 'PÉREZ GARCÍA',
			givenNames: 'LUCÍA',
			documentNumber: 'AB1234567',
			nationality: 'ESP',
			birthDate: '1990-01-01',
			expiryDate: '2030-01-01',
			sex: 'F'
		},
		trip: {
			means: 'air',
			airline: 'AM',
			flightNumber: 'AM402',
			originCountry: 'ES',
			originAirport: 'MAD',
			arrivalDate: '2026-12-20',
			portOfEntry: 'AIR-MEX',
			purpose: 'tourism',
			departureDate: '2027-01-05'
		},
		additional: {
			address: {
				lodgingName: 'Hotel',
				street: 'Donceles 95',
				state: 'CMX',
				municipality: 'Cuauhtémoc',
				postalCode: '06000'
			},
			contactOrigin: { name: 'Lucía', phone: '+34612345678' },
			contactMexico: { name: 'Hotel', phone: '+525555185232' },
			occupation: 'Ingeniera'
		},
		answers: {
			questionSetId: 'inm-control-migratorio',
			questionSetVersion: 1,
			items: { cash: { answer: false } }
		},
		attachmentIds: { exitTicket: ticket, lodging },
		termsAcceptedAt: '2026-11-25T10:00:00.000Z',
		submittedAt: '2026-11-25T10:00:00.000Z',
		language: 'es'
	};
	return { files: [file(ticket, 'exit-ticket'), file(lodging, 'lodging')], registration };
}

/** The real app (keys in a temp DATA_DIR, real storage, real HTTP) with a test traveller header. */
export async function startReceiptServer(kind: StorageKind) {
	const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'arribo-receipts-'));
	const config = loadConfig({
		DATA_DIR: dataDir,
		APP_DIR: appDir(),
		PORT: '0',
		HOST: '127.0.0.1',
		LOG_LEVEL: 'silent'
	});
	const storage = await freshStorage(kind, dataDir);
	const keyring = new Keyring(await keysFromDataDir(dataDir));
	const replication = replicationServices(storage);
	const secret = randomUUID();
	const app = await buildApp({
		config,
		storage,
		replication,
		keyring,
		principalResolvers: [testTravellerResolver(secret)]
	});
	const url = await app.listen({ port: 0, host: '127.0.0.1' });
	const headers = (userId: string) => ({ 'x-test-traveller': `${secret}:${userId}` });
	return {
		url,
		dataDir,
		storage,
		keyring,
		replication,
		me: (userId: string) => remoteDb(`${url}/db/me`, headers(userId)),
		async close() {
			await app.close();
			await storage.close();
			fs.rmSync(dataDir, { recursive: true, force: true });
		}
	};
}

export async function waitFor<T>(probe: () => Promise<T | null>, timeoutMs = 5000): Promise<T> {
	const until = Date.now() + timeoutMs;
	for (;;) {
		const value = await probe();
		if (value) return value;
		if (Date.now() > until) throw new Error('timed out');
		await new Promise((resolve) => setTimeout(resolve, 25));
	}
}
