/**
 * Random but valid MRZ specimens (ICAO 9303 TD3, TD2, TD1) for the generated test set. Written apart from the
 * app's MRZ code on purpose: the ground truth must not share a bug with the code under test.
 */

export type Format = 'TD1' | 'TD2' | 'TD3';

export interface Specimen {
	format: Format;
	lines: string[];
	fields: {
		documentCode: string;
		issuingState: string;
		lastName: string;
		firstName: string;
		documentNumber: string;
		nationality: string;
		birthDate: string;
		sex: string;
		expirationDate: string;
		optional: string;
	};
}

/** Small deterministic PRNG (mulberry32), so a seed gives the same set on every machine. */
export function rng(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

export const pick = <T>(random: () => number, items: readonly T[]): T =>
	items[Math.floor(random() * items.length)] as T;
export const between = (random: () => number, low: number, high: number) => low + (high - low) * random();

export function checkDigit(text: string): string {
	let total = 0;
	for (let i = 0; i < text.length; i++) {
		const c = text[i] as string;
		const value = c >= '0' && c <= '9' ? Number(c) : c >= 'A' && c <= 'Z' ? c.charCodeAt(0) - 55 : 0;
		total += value * ([7, 3, 1][i % 3] as number);
	}
	return String(total % 10);
}

const STATES = (
	'D<< AUT BEL CHE CZE DNK ESP FIN FRA GBR GRC HUN IRL ITA NLD NOR POL PRT SWE USA CAN MEX BRA ARG ' +
	'CHL COL PER AUS NZL JPN KOR CHN IND IDN PHL THA VNM TUR UKR ZAF EGY MAR NGA KEN ISR ARE'
).split(' ');
const SURNAMES = (
	'MUELLER GARCIA MARTINEZ SMITH NGUYEN KOWALSKI JOHANSSON OBRIEN ROSSI DUBOIS TANAKA KIM SILVA ' +
	'FERNANDEZ SCHMIDT VANDERBERG PAPADOPOULOS WOJCIECHOWSKA OKONKWO HERNANDEZ<LOPEZ DE<LA<CRUZ LI ' +
	'ABDULRAHMAN SCHWARZENEGGER MACDONALD WANG IVANOVA'
).split(' ');
const GIVEN = (
	'ANNA MARIA JOSE LUIS HANS PETER SOFIA EMMA LIAM NOAH YUKI MIN<JUN OLUWASEUN CHRISTOPHER ALEXANDRA ' +
	'MARIE<CLAIRE JEAN<BAPTISTE ZOE ELIF MATEO VALENTINA KAI ANA<LUCIA FRIEDRICH<WILHELM'
).split(' ');

const pad = (text: string, length: number) => (text + '<'.repeat(length)).slice(0, length);
const date = (random: () => number, fromYear: number, toYear: number) => {
	const y = Math.floor(between(random, fromYear, toYear + 1)) % 100;
	const m = 1 + Math.floor(random() * 12);
	const d = 1 + Math.floor(random() * 28);
	return [y, m, d].map((n) => String(n).padStart(2, '0')).join('');
};

function names(random: () => number): { last: string; first: string } {
	const long = random() < 0.2;
	const last = long ? `${pick(random, SURNAMES)}<${pick(random, SURNAMES)}` : pick(random, SURNAMES);
	const first =
		random() < 0.1 ? '' : long ? `${pick(random, GIVEN)}<${pick(random, GIVEN)}` : pick(random, GIVEN);
	return { last, first };
}

const DOC_CHARS = 'ABCDEFGHJKLMNPRSTUVWXYZ0123456789';
function docNumber(random: () => number): string {
	const length = random() < 0.7 ? 9 : 8;
	return Array.from({ length }, () => pick(random, [...DOC_CHARS])).join('');
}

export function specimen(random: () => number, format: Format): Specimen {
	const state = pick(random, STATES);
	const nationality = random() < 0.8 ? state : pick(random, STATES);
	const { last, first } = names(random);
	const number = docNumber(random);
	const birth = date(random, 1940, 2022);
	const expiry = date(random, 2027, 2035);
	const sex = pick(random, ['M', 'F', 'F', 'M', '<']);
	const code = format === 'TD3' ? 'P<' : pick(random, ['I<', 'ID', 'AC']);
	const width = format === 'TD1' ? 30 : format === 'TD2' ? 36 : 44;
	const nameField = pad(first ? `${last}<<${first}` : last, format === 'TD1' ? 30 : width - 5);
	const num9 = pad(number, 9);
	let lines: string[];
	let optional: string;
	if (format === 'TD3') {
		optional = random() < 0.3 ? pad(String(Math.floor(random() * 1e9)), 14) : '<'.repeat(14);
		const optCheck = /^<+$/.test(optional) ? '<' : checkDigit(optional);
		const body =
			num9 +
			checkDigit(num9) +
			nationality +
			birth +
			checkDigit(birth) +
			sex +
			expiry +
			checkDigit(expiry) +
			optional +
			optCheck;
		const composite =
			num9 + checkDigit(num9) + birth + checkDigit(birth) + expiry + checkDigit(expiry) + optional + optCheck;
		lines = [code + state + nameField, body + checkDigit(composite)];
	} else if (format === 'TD2') {
		optional = '<'.repeat(7);
		const part =
			num9 +
			checkDigit(num9) +
			nationality +
			birth +
			checkDigit(birth) +
			sex +
			expiry +
			checkDigit(expiry) +
			optional;
		const composite =
			num9 + checkDigit(num9) + birth + checkDigit(birth) + expiry + checkDigit(expiry) + optional;
		lines = [code + state + nameField, part + checkDigit(composite)];
	} else {
		optional = '<'.repeat(15);
		const l1 = code + state + num9 + checkDigit(num9) + optional;
		const l2head =
			birth + checkDigit(birth) + sex + expiry + checkDigit(expiry) + nationality + '<'.repeat(11);
		const composite = l1.slice(5, 30) + l2head.slice(0, 7) + l2head.slice(8, 15) + l2head.slice(18, 29);
		lines = [l1, l2head + checkDigit(composite), nameField];
	}
	for (const line of lines) if (line.length !== width) throw new Error(`bad specimen line ${line}`);
	return {
		format,
		lines,
		fields: {
			documentCode: code.replace(/<+$/, ''),
			issuingState: state.replace(/<+$/, ''),
			lastName: nameField.split('<<')[0]!.replace(/<+/g, ' ').trim(),
			firstName: nameField.split('<<').slice(1).join('<<').replace(/<+/g, ' ').trim(),
			documentNumber: number,
			nationality: nationality.replace(/<+$/, ''),
			birthDate: birth,
			sex: sex === '<' ? 'X' : sex,
			expirationDate: expiry,
			optional: optional.replace(/<+$/, '')
		}
	};
}
