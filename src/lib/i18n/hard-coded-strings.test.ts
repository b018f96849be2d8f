import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'svelte/compiler';
import { describe, expect, it } from 'vitest';

/** Attributes whose literal values a person reads or hears. */
const READ_ATTRIBUTES = new Set([
	'alt',
	'title',
	'placeholder',
	'label',
	'aria-label',
	'aria-description',
	'aria-placeholder'
]);
const LETTER = /\p{L}/u;

interface Node {
	type: string;
	data?: string;
	name?: string;
	value?: unknown;
	start: number;
	[key: string]: unknown;
}

function svelteFiles(dir: string): string[] {
	return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const full = path.join(dir, entry.name);
		if (entry.isDirectory()) return svelteFiles(full);
		return entry.name.endsWith('.svelte') ? [full] : [];
	});
}

/** Walks the template (not <script> or <style>) and reports text a user would see that is not a message. */
function hardCodedStrings(source: string): string[] {
	const ast = parse(source, { modern: true }) as unknown as { fragment: Node };
	const found: string[] = [];
	const visit = (node: unknown): void => {
		if (!node || typeof node !== 'object') return;
		if (Array.isArray(node)) return node.forEach(visit);
		const n = node as Node;
		if (n.type === 'Text' && n.data && LETTER.test(n.data)) found.push(n.data.trim());
		if (n.type === 'Attribute' && n.name && READ_ATTRIBUTES.has(n.name) && Array.isArray(n.value)) {
			for (const part of n.value as Node[]) {
				if (part.type === 'Text' && part.data && LETTER.test(part.data))
					found.push(`${n.name}="${part.data}"`);
			}
			return;
		}
		if (n.type === 'Attribute' || n.type === 'Comment') return; // class names, ids, hrefs are not prose
		for (const [key, value] of Object.entries(n)) if (key !== 'parent') visit(value);
	};
	visit(ast.fragment);
	return found;
}

describe('components hold no hard-coded user-facing text', () => {
	it('detects a hard-coded string (the check itself works)', () => {
		expect(hardCodedStrings('<p>Hola</p><img alt="a passport" src="x.png" />')).toEqual([
			'Hola',
			'alt="a passport"'
		]);
		expect(hardCodedStrings('<p>{t("home.title")}</p><div class="x"></div>')).toEqual([]);
	});

	const root = path.join(import.meta.dirname, '..', '..');
	for (const file of svelteFiles(root)) {
		it(path.relative(root, file), () => {
			expect(hardCodedStrings(fs.readFileSync(file, 'utf8'))).toEqual([]);
		});
	}
});
