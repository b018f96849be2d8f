import { Encoder, Tag } from 'cbor-x';

/**
 * COSE_Sign1 (RFC 9052) as the EU Digital COVID Certificate uses it: a CBOR array
 * [protected header (bstr), unprotected header (map), payload (bstr), signature (bstr)], tag 18.
 * Only ES256 (ECDSA P-256 with SHA-256, signature as the 64-byte r‖s, as COSE requires).
 */
export const COSE_SIGN1_TAG = 18;
export const HEADER_ALG = 1;
export const HEADER_KID = 4;
export const ALG_ES256 = -7;

/** Plain CBOR: integer-keyed maps stay Maps, byte strings stay untagged, no cbor-x record extension. */
const encoder = new Encoder({
	useRecords: false,
	mapsAsObjects: false,
	tagUint8Array: false,
	variableMapSize: true
});

/** cbor-x hands out Node-style Buffers (views on a shared buffer); callers get plain, owned Uint8Arrays. */
export const cbor = {
	encode: (value: unknown): Uint8Array => new Uint8Array(encoder.encode(value)),
	decode: (bytes: Uint8Array): unknown => encoder.decode(bytes)
};

export interface Sign1 {
	protectedBytes: Uint8Array;
	protectedHeader: Map<number, unknown>;
	unprotected: Map<unknown, unknown>;
	payload: Uint8Array;
	signature: Uint8Array;
}

export class CoseError extends Error {}

export function encodeProtectedHeader(kid: Uint8Array): Uint8Array {
	return cbor.encode(
		new Map<number, unknown>([
			[HEADER_ALG, ALG_ES256],
			[HEADER_KID, kid]
		])
	);
}

/** The bytes that are signed: Sig_structure = ["Signature1", protected, external_aad = h'', payload]. */
export function sigStructure(protectedBytes: Uint8Array, payload: Uint8Array): Uint8Array {
	return cbor.encode(['Signature1', protectedBytes, new Uint8Array(0), payload]);
}

export function encodeSign1(
	protectedBytes: Uint8Array,
	payload: Uint8Array,
	signature: Uint8Array
): Uint8Array {
	return cbor.encode(new Tag([protectedBytes, new Map(), payload, signature], COSE_SIGN1_TAG));
}

/** Parses the structure only; throws CoseError for anything that is not a well-formed COSE_Sign1. */
export function decodeSign1(bytes: Uint8Array): Sign1 {
	let value: unknown;
	try {
		value = cbor.decode(bytes);
	} catch {
		throw new CoseError('Not CBOR.');
	}
	// A COSE_Sign1 may come tagged (18) or untagged; anything else is not one.
	if (value instanceof Tag) {
		if (value.tag !== COSE_SIGN1_TAG) throw new CoseError('Not a COSE_Sign1 tag.');
		value = value.value;
	}
	if (!Array.isArray(value) || value.length !== 4) throw new CoseError('COSE_Sign1 is an array of 4.');
	const [protectedBytes, unprotected, payload, signature] = value as unknown[];
	if (!(protectedBytes instanceof Uint8Array) || !(payload instanceof Uint8Array)) {
		throw new CoseError('Protected header and payload are byte strings.');
	}
	if (!(signature instanceof Uint8Array)) throw new CoseError('Signature is a byte string.');
	if (!(unprotected instanceof Map)) throw new CoseError('Unprotected header is a map.');
	let protectedHeader: unknown;
	try {
		protectedHeader = cbor.decode(protectedBytes);
	} catch {
		throw new CoseError('Protected header is not CBOR.');
	}
	if (!(protectedHeader instanceof Map)) throw new CoseError('Protected header is a map.');
	return {
		protectedBytes,
		protectedHeader: protectedHeader as Map<number, unknown>,
		unprotected,
		payload,
		signature
	};
}
