/**
 * Chooses the MRZ text from OCR reads. Each line may come with several reads (frames, image
 * variants) and with per-character alternatives. A character is only changed when the grammar
 * leaves a single possibility, or when a check digit confirms one specific change and no other.
 *
 * Plain letter/digit swaps are only tried where the OCR engine itself was unsure (low confidence or
 * an alternative offered): a TD3 document number's check digit uses the same weights as the
 * composite one, so trying swaps everywhere would let a wrong read pass roughly one time in ten
 * per position tried.
 */
import { confusableWith, FILLER_LOOKALIKES, grammaticalFix, isAllowed, paddingStart } from './grammar';
import { checkPasses, failedChecks, LAYOUTS, type FormatLayout, type MrzFormat } from './layout';

export interface CharChoice {
	readonly char: string;
	/** 0–100, as Tesseract reports it. */
	readonly confidence: number;
}

export interface LineRead {
	readonly text: string;
	/** Per position of `text`: the read character and its alternatives, best first. */
	readonly choices?: readonly (readonly CharChoice[])[];
}

export interface Repair {
	readonly line: number;
	readonly column: number;
	readonly read: string;
	readonly chosen: string;
	readonly confirmedBy: 'grammar' | 'check-digit';
}

export type MrzChoice =
	| {
			readonly status: 'confirmed';
			readonly format: MrzFormat;
			readonly lines: string[];
			readonly repairs: Repair[];
	  }
	| {
			readonly status: 'unconfirmed';
			readonly reason: 'check-failed' | 'ambiguous';
			readonly format: MrzFormat;
			/** The read with grammar repairs only, for showing what was seen. */
			readonly lines: string[];
	  }
	| { readonly status: 'unreadable'; readonly reason: 'no-format' | 'ungrammatical' };

/** Below this the engine was unsure enough that a look-alike swap is worth checking. */
const SUSPECT_CONFIDENCE = 80;
/** Alternatives below this are noise. */
const MIN_ALTERNATIVE_CONFIDENCE = 10;
const MAX_READ_COMBINATIONS = 64;
/** Values tried at an unknown position; not the filler, which weighs as 0 and would tie with `0`. */
const DATA_CHARACTERS = [...'0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ'];

type Grid = string[][];
type Solved = { lines: string[]; repairs: Repair[]; cost: number; grammarOnly: string[] };
type Outcome = { status: 'solved'; solutions: Solved[] } | { status: 'failed'; lines: string[] };

export function normalizeRead(text: string): string {
	return text.toUpperCase().replace(/\s+/g, '').replace(/[«‹]/g, '<');
}

function classAt(layout: FormatLayout, line: number, column: number) {
	return layout.fields.find((field) => field.line === line && column >= field.start && column < field.end)!
		.chars;
}

/** Positions (`line:column`) whose value a check digit can settle: what the field checks cover, and each digit. */
export function checkedPositions(layout: FormatLayout): Set<string> {
	const positions = new Set<string>();
	layout.checks.forEach((check, index) => {
		// The composite digit is settled by the composite check alone; the data it covers by their own.
		if (check.name === 'composite') positions.add(`${check.digit.line}:${check.digit.start}`);
		else for (const [line, column] of positionsOf(layout, index)) positions.add(`${line}:${column}`);
	});
	return positions;
}

/**
 * Applies the fixes the grammar forces; false if some character has no single fix. A character the
 * position cannot hold and that has no obvious look-alike (a `Y` in a date, say) is left for its check
 * digit to decide when one covers it: it goes into `unknown`, and only the one value its check digit
 * allows can replace it.
 */
function applyGrammar(layout: FormatLayout, grid: Grid, repairs: Repair[], unknown: Set<string>): boolean {
	const checked = checkedPositions(layout);
	const set = (line: number, column: number, chosen: string) => {
		const read = grid[line]![column]!;
		if (read !== chosen) repairs.push({ line, column, read, chosen, confirmedBy: 'grammar' });
		grid[line]![column] = chosen;
	};
	for (const field of layout.fields) {
		for (let column = field.start; column < field.end; column++) {
			const fix = grammaticalFix(field.chars, grid[field.line]![column]!);
			if (fix === undefined) {
				if (!checked.has(`${field.line}:${column}`)) return false;
				unknown.add(`${field.line}:${column}`);
				continue;
			}
			set(field.line, column, fix);
		}
		const text = grid[field.line]!.slice(field.start, field.end).join('');
		const padding = paddingStart(field.name, text);
		if (padding === undefined) continue;
		for (let column = field.start + padding; column < field.end; column++) {
			const char = grid[field.line]![column]!;
			if (char === '<') continue;
			if (!FILLER_LOOKALIKES.has(char)) return false;
			set(field.line, column, '<');
		}
	}
	return true;
}

/** Alternatives worth checking at one position: only where the engine was unsure. */
function alternativesAt(layout: FormatLayout, read: LineRead, line: number, column: number, current: string) {
	const choices = read.choices?.[column];
	if (!choices || choices.length === 0) return [];
	const chars = classAt(layout, line, column);
	const offered = choices
		.filter((choice) => choice.confidence >= MIN_ALTERNATIVE_CONFIDENCE)
		.map((c) => c.char);
	const unsure = (choices[0]?.confidence ?? 0) < SUSPECT_CONFIDENCE;
	const options = new Set([...offered.slice(1), ...(unsure ? confusableWith(chars, current) : [])]);
	options.delete(current);
	return [...options].filter((option) => isAllowed(chars, option));
}

/** Positions each check digit depends on; checks other than the composite never share one. */
function positionsOf(layout: FormatLayout, checkIndex: number): [number, number][] {
	const check = layout.checks[checkIndex]!;
	const segments = [...check.covers, check.digit];
	// A TD1 long document number continues into optional field 1.
	if (layout.format === 'TD1' && check.name === 'documentNumber')
		segments.push({ line: 0, start: 15, end: 30 });
	return segments.flatMap((segment) =>
		Array.from({ length: segment.end - segment.start }, (_, i): [number, number] => [
			segment.line,
			segment.start + i
		])
	);
}

type Variant = { changes: Repair[] };

/** Every value the class allows at an unknown position under which the check holds. */
function unknownVariants(layout: FormatLayout, grid: Grid, checkIndex: number, line: number, column: number) {
	const check = layout.checks[checkIndex]!;
	const chars = classAt(layout, line, column);
	const read = grid[line]![column]!;
	const variants: Variant[] = [];
	for (const chosen of DATA_CHARACTERS) {
		if (!isAllowed(chars, chosen)) continue;
		grid[line]![column] = chosen;
		if (
			checkPasses(
				layout,
				check,
				grid.map((row) => row.join(''))
			)
		) {
			variants.push({ changes: [{ line, column, read, chosen, confirmedBy: 'check-digit' }] });
		}
	}
	grid[line]![column] = read;
	return variants;
}

/**
 * The unchanged read and single swaps, restricted to those under which `checkIndex` holds. With an
 * unknown position under this check, only values for it are tried (one check digit settles one unknown).
 */
function variantsFor(
	layout: FormatLayout,
	grid: Grid,
	reads: readonly LineRead[],
	checkIndex: number,
	unknown: ReadonlySet<string>
): Variant[] {
	const check = layout.checks[checkIndex]!;
	const lines = () => grid.map((chars) => chars.join(''));
	const variants: Variant[] = [];
	const covered =
		check.name === 'composite'
			? [[check.digit.line, check.digit.start] as [number, number]]
			: positionsOf(layout, checkIndex);
	const unknownHere = covered.filter(([line, column]) => unknown.has(`${line}:${column}`));
	if (unknownHere.length > 1) return [];
	if (unknownHere.length === 1) return unknownVariants(layout, grid, checkIndex, ...unknownHere[0]!);
	if (check.name === 'composite' || checkPasses(layout, check, lines())) variants.push({ changes: [] });
	for (const [line, column] of covered) {
		const read = grid[line]![column]!;
		for (const chosen of alternativesAt(layout, reads[line]!, line, column, read)) {
			grid[line]![column] = chosen;
			if (check.name === 'composite' || checkPasses(layout, check, lines())) {
				variants.push({ changes: [{ line, column, read, chosen, confirmedBy: 'check-digit' }] });
			}
			grid[line]![column] = read;
		}
	}
	return variants;
}

function solve(layout: FormatLayout, reads: readonly LineRead[]): Outcome | undefined {
	const grid: Grid = reads.map((read) => [...read.text]);
	const grammarRepairs: Repair[] = [];
	const unknown = new Set<string>();
	if (!applyGrammar(layout, grid, grammarRepairs, unknown)) return undefined;
	const grammarOnly = grid.map((chars) => chars.join(''));
	const perCheck = layout.checks.map((_, index) => variantsFor(layout, grid, reads, index, unknown));
	const solutions: Solved[] = [];
	const combine = (index: number, changes: Repair[]) => {
		if (index === perCheck.length) {
			const attempt = grid.map((chars) => [...chars]);
			for (const change of changes) attempt[change.line]![change.column] = change.chosen;
			const lines = attempt.map((chars) => chars.join(''));
			if (failedChecks(layout, lines).length > 0) return;
			solutions.push({ lines, repairs: [...grammarRepairs, ...changes], cost: changes.length, grammarOnly });
			return;
		}
		for (const variant of perCheck[index]!) combine(index + 1, [...changes, ...variant.changes]);
	};
	combine(0, []);
	return solutions.length > 0 ? { status: 'solved', solutions } : { status: 'failed', lines: grammarOnly };
}

function* readCombinations(perLine: readonly (readonly LineRead[])[]): Generator<LineRead[]> {
	let count = 0;
	function* walk(index: number, picked: LineRead[]): Generator<LineRead[]> {
		if (index === perLine.length) {
			count++;
			yield picked;
			return;
		}
		for (const read of perLine[index]!) {
			if (count >= MAX_READ_COMBINATIONS) return;
			yield* walk(index + 1, [...picked, read]);
		}
	}
	yield* walk(0, []);
}

/** Reads for each line are in order of preference; unchecked text (names) comes from the first that works. */
export function chooseMrz(lineReads: readonly (readonly LineRead[])[]): MrzChoice {
	let sawFormat = false;
	let unconfirmed: MrzChoice | undefined;
	for (const layout of LAYOUTS) {
		if (lineReads.length !== (layout.format === 'TD1' ? 3 : 2)) continue;
		const usable = lineReads.map((reads) =>
			reads
				.map((read) => ({ ...read, text: normalizeRead(read.text) }))
				.map((read) => (read.choices?.length === read.text.length ? read : { text: read.text }))
				.filter((read) => read.text.length === layout.lineLength)
		);
		if (usable.some((reads) => reads.length === 0)) continue;
		sawFormat = true;
		const solutions: Solved[] = [];
		for (const reads of readCombinations(usable)) {
			const outcome = solve(layout, reads);
			if (outcome?.status === 'solved') solutions.push(...outcome.solutions);
			else if (outcome && !unconfirmed) {
				unconfirmed = {
					status: 'unconfirmed',
					reason: 'check-failed',
					format: layout.format,
					lines: outcome.lines
				};
			}
		}
		if (solutions.length === 0) continue;
		const cheapest = Math.min(...solutions.map((solution) => solution.cost));
		const best = solutions.filter((solution) => solution.cost === cheapest);
		// Only what check digits cover has to agree: names and state codes differ between reads legitimately
		// (the first read of a line that works supplies them); a TD1's first line holds both kinds.
		const positions = layout.checks.flatMap((_, index) => positionsOf(layout, index));
		const checked = (solution: Solved) => positions.map(([l, c]) => solution.lines[l]![c]).join('');
		const first = best[0]!;
		if (best.some((solution) => checked(solution) !== checked(first))) {
			return { status: 'unconfirmed', reason: 'ambiguous', format: layout.format, lines: first.grammarOnly };
		}
		return { status: 'confirmed', format: layout.format, lines: first.lines, repairs: first.repairs };
	}
	return unconfirmed ?? { status: 'unreadable', reason: sawFormat ? 'ungrammatical' : 'no-format' };
}
