import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const messages = (locale: string) =>
	JSON.parse(
		fs.readFileSync(path.join(import.meta.dirname, `../i18n/messages/${locale}/wizard.json`), 'utf8')
	) as Record<string, string>;
const domain = (file: string) =>
	fs.readFileSync(path.join(import.meta.dirname, '../domain/registration', file), 'utf8');

/**
 * Every code a validation rule can return, read from the rules' source (`errors.field = 'code'`,
 * `problem: 'code'`, `return 'code'`), so a new rule without its message fails here.
 */
function codesIn(source: string, pattern: RegExp): string[][] {
	return [...source.matchAll(pattern)].map((match) => match.slice(1));
}

describe('every validation rule has its message in Spanish and English', () => {
	const catalogs = { en: messages('en'), es: messages('es') };
	const expectKeys = (keys: string[]) => {
		expect(keys.length).toBeGreaterThan(0);
		for (const [locale, catalog] of Object.entries(catalogs))
			expect(
				keys.filter((key) => !catalog[key]),
				`${locale} misses messages`
			).toEqual([]);
	};

	it('trip rules', () => {
		const pairs = codesIn(domain('trip-rules.ts'), /errors\.(\w+) = '(\w+)'/g);
		expect(pairs.length).toBeGreaterThanOrEqual(25);
		expectKeys(pairs.map(([field, code]) => `wizard.error.trip.${field}.${code}`));
	});

	it('additional-information rules', () => {
		const source = domain('additional-rules.ts');
		const direct = codesIn(source, /errors\.(\w+) = '(\w+)'/g);
		const text = codesIn(source, /set\('(\w+)', requiredText/g).flatMap(([field]) => [
			[field, 'required'],
			[field, 'too_long']
		]);
		const phoneCodes = codesIn(source.slice(source.indexOf('function phoneProblem')), /return '(\w+)'/g);
		const phones = ['originPhone', 'mexicoPhone'].flatMap((field) =>
			phoneCodes
				.filter(([code]) => field === 'mexicoPhone' || code !== 'not_mexican')
				.map(([code]) => [field, code])
		);
		expectKeys(
			[...direct, ...text, ...phones].map(([field, code]) => `wizard.error.additional.${field}.${code}`)
		);
	});

	it('control-migratorio and finish rules', () => {
		const answers = codesIn(domain('question-set.ts'), /errors\[[^\]]+\] = '(\w+)'/g);
		expect(answers.map(([code]) => code).sort()).toEqual([
			'followup_required',
			'followup_too_long',
			'required'
		]);
		expectKeys(answers.map(([code]) => `wizard.error.control.${code}`));
		const finish = codesIn(domain('draft.ts'), /errors\.(\w+) = '(\w+)'/g);
		expectKeys([
			...finish.map(([field, code]) => `wizard.error.finish.${field}.${code}`),
			'wizard.error.finish.terms.required'
		]);
	});

	it('attachment checks (on the device and in file processing)', () => {
		const rules = domain('file-rules.ts');
		const processing = fs.readFileSync(path.join(import.meta.dirname, 'file-processing.ts'), 'utf8');
		const problems = new Set(
			[...codesIn(rules + processing, /problem: '(\w+)'/g), ...codesIn(rules, /return '(pdf_\w+)'/g)].map(
				([code]) => code
			)
		);
		expect(problems).toContain('pdf_javascript');
		expectKeys([...problems].map((code) => `wizard.error.file.${code}`));
	});
});
