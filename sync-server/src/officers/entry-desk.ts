import { randomInt } from 'node:crypto';
import { checkDecision, type DecisionCheck, type DecisionInput } from '../domain/entry-decision.js';
import type { ReplicationServices } from '../replication/replication-service.js';
import type { AuditEntry, OfficerStore, StoredDecision } from './officer-store.js';

/** The officer acting, as the desk needs it (from a verified officer principal). */
export interface Officer {
	userId: string;
	sessionId: string;
}

type Doc = Record<string, unknown>;

/** Writes the entry record into the traveller's database (signing it when a signer is available). */
export type EntryWriter = (ownerUserId: string, record: Doc) => Promise<Doc>;

export interface RegistrationView {
	registration: Doc;
	identityDocument: Doc | null;
	receipt: Doc | null;
	entry: Doc | null;
	/** Files the officer may open: the passport image and the attachments, metadata only. */
	files: { id: string; purpose: unknown; contentType: unknown; byteLength: unknown }[];
}

export type DecideResult =
	| { kind: 'invalid'; fields: Extract<DecisionCheck, { ok: false }>['fields'] }
	| { kind: 'not_found' }
	| { kind: 'created' | 'replayed'; entry: Doc }
	| { kind: 'already_decided'; entry: Doc };

const uuidOf = (registrationId: string) => registrationId.slice(registrationId.indexOf(':') + 1);

/**
 * What officers do with a registration: find it from the id its QR carries, read it (every read is
 * audited), and decide once. Decisions carry a client-made id so an offline console's retries are
 * recognised; a registration takes one decision only, whoever sends the second.
 */
export class EntryDesk {
	constructor(
		private readonly deps: {
			officers: OfficerStore;
			replication: ReplicationServices;
			writeEntry?: EntryWriter;
			clock?: () => number;
		}
	) {}

	private now(): number {
		return (this.deps.clock ?? Date.now)();
	}

	/**
	 * Whose registration this is. The server-written receipt is trusted first (a traveller cannot forge
	 * one); without a receipt, the registration id must be in exactly one traveller's database.
	 */
	async ownerOf(registrationId: string): Promise<string | null> {
		const byReceipt = await this.deps.officers.ownerOfServerDocument(`receipt:${uuidOf(registrationId)}`);
		if (byReceipt.length === 1) return byReceipt[0]!;
		const byRegistration = await this.deps.officers.ownersOfDocument(registrationId);
		return byRegistration.length === 1 ? byRegistration[0]! : null;
	}

	private async get(owner: string, id: unknown): Promise<Doc | null> {
		if (typeof id !== 'string' || id === '') return null;
		return this.deps.replication.documents.getByOwner(owner, id);
	}

	async review(officer: Officer, registrationId: string): Promise<RegistrationView | null> {
		const owner = /^registration:[0-9a-f-]{36}$/.test(registrationId)
			? await this.ownerOf(registrationId)
			: null;
		await this.audit(officer, owner ? 'view_registration' : 'lookup_not_found', registrationId, owner, {});
		if (!owner) return null;
		const registration = await this.get(owner, registrationId);
		if (!registration || registration.type !== 'registration') return null;
		const identityDocument = await this.get(owner, registration.documentId);
		const fileIds = [
			identityDocument?.imageId,
			...Object.values((registration.attachmentIds as Record<string, unknown>) ?? {})
		];
		const files: RegistrationView['files'] = [];
		for (const id of fileIds) {
			const file = await this.get(owner, id);
			if (!file) continue;
			files.push({
				id: file._id as string,
				purpose: file.purpose,
				contentType: file.contentType,
				byteLength: file.byteLength
			});
		}
		const uuid = uuidOf(registrationId);
		return {
			registration,
			identityDocument,
			receipt: await this.get(owner, `receipt:${uuid}`),
			entry: await this.get(owner, `entry:${uuid}`),
			files
		};
	}

	/** One file of the registration (passport image or attachment); anything else is not found. */
	async file(
		officer: Officer,
		registrationId: string,
		fileId: string
	): Promise<{ data: Buffer; contentType: string } | null> {
		const owner = await this.ownerOf(registrationId);
		if (!owner) return null;
		const registration = await this.get(owner, registrationId);
		const identityDocument = registration ? await this.get(owner, registration.documentId) : null;
		const allowed = [
			identityDocument?.imageId,
			...Object.values((registration?.attachmentIds as Record<string, unknown>) ?? {})
		];
		if (!registration || !allowed.includes(fileId)) return null;
		await this.audit(officer, 'view_file', registrationId, owner, { fileId });
		const db = await this.deps.replication.databases.forOwner(owner);
		try {
			const { data, stub } = await this.deps.replication.reads.attachment(db, fileId, 'file', undefined);
			return { data, contentType: stub.content_type };
		} catch {
			return null;
		}
	}

	async decide(officer: Officer, input: Doc): Promise<DecideResult> {
		const checked = checkDecision(input, this.now());
		if (!checked.ok) return { kind: 'invalid', fields: checked.fields };
		const value = checked.value;
		const owner = await this.ownerOf(value.registrationId);
		const registration = owner ? await this.get(owner, value.registrationId) : null;
		if (!owner || !registration) return { kind: 'not_found' };
		const receipt = await this.get(owner, `receipt:${uuidOf(value.registrationId)}`);
		const record = this.entryRecord(officer, value, (receipt?.folio as string | undefined) ?? '');
		const stored = await this.deps.officers.insertDecision({
			decisionId: value.decisionId,
			registrationId: value.registrationId,
			ownerUserId: owner,
			officerId: officer.userId,
			decision: value.decision,
			record,
			decidedAt: this.now()
		});
		await this.audit(officer, 'decide', value.registrationId, owner, {
			decisionId: value.decisionId,
			decision: value.decision,
			accepted: stored.inserted
		});
		if (!stored.inserted && stored.decision.decisionId !== value.decisionId) {
			const entry = (await this.get(owner, record._id)) ?? stored.decision.record;
			return { kind: 'already_decided', entry };
		}
		// New, or a retry of the same decision (perhaps after a crash before the write): write if missing.
		const entry = await this.ensureWritten(stored.decision);
		return { kind: stored.inserted ? 'created' : 'replayed', entry };
	}

	auditLog(filter: { registrationId?: string; officerId?: string }): Promise<AuditEntry[]> {
		return this.deps.officers.listAudit(filter);
	}

	async processedSince(officer: Officer, since: number): Promise<number> {
		return this.deps.officers.countDecisionsSince(officer.userId, since);
	}

	private async ensureWritten(decision: StoredDecision): Promise<Doc> {
		const existing = await this.get(decision.ownerUserId, decision.record._id);
		if (existing) return existing;
		const write: EntryWriter =
			this.deps.writeEntry ??
			(async (owner, record) => {
				const { rev } = await this.deps.replication.documents.writeAsServer(owner, record);
				return { ...record, _rev: rev };
			});
		return write(decision.ownerUserId, decision.record);
	}

	private entryRecord(officer: Officer, value: DecisionInput, folio: string): Doc {
		const base = {
			_id: `entry:${uuidOf(value.registrationId)}`,
			type: 'entry',
			createdAt: new Date(this.now()).toISOString(),
			registrationId: value.registrationId,
			folio,
			decision: value.decision,
			entryAt: value.entryAt,
			officerId: officer.userId
		};
		if (value.decision === 'refused') return { ...base, refusalReason: value.refusalReason };
		return {
			...base,
			// The FMM's number: random, not derived from the traveller (ids carry no personal data).
			fmmNumber: `FMM${new Date(this.now()).getUTCFullYear()}${String(randomInt(0, 1e9)).padStart(9, '0')}`,
			portOfEntry: value.portOfEntry,
			daysAuthorized: value.daysAuthorized,
			conditionOfStay: value.conditionOfStay
		};
	}

	private async audit(
		officer: Officer,
		action: string,
		registrationId: string | null,
		ownerUserId: string | null,
		detail: Record<string, unknown>
	): Promise<void> {
		const entry: AuditEntry = {
			at: this.now(),
			officerId: officer.userId,
			sessionId: officer.sessionId,
			action,
			registrationId,
			ownerUserId,
			detail
		};
		await this.deps.officers.appendAudit(entry);
	}
}
