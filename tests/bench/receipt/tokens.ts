import QRCode, { type QRCodeSegment } from 'qrcode';
import type { EntryClaims, ReceiptClaims } from '../../../sync-server/src/domain/receipt-token/claims.js';
import { signToken } from '../../../sync-server/src/domain/receipt-token/token.js';
import { receiptExpiry, entryExpiry } from '../../../sync-server/src/domain/receipt-token/expiry.js';
import { Keyring, newStoredKey } from '../../../sync-server/src/receipts/signing-keys.js';

/** A long real-world name and every optional field filled, so the sizes are not flattered. */
const NOW = Math.floor(Date.now() / 1000);
export const receiptClaims: ReceiptClaims = {
	kind: 'receipt',
	folio: 'ARR-7K2M-9QXD-4R8T-3',
	registrationId: 'registration:3f1c2b4a-8e7d-4c6b-9a5f-0e1d2c3b4a59',
	documentNumber: 'X4RTBPFW4',
	nationality: 'NLD',
	surnames: 'VAN DER BERG-OZTURK',
	givenNames: 'WILLEKE LISELOTTE MARIA',
	birthDate: '1965-03-10',
	arrivalDate: '2026-12-01',
	portOfEntry: 'AIR-CUN',
	flight: 'KL KL685',
	issuedAt: NOW,
	expiresAt: receiptExpiry('2026-12-01', NOW)
};
export const entryClaims: EntryClaims = {
	kind: 'entry',
	folio: receiptClaims.folio,
	registrationId: receiptClaims.registrationId,
	fmmNumber: 'FMM2026000004217',
	entryDate: '2026-12-01',
	portOfEntry: 'AIR-CUN',
	daysAuthorized: 180,
	conditionOfStay: 'visitor_without_permission_to_work',
	officerId: 'officer-3',
	issuedAt: NOW,
	expiresAt: entryExpiry('2026-12-01', 180)
};

export const keyring = new Keyring([newStoredKey()]);

export function coseToken(claims: ReceiptClaims | EntryClaims): Promise<string> {
	return signToken(claims, keyring.activeKid(), (data) => keyring.sign(data));
}

const b64url = (bytes: Uint8Array | string) => Buffer.from(bytes).toString('base64url');

/** The same claims as a compact JWS (RFC 7515) with ES256 and the shortest sensible JSON field names. */
export function jwsToken(claims: ReceiptClaims): string {
	const header = b64url(JSON.stringify({ alg: 'ES256', kid: keyring.active.kid }));
	const { kind: _kind, issuedAt, expiresAt, ...data } = claims;
	const payload = b64url(
		JSON.stringify({
			iat: issuedAt,
			exp: expiresAt,
			f: data.folio,
			r: data.registrationId.slice('registration:'.length),
			dn: data.documentNumber,
			n: data.nationality,
			sn: data.surnames,
			gn: data.givenNames,
			b: data.birthDate,
			a: data.arrivalDate,
			p: data.portOfEntry,
			fl: data.flight
		})
	);
	const signature = keyring.sign(new TextEncoder().encode(`${header}.${payload}`));
	return `${header}.${payload}.${b64url(signature)}`;
}

/** QR version at error correction Q; Base45 goes in alphanumeric mode, base64url needs byte mode. */
export function qrVersion(token: string, alphanumeric: boolean): number {
	const data: QRCodeSegment[] = [
		alphanumeric ? { data: token, mode: 'alphanumeric' } : { data: Buffer.from(token), mode: 'byte' }
	];
	return QRCode.create(data, { errorCorrectionLevel: 'Q' }).version;
}
