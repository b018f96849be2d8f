/**
 * Folios: what a traveller reads to an officer or a call centre. "ARR-" + 12 Crockford base32 characters
 * (60 random bits, so neither guessable nor sequential) + a Crockford check symbol (mod 37), grouped by
 * four for reading aloud: ARR-7K2M-9QXD-4R8T-Z. Crockford's alphabet has no I, L, O or U, and its
 * decoder reads those look-alikes as 1, 1, 0, so a folio typed from paper still resolves.
 */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const CHECK_SYMBOLS = ALPHABET + '*~$=U';
const RANDOM_CHARS = 12;
export const FOLIO_PATTERN =
	/^ARR-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-Z*~$=]$/;

/** `random` gives at least 8 random bytes (crypto.getRandomValues or node:crypto randomBytes). */
export function newFolio(random: Uint8Array): string {
	if (random.length < 8) throw new RangeError('A folio needs 60 random bits.');
	let value = 0n;
	for (const byte of random.subarray(0, 8)) value = (value << 8n) | BigInt(byte);
	value &= (1n << 60n) - 1n;
	let chars = '';
	for (let i = 0; i < RANDOM_CHARS; i++) chars = ALPHABET[Number((value >> BigInt(5 * i)) & 31n)]! + chars;
	const check = CHECK_SYMBOLS[Number(value % 37n)]!;
	return `ARR-${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8, 12)}-${check}`;
}

/** Normalises what a person typed (case, dashes, spaces, look-alike letters) and checks the check symbol. */
export function parseFolio(typed: string): string | null {
	const compact = typed
		.toUpperCase()
		.replace(/[\s-]/g, '')
		.replace(/^ARR/, '')
		.replace(/[IL]/g, '1')
		.replace(/O/g, '0');
	if (compact.length !== RANDOM_CHARS + 1) return null;
	let value = 0n;
	for (const char of compact.slice(0, RANDOM_CHARS)) {
		const digit = ALPHABET.indexOf(char);
		if (digit < 0) return null;
		value = value * 32n + BigInt(digit);
	}
	const check = compact[RANDOM_CHARS]!;
	if (CHECK_SYMBOLS[Number(value % 37n)] !== check) return null;
	const chars = compact.slice(0, RANDOM_CHARS);
	return `ARR-${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8, 12)}-${check}`;
}
