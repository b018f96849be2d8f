/**
 * The current "Control migratorio" question set the server hands out (GET /api/question-sets/current).
 * A copy of the set shipped with the app (src/lib/domain/registration/shipped-question-set.ts) until the
 * institute publishes a new version here; the app keeps the newest version it has seen.
 * question-set.test.ts checks that the two stay in step.
 */
/** Spanish and English always; the app's other languages where translated (it falls back to English). */
type LocalizedText = { es: string; en: string } & Partial<Record<string, string>>;

export interface ServedQuestionSet {
	id: string;
	version: number;
	questions: {
		id: string;
		text: LocalizedText;
		followUps: { id: string; label: LocalizedText; maxLength: number }[];
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
				en: 'Have you ever been refused entry to Mexico?',
				fr: "Vous a-t-on déjà refusé l'entrée au Mexique ?",
				'pt-BR': 'Você já teve a entrada no México negada?',
				de: 'Wurde Ihnen jemals die Einreise nach Mexiko verweigert?',
				it: "Le è mai stato negato l'ingresso in Messico?",
				'zh-Hans': '您是否曾被拒绝入境墨西哥？',
				ja: 'これまでにメキシコへの入国を拒否されたことがありますか？',
				ko: '멕시코 입국을 거부당한 적이 있습니까?'
			},
			followUps: [
				{
					id: 'when',
					label: {
						es: '¿Cuándo?',
						en: 'When?',
						fr: 'Quand ?',
						'pt-BR': 'Quando?',
						de: 'Wann?',
						it: 'Quando?',
						'zh-Hans': '何时？',
						ja: 'いつですか？',
						ko: '언제입니까?'
					},
					maxLength: 100
				},
				{
					id: 'reason',
					label: {
						es: '¿Por qué motivo?',
						en: 'For what reason?',
						fr: 'Pour quel motif ?',
						'pt-BR': 'Por qual motivo?',
						de: 'Aus welchem Grund?',
						it: 'Per quale motivo?',
						'zh-Hans': '原因是什么？',
						ja: '理由は何ですか？',
						ko: '사유는 무엇입니까?'
					},
					maxLength: 300
				}
			]
		},
		{
			id: 'deported',
			text: {
				es: '¿Ha sido deportado o expulsado de algún país?',
				en: 'Have you ever been deported or expelled from any country?',
				fr: "Avez-vous déjà fait l'objet d'une expulsion d'un pays ?",
				'pt-BR': 'Você já foi deportado(a) ou expulso(a) de algum país?',
				de: 'Wurden Sie jemals aus einem Land abgeschoben oder ausgewiesen?',
				it: "Ha mai subito un'espulsione o un rimpatrio forzato da un paese?",
				'zh-Hans': '您是否曾被任何国家驱逐出境？',
				ja: 'これまでにいずれかの国から強制送還または国外退去処分を受けたことがありますか？',
				ko: '어느 나라에서든 강제 추방되거나 퇴거된 적이 있습니까?'
			},
			followUps: [
				{
					id: 'country',
					label: {
						es: 'País',
						en: 'Country',
						fr: 'Pays',
						'pt-BR': 'País',
						de: 'Land',
						it: 'Paese',
						'zh-Hans': '国家',
						ja: '国',
						ko: '국가'
					},
					maxLength: 100
				},
				{
					id: 'year',
					label: {
						es: 'Año',
						en: 'Year',
						fr: 'Année',
						'pt-BR': 'Ano',
						de: 'Jahr',
						it: 'Anno',
						'zh-Hans': '年份',
						ja: '年',
						ko: '연도'
					},
					maxLength: 20
				}
			]
		},
		{
			id: 'criminal-record',
			text: {
				es: '¿Tiene antecedentes penales en algún país?',
				en: 'Do you have a criminal record in any country?',
				fr: 'Avez-vous des antécédents judiciaires dans un pays ?',
				'pt-BR': 'Você tem antecedentes criminais em algum país?',
				de: 'Sind Sie in einem Land vorbestraft?',
				it: 'Ha precedenti penali in un paese?',
				'zh-Hans': '您在任何国家是否有犯罪记录？',
				ja: 'いずれかの国で犯罪歴がありますか？',
				ko: '어느 나라에서든 범죄 경력이 있습니까?'
			},
			followUps: [
				{
					id: 'details',
					label: {
						es: 'Detalles',
						en: 'Details',
						fr: 'Détails',
						'pt-BR': 'Detalhes',
						de: 'Einzelheiten',
						it: 'Dettagli',
						'zh-Hans': '详情',
						ja: '詳細',
						ko: '세부 사항'
					},
					maxLength: 300
				}
			]
		},
		{
			id: 'cash',
			text: {
				es: '¿Lleva consigo más de 10 000 dólares estadounidenses en efectivo o su equivalente?',
				en: 'Are you carrying more than 10,000 US dollars in cash or the equivalent?',
				fr: "Transportez-vous plus de 10 000 dollars américains en espèces ou l'équivalent ?",
				'pt-BR': 'Você está levando mais de 10.000 dólares americanos em espécie ou o equivalente?',
				de: 'Führen Sie mehr als 10.000 US-Dollar in bar oder den Gegenwert mit sich?',
				it: "Porta con sé più di 10.000 dollari statunitensi in contanti o l'equivalente?",
				'zh-Hans': '您是否携带超过 10,000 美元现金或等值外币？',
				ja: '10,000 米ドルを超える現金またはそれに相当する額を携帯していますか？',
				ko: '미화 10,000달러를 초과하는 현금 또는 그에 상당하는 금액을 소지하고 있습니까?'
			},
			followUps: [
				{
					id: 'amount',
					label: {
						es: 'Monto y moneda',
						en: 'Amount and currency',
						fr: 'Montant et devise',
						'pt-BR': 'Valor e moeda',
						de: 'Betrag und Währung',
						it: 'Importo e valuta',
						'zh-Hans': '金额和币种',
						ja: '金額と通貨',
						ko: '금액 및 통화'
					},
					maxLength: 100
				}
			]
		},
		{
			id: 'goods',
			text: {
				es: '¿Lleva alimentos, plantas, animales o productos de origen animal?',
				en: 'Are you carrying food, plants, animals or animal products?',
				fr: "Transportez-vous des aliments, des plantes, des animaux ou des produits d'origine animale ?",
				'pt-BR': 'Você está levando alimentos, plantas, animais ou produtos de origem animal?',
				de: 'Führen Sie Lebensmittel, Pflanzen, Tiere oder tierische Erzeugnisse mit sich?',
				it: 'Porta con sé alimenti, piante, animali o prodotti di origine animale?',
				'zh-Hans': '您是否携带食品、植物、动物或动物产品？',
				ja: '食品、植物、動物または動物由来の製品を携帯していますか？',
				ko: '식품, 식물, 동물 또는 동물성 제품을 소지하고 있습니까?'
			},
			followUps: [
				{
					id: 'details',
					label: {
						es: '¿Qué lleva?',
						en: 'What are you carrying?',
						fr: 'Que transportez-vous ?',
						'pt-BR': 'O que você está levando?',
						de: 'Was führen Sie mit sich?',
						it: 'Che cosa porta con sé?',
						'zh-Hans': '您携带了什么？',
						ja: '何を携帯していますか？',
						ko: '무엇을 소지하고 있습니까?'
					},
					maxLength: 300
				}
			]
		}
	]
};
