import { parseMrz } from '../../../src/lib/domain/mrz/parse';
import type { ManifestEntry } from '../../mrz/generate';
import { median, percentile } from '../report';

/** What one engine returned for one image. */
export interface Outcome {
	file: string;
	lines: string[];
	fields: Record<string, unknown> | null;
	accepted: boolean;
	ms: number;
}

export interface Summary {
	documents: number;
	negatives: number;
	/** Read exactly (every line) and accepted without asking for another photo. */
	exactAccepted: number;
	/** Read exactly, accepted or not. */
	exactRead: number;
	charAccuracy: number;
	fieldAccuracy: number;
	/** Accepted while different from the truth (documents), or accepted at all (negatives). Must be 0. */
	falseAccepts: number;
	/** Which images were accepted with data that differs from the truth (so they can be looked at). */
	falseAcceptFiles: { file: string; read: string[]; truth: string[] }[];
	medianMs: number;
	p90Ms: number;
	byLevel: Record<number, { documents: number; exactAccepted: number }>;
}

const TODAY = new Date('2026-11-25T00:00:00Z');

function charsCorrect(truth: string[], read: string[]): number {
	let correct = 0;
	truth.forEach((line, l) => {
		for (let i = 0; i < line.length; i++) if (read[l]?.[i] === line[i]) correct++;
	});
	return correct;
}

export function summarise(manifest: ManifestEntry[], outcomes: Outcome[]): Summary {
	const byFile = new Map(outcomes.map((o) => [o.file, o]));
	let documents = 0;
	let exactAccepted = 0;
	let exactRead = 0;
	let chars = 0;
	let charsRight = 0;
	let fields = 0;
	let fieldsRight = 0;
	let falseAccepts = 0;
	const falseAcceptFiles: Summary['falseAcceptFiles'] = [];
	const byLevel: Summary['byLevel'] = {};
	for (const entry of manifest) {
		const outcome = byFile.get(entry.file);
		if (!outcome) continue;
		if (entry.kind !== 'document') {
			if (outcome.accepted) {
				falseAccepts++;
				falseAcceptFiles.push({ file: entry.file, read: outcome.lines, truth: entry.lines });
			}
			continue;
		}
		documents++;
		const level = (byLevel[entry.level] ??= { documents: 0, exactAccepted: 0 });
		level.documents++;
		const exact = outcome.lines.join('\n') === entry.lines.join('\n');
		if (exact) exactRead++;
		if (exact && outcome.accepted) {
			exactAccepted++;
			level.exactAccepted++;
		}
		if (outcome.accepted && !exact) {
			falseAccepts++;
			falseAcceptFiles.push({ file: entry.file, read: outcome.lines, truth: entry.lines });
		}
		chars += entry.lines.join('').length;
		charsRight += charsCorrect(entry.lines, outcome.lines);
		const truth = parseMrz(entry.lines, TODAY);
		if (truth.ok) {
			for (const [name, value] of Object.entries(truth.read.fields)) {
				fields++;
				if (outcome.fields && JSON.stringify(outcome.fields[name]) === JSON.stringify(value)) fieldsRight++;
			}
		}
	}
	const ms = outcomes.map((o) => o.ms);
	return {
		documents,
		negatives: manifest.length - documents,
		exactAccepted,
		exactRead,
		charAccuracy: chars ? charsRight / chars : NaN,
		fieldAccuracy: fields ? fieldsRight / fields : NaN,
		falseAccepts,
		falseAcceptFiles,
		medianMs: median(ms),
		p90Ms: percentile(ms, 90),
		byLevel
	};
}

const pct = (value: number) => `${(value * 100).toFixed(1)} %`;

export function tableRow(name: string, s: Summary): string {
	return `| ${name} | ${s.exactAccepted}/${s.documents} (${pct(s.exactAccepted / s.documents)}) | ${pct(s.exactRead / s.documents)} | ${pct(s.charAccuracy)} | ${pct(s.fieldAccuracy)} | ${s.falseAccepts} | ${Math.round(s.medianMs)} | ${Math.round(s.p90Ms)} | ${Object.entries(
		s.byLevel
	)
		.map(([l, v]) => `L${l} ${v.exactAccepted}/${v.documents}`)
		.join(', ')} |`;
}

export const TABLE_HEAD =
	'| run | exact & accepted | exact read | chars | fields | false accepts | median ms | p90 ms | by damage level |\n|---|---|---|---|---|---|---|---|---|';
