/**
 * The server's check of a sent pre-registration: a faithful subset of the app's rules
 * (src/lib/domain/registration/*). The app cannot share code with the server, so the rules are repeated
 * here; what depends on "today" (arrival not in the past) is left to the app, because a registration
 * sealed offline may reach the server days later. Refusals are reasons of the form
 * `registration:<code>[:<detail>]` that the app turns into plain words.
 */
export const REGISTRATION_PREFIX = 'registration:';
/** The refusal of a registration from an account whose e-mail is not confirmed yet. */
export const UNCONFIRMED_REFUSAL = 'registration:unconfirmed';
export const MAX_ATTACHMENT_BYTES = 2 * 1024 * 1024;
export const MAX_STAY_DAYS = 180;
const CONTENT_TYPES = ['application/pdf', 'image/jpeg', 'image/png'];
const MEANS = ['air', 'sea', 'land'];
const PURPOSES = ['tourism', 'business', 'family', 'transit', 'other'];
const E164 = /^\+[1-9]\d{6,14}$/;
const POSTAL_CODE = /^(?!00)\d{5}$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const AIRLINE = /^(?:(?![0-9]{2})[A-Z0-9]{2}|[A-Z]{3})$/;
const FLIGHT = /^(?:(?![0-9]{2})[A-Z0-9]{2}|[A-Z]{3})[0-9]{1,4}[A-Z]?$/;

/** Which attachment each purpose of the record contract is; `itinerary` is optional. */
export const ATTACHMENT_PURPOSES = {
	exitTicket: 'exit-ticket',
	lodging: 'lodging',
	itinerary: 'itinerary'
} as const;
export type AttachmentRole = keyof typeof ATTACHMENT_PURPOSES;

type Doc = Record<string, unknown>;
const isObject = (value: unknown): value is Doc =>
	value !== null && typeof value === 'object' && !Array.isArray(value);
const text = (value: unknown, max: number) =>
	typeof value === 'string' && value.trim().length > 0 && value.length <= max;

function day(iso: unknown): number | null {
	if (typeof iso !== 'string' || !ISO_DATE.test(iso)) return null;
	const time = Date.parse(`${iso}T00:00:00Z`);
	if (Number.isNaN(time) || new Date(time).toISOString().slice(0, 10) !== iso) return null;
	return time / 86_400_000;
}

function tripProblem(trip: unknown, expiry: number | null): string | null {
	if (!isObject(trip)) return 'trip';
	if (!MEANS.includes(trip.means as string)) return 'trip.means';
	if (trip.means === 'air') {
		if (typeof trip.airline !== 'string' || !AIRLINE.test(trip.airline)) return 'trip.airline';
		if (typeof trip.flightNumber !== 'string' || !FLIGHT.test(trip.flightNumber)) return 'trip.flightNumber';
		if (!trip.flightNumber.startsWith(trip.airline)) return 'trip.flightNumber';
		if (typeof trip.originAirport !== 'string' || !/^[A-Z]{3,4}$/.test(trip.originAirport))
			return 'trip.originAirport';
	}
	if (typeof trip.originCountry !== 'string' || !/^[A-Z]{2}$/.test(trip.originCountry))
		return 'trip.originCountry';
	if (!text(trip.portOfEntry, 40)) return 'trip.portOfEntry';
	if (!PURPOSES.includes(trip.purpose as string)) return 'trip.purpose';
	if (trip.purpose === 'other' && !text(trip.purposeOther, 200)) return 'trip.purposeOther';
	const arrival = day(trip.arrivalDate);
	const departure = day(trip.departureDate);
	if (arrival === null) return 'trip.arrivalDate';
	if (departure === null || departure <= arrival) return 'trip.departureDate';
	if (departure - arrival > MAX_STAY_DAYS) return 'trip.stay';
	if (expiry !== null && departure > expiry) return 'trip.documentExpires';
	return null;
}

function additionalProblem(additional: unknown): string | null {
	if (!isObject(additional)) return 'additional';
	const address = additional.address;
	if (!isObject(address)) return 'additional.address';
	for (const field of ['lodgingName', 'street', 'state', 'municipality'] as const)
		if (!text(address[field], 200)) return `additional.address.${field}`;
	if (typeof address.postalCode !== 'string' || !POSTAL_CODE.test(address.postalCode))
		return 'additional.address.postalCode';
	for (const contact of ['contactOrigin', 'contactMexico'] as const) {
		const value = additional[contact];
		if (!isObject(value) || !text(value.name, 120)) return `additional.${contact}.name`;
		if (typeof value.phone !== 'string' || !E164.test(value.phone)) return `additional.${contact}.phone`;
	}
	if (!(additional.contactMexico as Doc).phone?.toString().startsWith('+52'))
		return 'additional.contactMexico.phone';
	const card = additional.residentCard;
	if (card !== undefined) {
		if (!isObject(card) || !['temporary', 'permanent'].includes(card.kind as string))
			return 'additional.residentCard';
		if (typeof card.number !== 'string' || !/^[A-Z0-9]{6,20}$/.test(card.number))
			return 'additional.residentCard';
	}
	if (!text(additional.occupation, 100)) return 'additional.occupation';
	return null;
}

function answersProblem(answers: unknown): string | null {
	if (!isObject(answers)) return 'answers';
	if (!text(answers.questionSetId, 100) || !Number.isInteger(answers.questionSetVersion))
		return 'answers.questionSet';
	if (!isObject(answers.items) || Object.keys(answers.items).length === 0) return 'answers.items';
	for (const item of Object.values(answers.items)) {
		if (!isObject(item) || typeof item.answer !== 'boolean') return 'answers.items';
		if (item.answer && !isObject(item.followUp)) return 'answers.followUp';
	}
	return null;
}

/** Shape and rules of the registration document itself; null when it may be stored. */
export function registrationProblem(doc: Doc): string | null {
	if (doc.type !== 'registration' || typeof doc._id !== 'string' || !doc._id.startsWith(REGISTRATION_PREFIX))
		return 'registration:invalid:type';
	if (!text(doc.documentId, 200)) return 'registration:invalid:documentId';
	const traveller = doc.traveller;
	if (!isObject(traveller) || !text(traveller.documentNumber, 40) || !text(traveller.surnames, 200))
		return 'registration:invalid:traveller';
	const problem =
		tripProblem(doc.trip, day(traveller.expiryDate)) ??
		additionalProblem(doc.additional) ??
		answersProblem(doc.answers);
	if (problem) return `registration:invalid:${problem}`;
	if (!text(doc.termsAcceptedAt, 40)) return 'registration:invalid:terms';
	const ids = doc.attachmentIds;
	if (!isObject(ids)) return 'registration:missing_attachment:exitTicket';
	for (const role of ['exitTicket', 'lodging'] as const)
		if (typeof ids[role] !== 'string') return `registration:missing_attachment:${role}`;
	if (ids.itinerary !== undefined && typeof ids.itinerary !== 'string')
		return 'registration:invalid:itinerary';
	return null;
}

/** The attachment records a registration points to, by role. */
export function attachmentRefs(doc: Doc): [AttachmentRole, string][] {
	const ids = isObject(doc.attachmentIds) ? doc.attachmentIds : {};
	return (Object.keys(ATTACHMENT_PURPOSES) as AttachmentRole[])
		.filter((role) => typeof ids[role] === 'string')
		.map((role) => [role, ids[role] as string]);
}

/** Checks one referenced attachment record (its body, attachment stubs included) or its absence. */
export function attachmentProblem(role: AttachmentRole, record: Doc | undefined): string | null {
	// Not on the server: PouchDB sends files before the registration, so it was never sent or was refused.
	if (!record) return `registration:missing_attachment:${role}`;
	if (record.type !== 'attachment' || record.purpose !== ATTACHMENT_PURPOSES[role])
		return `registration:attachment_purpose:${role}`;
	const file = isObject(record._attachments) ? record._attachments.file : undefined;
	if (!isObject(file)) return `registration:missing_attachment:${role}`;
	if (!CONTENT_TYPES.includes(file.content_type as string) || file.content_type !== record.contentType)
		return `registration:attachment_type:${role}`;
	if (typeof file.length !== 'number' || file.length > MAX_ATTACHMENT_BYTES)
		return `registration:attachment_size:${role}`;
	return null;
}

/** The type by magic bytes, as the app decides it (a renamed text file is no PDF). */
export function sniffContentType(bytes: Uint8Array): string | null {
	const starts = (signature: number[]) => signature.every((byte, i) => bytes[i] === byte);
	if (starts([0x25, 0x50, 0x44, 0x46, 0x2d])) return 'application/pdf';
	if (starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
	if (starts([0xff, 0xd8, 0xff])) return 'image/jpeg';
	return null;
}

/**
 * Checks an `attachment` record when its bytes arrive: the declared purpose and type, the type by
 * content, the size, and no script or encryption in a PDF. `bytes` is absent when only a stub was sent.
 */
export function attachmentRecordProblem(doc: Doc, bytes: Uint8Array | undefined): string | null {
	if (!Object.values(ATTACHMENT_PURPOSES).includes(doc.purpose as never)) return 'attachment:purpose';
	if (!CONTENT_TYPES.includes(doc.contentType as string)) return 'attachment:type';
	if (!bytes) return null;
	if (bytes.length > MAX_ATTACHMENT_BYTES) return 'attachment:size';
	if (sniffContentType(bytes) !== doc.contentType) return 'attachment:type';
	if (doc.contentType === 'application/pdf') {
		const text = new TextDecoder('latin1')
			.decode(bytes)
			.replace(/#([0-9A-Fa-f]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
		if (/\/Encrypt(?=[\s/<>[\]()%{}]|$)/.test(text)) return 'attachment:pdf_encrypted';
		if (/\/(?:JavaScript|JS)(?=[\s/<>[\]()%{}]|$)/.test(text)) return 'attachment:pdf_javascript';
	}
	return null;
}
