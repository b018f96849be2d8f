import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '../domain/languages.js';
import { MAIL_TEMPLATES, renderMail } from './templates.js';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('account e-mail texts', () => {
	const english = MAIL_TEMPLATES.en;
	for (const language of LANGUAGES) {
		it(`${language} has every e-mail with the English parts and placeholders, translated`, () => {
			const templates = MAIL_TEMPLATES[language];
			expect(Object.keys(templates).sort()).toEqual(Object.keys(english).sort());
			for (const [kind, template] of Object.entries(english)) {
				const translated = templates[kind as keyof typeof english];
				expect(Object.keys(translated).sort()).toEqual(Object.keys(template).sort());
				for (const [part, text] of Object.entries(template)) {
					const value = translated[part as keyof typeof template];
					expect(value.trim(), `${language}.${kind}.${part}`).not.toBe('');
					expect(placeholders(value), `${language}.${kind}.${part}`).toEqual(placeholders(text));
					if (language !== 'en') expect(value, `${language}.${kind}.${part} is English`).not.toBe(text);
				}
			}
		});
	}

	it('puts the name, the link and the language into both parts, escaping HTML', () => {
		const mail = renderMail('confirm', 'ja', '<Ana>', 'http://127.0.0.1/confirm#token=abc');
		expect(mail.subject).toBe(MAIL_TEMPLATES.ja.confirm.subject);
		expect(mail.text).toContain('<Ana>');
		expect(mail.text).toContain('http://127.0.0.1/confirm#token=abc');
		expect(mail.html).toContain('lang="ja"');
		expect(mail.html).toContain('&#60;Ana&#62;');
		expect(mail.html).not.toContain('<Ana>');
	});
});
