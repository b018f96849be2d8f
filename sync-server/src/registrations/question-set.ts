/**
 * The current "Control migratorio" question set the server hands out (GET /api/question-sets/current).
 * A copy of the set shipped with the app (src/lib/domain/registration/shipped-question-set.ts) until the
 * institute publishes a new version here; the app keeps the newest version it has seen.
 * question-set.test.ts checks that the two stay in step.
 */
export interface ServedQuestionSet {
	id: string;
	version: number;
	questions: {
		id: string;
		text: { es: string; en: string };
		followUps: { id: string; label: { es: string; en: string }; maxLength: number }[];
	}[];
}

export const CURRENT_QUESTION_SET: ServedQuestionSet = {
	id: 'inm-control-migratorio',
	version: 1,
	questions: [
		{
			id: 'refused-entry',
			text: {
				es: '¿Alguna vez se le ha negado la entrada a México?',
				en: 'Have you ever been refused entry to Mexico?'
			},
			followUps: [
				{ id: 'when', label: { es: '¿Cuándo?', en: 'When?' }, maxLength: 100 },
				{ id: 'reason', label: { es: '¿Por qué motivo?', en: 'For what reason?' }, maxLength: 300 }
			]
		},
		{
			id: 'deported',
			text: {
				es: '¿Ha sido deportado o expulsado de algún país?',
				en: 'Have you ever been deported or expelled from any country?'
			},
			followUps: [
				{ id: 'country', label: { es: 'País', en: 'Country' }, maxLength: 100 },
				{ id: 'year', label: { es: 'Año', en: 'Year' }, maxLength: 20 }
			]
		},
		{
			id: 'criminal-record',
			text: {
				es: '¿Tiene antecedentes penales en algún país?',
				en: 'Do you have a criminal record in any country?'
			},
			followUps: [{ id: 'details', label: { es: 'Detalles', en: 'Details' }, maxLength: 300 }]
		},
		{
			id: 'cash',
			text: {
				es: '¿Lleva consigo más de 10 000 dólares estadounidenses en efectivo o su equivalente?',
				en: 'Are you carrying more than 10,000 US dollars in cash or the equivalent?'
			},
			followUps: [
				{ id: 'amount', label: { es: 'Monto y moneda', en: 'Amount and currency' }, maxLength: 100 }
			]
		},
		{
			id: 'goods',
			text: {
				es: '¿Lleva alimentos, plantas, animales o productos de origen animal?',
				en: 'Are you carrying food, plants, animals or animal products?'
			},
			followUps: [
				{ id: 'details', label: { es: '¿Qué lleva?', en: 'What are you carrying?' }, maxLength: 300 }
			]
		}
	]
};
