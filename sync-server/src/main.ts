import { AccountService } from './accounts/account-service.js';
import { ConfigError, loadConfig } from './config.js';
import { sessionCookieResolver } from './http/accounts/session-resolver.js';
import { configuredResolvers } from './http/admin-principal.js';
import { buildApp } from './http/app.js';
import { createMailer } from './mail/mailer.js';
import { requireVerifiedOfficerSessions } from './http/officer/officer-guard.js';
import { OfficerAuth } from './officers/officer-auth.js';
import { openAccountStore } from './storage/open-account-store.js';
import { openOfficerStore } from './storage/open-officer-store.js';
import { openStorage } from './storage/open-storage.js';
import { loadKeyring } from './receipts/signing-keys.js';
import { DeliveryService } from './outbox/delivery-service.js';
import { replicationServices } from './replication/replication-service.js';

async function main(): Promise<void> {
	let config;
	try {
		config = loadConfig(process.env);
	} catch (error) {
		if (error instanceof ConfigError) {
			console.error(`Configuration error: ${error.message}`);
			process.exit(2);
		}
		throw error;
	}

	const storage = await openStorage(config);
	await storage.migrate();
	const accountStore = await openAccountStore(config, storage);
	const officerStore = await openOfficerStore(storage);
	// One set of replication services for every writer, so receipts are issued whoever delivers a registration.
	const replication = replicationServices(storage);

	// With PORT=0 and no PUBLIC_URL (tests), the public address is known only once we listen.
	let publicUrl = config.publicUrl;
	const https = publicUrl.protocol === 'https:';
	let mailLog: { info(obj: object, msg: string): void; error(obj: object, msg: string): void } = console;
	const mailer = createMailer({
		smtpUrl: config.smtpUrl,
		dataDir: config.dataDir,
		from: process.env.MAIL_FROM || `Arribo <no-reply@${publicUrl.hostname}>`,
		log: { info: (obj, msg) => mailLog.info(obj, msg) }
	});
	const accounts = new AccountService({
		store: accountStore.store,
		mailer,
		publicUrl: () => publicUrl,
		log: { info: (obj, msg) => mailLog.info(obj, msg), error: (obj, msg) => mailLog.error(obj, msg) },
		// Deleting an account erases everything the traveller replicated, files included.
		onAccountDeleted: [async (accountId) => void (await storage.documents.deleteUserDatabase(accountId))],
		recordsOf: (accountId) => replication.documents.exportByOwner(accountId)
	});
	const app = await buildApp({
		config,
		storage,
		accounts,
		replication,
		delivery: new DeliveryService({
			accounts: accountStore.store,
			documents: storage.documents,
			replication
		}),
		publicOrigin: () => publicUrl.origin,
		keyring: await loadKeyring(process.env, config.dataDir),
		principalResolvers: [
			requireVerifiedOfficerSessions(sessionCookieResolver(accounts, https), officerStore),
			...configuredResolvers(config)
		],
		officers: {
			store: officerStore,
			auth: new OfficerAuth({ accounts, accountStore: accountStore.store, officers: officerStore })
		}
	});
	mailLog = app.log;

	// Graceful stop: finish in-flight requests, then close the store so WAL is checkpointed cleanly.
	let stopping = false;
	const stop = async (signal: string) => {
		if (stopping) return;
		stopping = true;
		app.log.info({ signal }, 'stopping');
		await app.close();
		mailer.close();
		await accountStore.close();
		await storage.close();
		process.exit(0);
	};
	process.on('SIGTERM', () => void stop('SIGTERM'));
	process.on('SIGINT', () => void stop('SIGINT'));

	const address = await app.listen({ port: config.port, host: config.host });
	if (publicUrl.port === '0') publicUrl = new URL(address);
	app.log.info({ address, storage: storage.kind }, 'arribo sync-server listening');
}

main().catch((error: unknown) => {
	console.error(error);
	process.exit(1);
});
