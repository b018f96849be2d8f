/** Records as the app writes them (files, a sent pre-registration), for server tests. */
export const pdf = (body = '') => Buffer.from(`%PDF-1.7\n${body}\ntrailer << /Root 1 0 R >>\n%%EOF\n`);

export function fileRecord(id: string, purpose: string, bytes: Buffer, contentType = 'application/pdf') {
	return {
		_id: id,
		type: 'attachment',
		createdAt: '2026-11-25T10:00:00.000Z',
		purpose,
		contentType,
		byteLength: bytes.length,
		_attachments: { file: { content_type: contentType, data: bytes.toString('base64') } }
	};
}

export function registration(id: string, files: { exitTicket?: string; lodging?: string }) {
	return {
		_id: id,
		type: 'registration',
		createdAt: '2026-11-25T10:00:00.000Z',
		documentId: 'identity-document:1',
		traveller: {
			documentType: 'P',
			issuingState: 'ESP',
			surnames: 'PEREZ',
			givenNames: 'LUCIA',
			documentNumber: 'AB1234567',
			nationality: 'ESP',
			birthDate: '1990-01-01',
			expiryDate: '2030-01-01',
			sex: 'F'
		},
		trip: {
			means: 'air',
			airline: 'AM',
			flightNumber: 'AM402',
			originCountry: 'ES',
			originAirport: 'MAD',
			arrivalDate: '2026-12-20',
			portOfEntry: 'AIR-MEX',
			purpose: 'tourism',
			departureDate: '2027-01-05'
		},
		additional: {
			address: {
				lodgingName: 'Hotel',
				street: 'Donceles 95',
				state: 'CMX',
				municipality: 'Cuauhtémoc',
				postalCode: '06000'
			},
			contactOrigin: { name: 'Lucía', phone: '+34612345678' },
			contactMexico: { name: 'Hotel', phone: '+525555185232' },
			occupation: 'Ingeniera'
		},
		answers: {
			questionSetId: 'inm-control-migratorio',
			questionSetVersion: 1,
			items: { cash: { answer: false } }
		},
		attachmentIds: files,
		termsAcceptedAt: '2026-11-25T10:00:00.000Z',
		submittedAt: '2026-11-25T10:00:00.000Z',
		language: 'es'
	};
}
