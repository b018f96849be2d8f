import { t } from '$lib/i18n/i18n.svelte';

const FILE_ROLES = ['exitTicket', 'lodging', 'itinerary'];
const SECTIONS: Record<string, string> = { trip: 'trip', additional: 'additional', answers: 'control' };

/**
 * The server's refusal of a sent registration (`registration:<code>[:<detail>]`, or `attachment:<code>`
 * for a file) in plain words: what is wrong and in which part of the form.
 */
export function refusalMessage(reason: string): string {
	const [scope, code = '', detail = ''] = reason.split(':');
	if (scope === 'attachment') return t('wizard.refusal.attachment');
	if (scope !== 'registration') return t('wizard.refusal.unknown');
	if (code === 'invalid') {
		const section = SECTIONS[detail.split('.')[0] ?? ''] ?? 'review';
		return t('wizard.refusal.invalid', { section: t(`wizard.step.${section}`) });
	}
	const file = FILE_ROLES.includes(detail) ? t(`wizard.finish.${detail}`) : '';
	if (code === 'missing_attachment') return t('wizard.refusal.missing_attachment', { file });
	if (code === 'attachment_purpose' || code === 'attachment_type' || code === 'attachment_size')
		return t(`wizard.refusal.${code}`, { file });
	if (code === 'immutable') return t('wizard.refusal.immutable');
	if (code === 'unconfirmed') return t('wizard.review.unconfirmed');
	return t('wizard.refusal.unknown');
}
