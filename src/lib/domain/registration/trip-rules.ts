import type { TripInfo } from '../records/registration-types';
import { dayNumber } from './iso-date';
import { portByCode } from './ports-of-entry';
import { isCountryCode } from './countries';

/** The trip as the form holds it: every field a string, possibly empty, until it is sealed. */
export type TripDraft = { [K in keyof TripInfo]-?: string };

export type TripField = keyof TripDraft;
/** Message keys live at `wizard.error.trip.<field>.<code>`. */
export type TripErrors = Partial<Record<TripField, string>>;

export const EMPTY_TRIP: TripDraft = {
	means: '',
	airline: '',
	flightNumber: '',
	originCountry: '',
	originAirport: '',
	arrivalDate: '',
	portOfEntry: '',
	purpose: '',
	purposeOther: '',
	departureDate: ''
};

/** Mexico lets a visitor stay up to 180 days; a pre-registration further than a year ahead is a typo. */
export const MAX_STAY_DAYS = 180;
export const MAX_DAYS_AHEAD = 365;
const MEANS = ['air', 'sea', 'land'];
const PURPOSES = ['tourism', 'business', 'family', 'transit', 'other'];

/** IATA (2 characters, not both digits) or ICAO (3 letters) airline designator. */
const AIRLINE = /^(?:(?![0-9]{2})[A-Z0-9]{2}|[A-Z]{3})$/;
/** IATA (3 letters) or ICAO (4 letters) airport code. */
const AIRPORT = /^[A-Z]{3,4}$/;

export function normaliseCode(value: string): string {
	return value.replace(/[\s-]+/g, '').toUpperCase();
}

/** Splits "AM0402", "AMX 402" or "Y4 1234A" into designator and number, or null when it is no flight number. */
export function parseFlightNumber(value: string): { airline: string; number: string } | null {
	const compact = normaliseCode(value);
	for (const length of [3, 2]) {
		const airline = compact.slice(0, length);
		const number = compact.slice(length);
		if (AIRLINE.test(airline) && /^[0-9]{1,4}[A-Z]?$/.test(number)) return { airline, number };
	}
	return null;
}

export interface TripContext {
	/** The traveller's calendar day (ISO). */
	today: string;
	/** Expiry date (ISO) of the chosen identity document. */
	documentExpiry: string;
}

/** Checks the trip step; the order of the checks is the order of the form, top to bottom. */
export function validateTrip(trip: TripDraft, context: TripContext): TripErrors {
	const errors: TripErrors = {};
	// How the traveller arrives decides which other fields apply.
	if (!trip.means) errors.means = 'required';
	else if (!MEANS.includes(trip.means)) errors.means = 'invalid';

	if (trip.means === 'air') {
		const airline = normaliseCode(trip.airline);
		// The designator printed on the ticket: AM, Y4 (IATA) or AMX (ICAO).
		if (!airline) errors.airline = 'required';
		else if (!AIRLINE.test(airline)) errors.airline = 'invalid';
		const flight = parseFlightNumber(trip.flightNumber);
		if (!trip.flightNumber.trim()) errors.flightNumber = 'required';
		// Designator followed by 1–4 digits and an optional letter.
		else if (!flight) errors.flightNumber = 'invalid';
		// A flight number whose designator is not the airline given above is a typo in one of them.
		else if (!errors.airline && flight.airline !== airline) errors.flightNumber = 'airline_mismatch';
		const airport = normaliseCode(trip.originAirport);
		if (!airport) errors.originAirport = 'required';
		else if (!AIRPORT.test(airport)) errors.originAirport = 'invalid';
	}

	if (!trip.originCountry) errors.originCountry = 'required';
	else if (!isCountryCode(trip.originCountry)) errors.originCountry = 'invalid';

	const arrival = dayNumber(trip.arrivalDate);
	const today = dayNumber(context.today) ?? 0;
	if (!trip.arrivalDate) errors.arrivalDate = 'required';
	else if (arrival === null) errors.arrivalDate = 'invalid';
	// A pre-registration is for a trip still to come.
	else if (arrival < today) errors.arrivalDate = 'past';
	else if (arrival - today > MAX_DAYS_AHEAD) errors.arrivalDate = 'too_far';

	const port = portByCode(trip.portOfEntry);
	if (!trip.portOfEntry) errors.portOfEntry = 'required';
	else if (!port) errors.portOfEntry = 'invalid';
	// An airport for air, a seaport for sea, a border crossing for land.
	else if (trip.means && port.means !== trip.means) errors.portOfEntry = 'means_mismatch';

	if (!trip.purpose) errors.purpose = 'required';
	else if (!PURPOSES.includes(trip.purpose)) errors.purpose = 'invalid';
	else if (trip.purpose === 'other') {
		if (!trip.purposeOther.trim()) errors.purposeOther = 'required';
		else if (trip.purposeOther.length > 200) errors.purposeOther = 'too_long';
	}

	const departure = dayNumber(trip.departureDate);
	const expiry = dayNumber(context.documentExpiry);
	if (!trip.departureDate) errors.departureDate = 'required';
	else if (departure === null) errors.departureDate = 'invalid';
	else if (arrival !== null && departure <= arrival) errors.departureDate = 'before_arrival';
	else if (arrival !== null && departure - arrival > MAX_STAY_DAYS) errors.departureDate = 'stay_too_long';
	// The passport must stay valid until the traveller leaves Mexico.
	else if (expiry !== null && departure > expiry) errors.departureDate = 'document_expires';
	return errors;
}

/** The sealed form of a valid trip: codes normalised, fields that do not apply left out. */
export function toTripInfo(trip: TripDraft): TripInfo {
	const air = trip.means === 'air';
	return {
		means: trip.means as TripInfo['means'],
		...(air
			? {
					airline: normaliseCode(trip.airline),
					flightNumber: normaliseCode(trip.flightNumber),
					originAirport: normaliseCode(trip.originAirport)
				}
			: {}),
		originCountry: trip.originCountry,
		arrivalDate: trip.arrivalDate,
		portOfEntry: trip.portOfEntry,
		purpose: trip.purpose as TripInfo['purpose'],
		...(trip.purpose === 'other' ? { purposeOther: trip.purposeOther.trim() } : {}),
		departureDate: trip.departureDate
	};
}
