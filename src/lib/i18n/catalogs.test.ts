import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCatalog } from './catalogs';
import { placeholders } from './interpolate';
import { LOCALES } from './locales';

const messagesDir = path.join(import.meta.dirname, 'messages');
const srcDir = path.join(import.meta.dirname, '..', '..');

function readCatalog(locale: string): Map<string, string> {
	const merged = new Map<string, string>();
	for (const file of fs.readdirSync(path.join(messagesDir, locale)).sort()) {
		const messages = JSON.parse(fs.readFileSync(path.join(messagesDir, locale, file), 'utf8')) as Record<
			string,
			unknown
		>;
		for (const [key, value] of Object.entries(messages)) {
			expect(merged.has(key), `${locale}/${file}: key "${key}" is defined twice`).toBe(false);
			expect(typeof value, `${locale}/${file}: "${key}" must be a string`).toBe('string');
			expect((value as string).trim(), `${locale}/${file}: "${key}" is empty`).not.toBe('');
			merged.set(key, value as string);
		}
	}
	return merged;
}

function sourceFiles(dir: string): string[] {
	return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const full = path.join(dir, entry.name);
		if (entry.isDirectory()) return sourceFiles(full);
		return /\.(svelte|ts)$/.test(entry.name) && !entry.name.endsWith('.test.ts') ? [full] : [];
	});
}

const english = readCatalog('en');

describe('message catalogs', () => {
	it('has English as a non-empty source', () => {
		expect(english.size).toBeGreaterThan(10);
	});

	for (const locale of LOCALES) {
		it(`${locale} has exactly the English keys, with the same placeholders`, () => {
			const catalog = readCatalog(locale);
			const missing = [...english.keys()].filter((key) => !catalog.has(key));
			const extra = [...catalog.keys()].filter((key) => !english.has(key));
			expect(missing, `${locale} misses keys`).toEqual([]);
			expect(extra, `${locale} has keys English does not have`).toEqual([]);
			for (const [key, source] of english) {
				expect(placeholders(catalog.get(key) ?? ''), `${locale}: placeholders of "${key}"`).toEqual(
					placeholders(source)
				);
			}
		});
	}

	for (const locale of LOCALES) {
		it(`loads every message of ${locale}, and only of ${locale}, once`, async () => {
			const loaded = await loadCatalog(locale);
			expect(new Map(Object.entries(loaded))).toEqual(readCatalog(locale));
			expect(await loadCatalog(locale)).toBe(loaded);
		});
	}

	it('defines every key the code asks for', () => {
		const unknown: string[] = [];
		for (const file of sourceFiles(srcDir)) {
			const code = fs.readFileSync(file, 'utf8');
			// t('literal.key') and t(`prefix.${dynamic}.suffix`): a template must match at least one key.
			for (const match of code.matchAll(/\bt\(\s*(['`])([a-zA-Z0-9_.${}()\s]+?)\1/g)) {
				const key = match[2] ?? '';
				const pattern = new RegExp('^' + key.replace(/\./g, '\\.').replace(/\$\{[^}]+\}/g, '[^.]+') + '$');
				const known = key.includes('${')
					? [...english.keys()].some((k) => pattern.test(k))
					: english.has(key);
				if (!known) unknown.push(`${path.relative(srcDir, file)}: ${key}`);
			}
		}
		expect(unknown).toEqual([]);
	});
});
