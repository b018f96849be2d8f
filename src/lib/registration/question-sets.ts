import { openDeviceDb } from '$lib/device/open-device-db';
import { isQuestionSet, newestSet, type QuestionSet } from '$domain/registration/question-set';
import { SHIPPED_QUESTION_SET } from '$domain/registration/shipped-question-set';

/** The newest question set the device has: the one shipped with the app or a newer one from the server. */
export async function currentQuestionSet(): Promise<QuestionSet> {
	let stored: QuestionSet[] = [];
	try {
		stored = (await (await openDeviceDb()).questionSets.toArray()).map((row) => row.set);
	} catch {
		// Storage unavailable: the shipped set still works.
	}
	return newestSet([SHIPPED_QUESTION_SET, ...stored.filter(isQuestionSet)]) ?? SHIPPED_QUESTION_SET;
}

/** A particular version (a draft keeps answering the version it started with, if the device has it). */
export async function questionSetVersion(version: number): Promise<QuestionSet | undefined> {
	if (version === SHIPPED_QUESTION_SET.version) return SHIPPED_QUESTION_SET;
	return (await (await openDeviceDb()).questionSets.get(version))?.set;
}

/** Asks the server for its current set and keeps it for offline use; quietly does nothing offline. */
export async function refreshQuestionSet(): Promise<void> {
	try {
		const response = await fetch('/api/question-sets/current', { credentials: 'same-origin' });
		if (!response.ok) return;
		const set: unknown = await response.json();
		if (isQuestionSet(set)) await (await openDeviceDb()).questionSets.put({ version: set.version, set });
	} catch {
		// Offline or the server is unreachable: the newest set already on the device applies.
	}
}
