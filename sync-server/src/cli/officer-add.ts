import { AccountService } from '../accounts/account-service.js';
import { ConfigError, loadConfig } from '../config.js';
import { createMailer } from '../mail/mailer.js';
import { OfficerAuth } from '../officers/officer-auth.js';
import { openAccountStore } from '../storage/open-account-store.js';
import { openOfficerStore } from '../storage/open-officer-store.js';
import { openStorage } from '../storage/open-storage.js';

/**
 * `npm run officer:add -- officer@example.org`: creates an officer account (there are no default
 * ones) on the store the server uses (DATA_DIR or DATABASE_URL) and prints a one-time password, which
 * must be changed at the first log-in, where the officer also enrols an authenticator app (TOTP).
 * Run again for an existing officer to issue a new one-time password and require a new enrolment.
 */
async function main(): Promise<void> {
	const email = process.argv[2];
	if (!email || process.argv.length > 3) {
		console.error('usage: npm run officer:add -- officer@example.org');
		process.exit(2);
	}
	const config = loadConfig(process.env);
	const storage = await openStorage(config);
	await storage.migrate();
	const accountStore = await openAccountStore(config, storage);
	const officers = await openOfficerStore(storage);
	const silent = { info() {}, error() {} };
	// Officers get no e-mail from this command: the operator hands the password over in person.
	const mailer = createMailer({ smtpUrl: undefined, dataDir: config.dataDir, from: 'unused', log: silent });
	const accounts = new AccountService({
		store: accountStore.store,
		mailer,
		publicUrl: () => config.publicUrl,
		log: silent
	});
	try {
		const auth = new OfficerAuth({ accounts, accountStore: accountStore.store, officers });
		const { password, created } = await auth.addOfficer(email);
		console.log(`${created ? 'Created officer' : 'Reset officer'} ${email.trim().toLowerCase()}`);
		console.log(`One-time password (change it at first log-in at ${new URL('/officer', config.publicUrl)}):`);
		console.log(password);
	} finally {
		mailer.close();
		await accountStore.close();
		await storage.close();
	}
}

main().catch((error: unknown) => {
	console.error(
		error instanceof ConfigError ? `Configuration error: ${error.message}` : (error as Error).message
	);
	process.exit(1);
});
