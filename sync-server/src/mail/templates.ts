/** Account e-mails in the account's language. Plain text first; the HTML part says the same. */
export type MailLanguage = 'es' | 'en';
export type MailKind = 'confirm' | 'reset' | 'already_registered';

interface Template {
	subject: string;
	intro: string;
	action: string;
	outro: string;
}

const templates: Record<MailLanguage, Record<MailKind, Template>> = {
	es: {
		confirm: {
			subject: 'Confirma tu cuenta de Arribo',
			intro: 'Hola {name}: para confirmar tu cuenta de Arribo abre este enlace.',
			action: 'Confirmar mi cuenta',
			outro:
				'El enlace sirve una sola vez y vence en 24 horas. Si no creaste esta cuenta, ignora este mensaje.'
		},
		reset: {
			subject: 'Recupera tu cuenta de Arribo',
			intro: 'Hola {name}: para elegir una contraseña nueva abre este enlace.',
			action: 'Elegir una contraseña nueva',
			outro:
				'El enlace sirve una sola vez y vence en 24 horas. Si no lo pediste, ignora este mensaje: tu contraseña no cambia.'
		},
		already_registered: {
			subject: 'Ya tienes una cuenta de Arribo',
			intro:
				'Hola {name}: alguien intentó crear una cuenta de Arribo con tu correo, que ya tiene una. Si fuiste tú, ingresa o recupera tu cuenta aquí.',
			action: 'Recuperar mi cuenta',
			outro: 'Si no fuiste tú, ignora este mensaje: tu cuenta no cambia.'
		}
	},
	en: {
		confirm: {
			subject: 'Confirm your Arribo account',
			intro: 'Hello {name}, to confirm your Arribo account open this link.',
			action: 'Confirm my account',
			outro:
				'The link works once and expires in 24 hours. If you did not create this account, ignore this message.'
		},
		reset: {
			subject: 'Recover your Arribo account',
			intro: 'Hello {name}, to choose a new password open this link.',
			action: 'Choose a new password',
			outro:
				'The link works once and expires in 24 hours. If you did not ask for it, ignore this message: your password does not change.'
		},
		already_registered: {
			subject: 'You already have an Arribo account',
			intro:
				'Hello {name}, someone tried to create an Arribo account with your e-mail, which already has one. If it was you, log in or recover your account here.',
			action: 'Recover my account',
			outro: 'If it was not you, ignore this message: your account does not change.'
		}
	}
};

function escapeHtml(value: string): string {
	return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function renderMail(
	kind: MailKind,
	language: MailLanguage,
	name: string,
	link: string
): { subject: string; text: string; html: string } {
	const t = templates[language][kind];
	const intro = t.intro.replace('{name}', name);
	const text = `${intro}\n\n${link}\n\n${t.outro}\n\nArribo\n`;
	const html = `<!doctype html><html lang="${language}"><body><p>${escapeHtml(intro)}</p><p><a href="${escapeHtml(link)}">${escapeHtml(t.action)}</a></p><p>${escapeHtml(link)}</p><p>${escapeHtml(t.outro)}</p><p>Arribo</p></body></html>`;
	return { subject: t.subject, text, html };
}
