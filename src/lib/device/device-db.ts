import Dexie, { type EntityTable } from 'dexie';
import type { RegistrationDraft } from '$domain/registration/draft';
import type { QuestionSet } from '$domain/registration/question-set';
import type { DocumentForm } from '$domain/documents/document-form';
import type { MrzReading } from '$lib/ocr/pipeline/read';

/**
 * Data that lives on this device only and is never replicated. This module owns the Dexie schema:
 * later features add their tables here with a new version() step (never edit a released one).
 * Import only types from here; code reaches the database through `openDeviceDb()` (`open-device-db.ts`),
 * which loads this module and Dexie on first use, so pages that need no local data do not download them.
 */

/** What lets a traveller log in on this device without a connection (never on kiosks). */
export interface DeviceCredential {
	/** Normalised e-mail. */
	email: string;
	/** The server's user id once the server account exists. */
	userId: string | null;
	/** PBKDF2 salt (base64) and iteration count. */
	salt: string;
	iterations: number;
	/** HKDF(PBKDF2(password), info="arribo verifier v1"), base64: proves the password, cannot decrypt anything. */
	verifier: string;
	profile: { givenNames: string; surnames: string; language: string };
	/** 'device_only' until the server account exists; then the last state the server told us. */
	serverState: 'device_only' | 'pending_confirmation' | 'confirmed';
	updatedAt: number;
}

/** A registration made offline, waiting for a connection; its body is AES-GCM-encrypted with the records key. */
export interface PendingRegistration {
	email: string;
	iv: string;
	ciphertext: string;
	createdAt: number;
}

/** A file attached to a draft, already checked and re-encoded; becomes an attachment record when sent. */
export interface DraftFile {
	recordId: string;
	draftId: string;
	blob: Blob;
}

/** The random id of an account's records database on this device, for accounts without a server id yet. */
export interface LocalAccount {
	email: string;
	localId: string;
}

/** A "Control migratorio" question set received from the server (the app also ships one). */
export interface StoredQuestionSet {
	version: number;
	set: QuestionSet;
}

/**
 * The document the traveller is adding (issue #4): the form as typed or read, the OCR result and the
 * re-encoded photo, kept until it is registered or cancelled, so a reload or a closed tab loses nothing.
 */
export interface DocumentDraft {
	accountKey: string;
	form: DocumentForm;
	reading: MrzReading | null;
	photo: Blob | null;
	updatedAt: number;
}

/**
 * A kiosk submission the server has not acknowledged yet (issue #3): its records and the delivery
 * credential, AES-GCM-encrypted with a key made for this entry on this device (non-extractable, kept
 * here and deleted with the entry). Nothing in clear says whose it is.
 */
export interface OutboxEntry {
	/** Random, unrelated to the traveller or the registration. */
	id: string;
	createdAt: number;
	key: CryptoKey;
	iv: string;
	ciphertext: string;
}

export const DEVICE_DB_NAME = 'arribo-device';

export class DeviceDb extends Dexie {
	credentials!: EntityTable<DeviceCredential, 'email'>;
	pendingRegistrations!: EntityTable<PendingRegistration, 'email'>;
	/** Pre-registration drafts, autosaved on every change. */
	drafts!: EntityTable<RegistrationDraft, 'id'>;
	draftFiles!: EntityTable<DraftFile, 'recordId'>;
	localAccounts!: EntityTable<LocalAccount, 'email'>;
	questionSets!: EntityTable<StoredQuestionSet, 'version'>;
	documentDrafts!: EntityTable<DocumentDraft, 'accountKey'>;
	/** Kiosk submissions waiting for the server, kept through the kiosk wipe (see $lib/outbox). */
	outbox!: EntityTable<OutboxEntry, 'id'>;

	constructor() {
		super(DEVICE_DB_NAME);
		this.version(1).stores({ credentials: 'email', pendingRegistrations: 'email' });
		// Pre-registration (issue #5): drafts and their files, local account ids, downloaded question sets.
		this.version(2).stores({
			drafts: 'id, accountKey',
			draftFiles: 'recordId, draftId',
			localAccounts: 'email',
			questionSets: 'version'
		});
		// Documents (issue #4): the unfinished document of each account on this device.
		this.version(3).stores({ documentDrafts: 'accountKey' });
		// Accounts (issue #3): the kiosk outbox of unsent submissions.
		this.version(4).stores({ outbox: 'id' });
	}
}
