/**
 * TEST TOOL, used by tests/e2e/receipts.spec.ts: writes an officer's entry authorization into a traveller's
 * database through the real server function (ReceiptService.issueEntryRecord, the EntryDesk's writer),
 * from a separate Node process on the same DATA_DIR, as a second server process would. Not an operator
 * tool: in production only the officer console decides entries.
 *
 * env: DATA_DIR, OWNER (traveller user id), REGISTRATION (registration id), DAYS, PORT_OF_ENTRY.
 * Prints the written entry record as JSON.
 */
import { randomInt } from 'node:crypto';
import { loadConfig } from '../../src/config.js';
import { ReceiptService } from '../../src/receipts/receipt-service.js';
import { loadKeyring } from '../../src/receipts/signing-keys.js';
import { replicationServices } from '../../src/replication/replication-service.js';
import { openStorage } from '../../src/storage/open-storage.js';

const {
	OWNER: owner,
	REGISTRATION: registrationId,
	DAYS: days = '30',
	PORT_OF_ENTRY: port = 'AIR-MEX'
} = process.env;
if (!owner || !registrationId?.startsWith('registration:'))
	throw new Error('OWNER and REGISTRATION are required');
const config = loadConfig(process.env);
const storage = await openStorage(config);
try {
	const replication = replicationServices(storage);
	const uuid = registrationId.slice('registration:'.length);
	const receipt = await replication.documents.getByOwner(owner, `receipt:${uuid}`);
	if (!receipt) throw new Error('no receipt: the registration has not been accepted');
	const service = new ReceiptService(replication.documents, await loadKeyring(process.env, config.dataDir));
	const entry = await service.issueEntryRecord(owner, {
		_id: `entry:${uuid}`,
		type: 'entry',
		createdAt: new Date().toISOString(),
		registrationId,
		folio: receipt.folio,
		decision: 'authorized',
		entryAt: new Date().toISOString(),
		officerId: 'officer-e2e',
		fmmNumber: `FMM${new Date().getUTCFullYear()}${String(randomInt(0, 1e9)).padStart(9, '0')}`,
		portOfEntry: port,
		daysAuthorized: Number(days),
		conditionOfStay: 'visitor_without_permission_to_work'
	});
	console.log(JSON.stringify(entry));
} finally {
	await storage.close();
}
