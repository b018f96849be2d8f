import type { Language } from '../domain/languages.js';
import de from './messages/de.json' with { type: 'json' };
import en from './messages/en.json' with { type: 'json' };
import es from './messages/es.json' with { type: 'json' };
import fr from './messages/fr.json' with { type: 'json' };
import it from './messages/it.json' with { type: 'json' };
import ja from './messages/ja.json' with { type: 'json' };
import ko from './messages/ko.json' with { type: 'json' };
import ptBR from './messages/pt-BR.json' with { type: 'json' };
import zhHans from './messages/zh-Hans.json' with { type: 'json' };

/**
 * Account e-mails in the account's language. The texts live in `messages/{language}.json` (one file per
 * language, same shape as `en.json`; `templates.test.ts` checks every language is complete). Plain text first;
 * the HTML part says the same.
 */
export type MailKind = 'confirm' | 'reset' | 'already_registered';

interface Template {
	subject: string;
	intro: string;
	action: string;
	outro: string;
}

export const MAIL_TEMPLATES: Record<Language, Record<MailKind, Template>> = {
	es,
	en,
	fr,
	'pt-BR': ptBR,
	de,
	it,
	'zh-Hans': zhHans,
	ja,
	ko
};

function escapeHtml(value: string): string {
	return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function renderMail(
	kind: MailKind,
	language: Language,
	name: string,
	link: string
): { subject: string; text: string; html: string } {
	const t = MAIL_TEMPLATES[language][kind];
	const intro = t.intro.replace('{name}', name);
	const text = `${intro}\n\n${link}\n\n${t.outro}\n\nArribo\n`;
	const html = `<!doctype html><html lang="${language}"><body><p>${escapeHtml(intro)}</p><p><a href="${escapeHtml(link)}">${escapeHtml(t.action)}</a></p><p>${escapeHtml(link)}</p><p>${escapeHtml(t.outro)}</p><p>Arribo</p></body></html>`;
	return { subject: t.subject, text, html };
}
