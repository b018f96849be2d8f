import { describe, expect, it } from 'vitest';
import { parseFlightNumber, type TripDraft, validateTrip } from './trip-rules';

const context = { today: '2026-11-25', documentExpiry: '2030-01-01' };
const valid: TripDraft = {
	means: 'air',
	airline: 'AM',
	flightNumber: 'AM 402',
	originCountry: 'ES',
	originAirport: 'MAD',
	arrivalDate: '2026-12-20',
	portOfEntry: 'AIR-MEX',
	purpose: 'tourism',
	purposeOther: '',
	departureDate: '2027-01-05'
};
const check = (patch: Partial<TripDraft>, ctx = context) => validateTrip({ ...valid, ...patch }, ctx);

describe('trip rules', () => {
	it('accepts a complete air trip', () => {
		expect(check({})).toEqual({});
	});

	it('needs the means of arrival, from the list', () => {
		expect(check({ means: '' }).means).toBe('required');
		expect(check({ means: 'teleport' }).means).toBe('invalid');
	});

	it('checks the airline designator (IATA 2 or ICAO 3)', () => {
		expect(check({ airline: '' }).airline).toBe('required');
		expect(check({ airline: '12' }).airline).toBe('invalid');
		expect(check({ airline: 'A' }).airline).toBe('invalid');
		expect(check({ airline: 'AMX', flightNumber: 'AMX402' })).toEqual({});
		expect(check({ airline: 'y4', flightNumber: 'Y4 1234A' })).toEqual({});
	});

	it('checks the flight number and that it belongs to the airline', () => {
		expect(check({ flightNumber: ' ' }).flightNumber).toBe('required');
		expect(check({ flightNumber: 'AM12345' }).flightNumber).toBe('invalid');
		expect(check({ flightNumber: 'hello' }).flightNumber).toBe('invalid');
		expect(check({ flightNumber: 'IB6401' }).flightNumber).toBe('airline_mismatch');
		expect(parseFlightNumber('amx-0402')).toEqual({ airline: 'AMX', number: '0402' });
	});

	it('checks the origin airport code and country', () => {
		expect(check({ originAirport: '' }).originAirport).toBe('required');
		expect(check({ originAirport: 'M4D' }).originAirport).toBe('invalid');
		expect(check({ originCountry: '' }).originCountry).toBe('required');
		expect(check({ originCountry: 'QQ' }).originCountry).toBe('invalid');
	});

	it('does not ask for flight details when arriving by land or sea', () => {
		const land = check({
			means: 'land',
			airline: '',
			flightNumber: '',
			originAirport: '',
			portOfEntry: 'LAND-NOG'
		});
		expect(land).toEqual({});
	});

	it('keeps the arrival date between today and a year ahead', () => {
		expect(check({ arrivalDate: '' }).arrivalDate).toBe('required');
		expect(check({ arrivalDate: '2026-02-30' }).arrivalDate).toBe('invalid');
		expect(check({ arrivalDate: '2026-11-24' }).arrivalDate).toBe('past');
		expect(check({ arrivalDate: '2026-11-25', departureDate: '2026-11-30' })).toEqual({});
		expect(check({ arrivalDate: '2027-11-26', departureDate: '2027-12-01' }).arrivalDate).toBe('too_far');
	});

	it('needs a port of entry that matches the means of arrival', () => {
		expect(check({ portOfEntry: '' }).portOfEntry).toBe('required');
		expect(check({ portOfEntry: 'AIR-XXX' }).portOfEntry).toBe('invalid');
		expect(check({ portOfEntry: 'SEA-ENS' }).portOfEntry).toBe('means_mismatch');
	});

	it('needs a purpose, with a text for "other"', () => {
		expect(check({ purpose: '' }).purpose).toBe('required');
		expect(check({ purpose: 'smuggling' }).purpose).toBe('invalid');
		expect(check({ purpose: 'other' }).purposeOther).toBe('required');
		expect(check({ purpose: 'other', purposeOther: 'x'.repeat(201) }).purposeOther).toBe('too_long');
		expect(check({ purpose: 'other', purposeOther: 'Boda' })).toEqual({});
	});

	it('keeps departure after arrival, the stay at most 180 days, within the document validity', () => {
		expect(check({ departureDate: '' }).departureDate).toBe('required');
		expect(check({ departureDate: '2027-13-01' }).departureDate).toBe('invalid');
		expect(check({ departureDate: '2026-12-20' }).departureDate).toBe('before_arrival');
		expect(check({ departureDate: '2027-06-19' }).departureDate).toBe('stay_too_long');
		expect(check({ departureDate: '2027-06-18' })).toEqual({});
		expect(check({}, { ...context, documentExpiry: '2027-01-01' }).departureDate).toBe('document_expires');
	});
});
