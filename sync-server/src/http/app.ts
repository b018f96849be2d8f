import Fastify, { type FastifyInstance } from 'fastify';
import type { Config } from '../config.js';
import type { AccountService } from '../accounts/account-service.js';
import { replicationServices, type ReplicationServices } from '../replication/replication-service.js';
import type { Storage } from '../storage/port.js';
import { registerCouchRoutes } from './couch/couch-routes.js';
import { registerOriginCheck } from './accounts/csrf.js';
import { registerAccountRoutes } from './accounts/routes.js';
import type { DeliveryService } from '../outbox/delivery-service.js';
import { registerOutboxRoutes } from './outbox/routes.js';
import { registerQuestionSetRoutes } from './registrations/question-set-routes.js';
import { EntryDesk, type EntryWriter } from '../officers/entry-desk.js';
import type { OfficerAuth } from '../officers/officer-auth.js';
import type { OfficerStore } from '../officers/officer-store.js';
import { registerOfficerRoutes } from './officer/routes.js';
import { registerReceipts } from '../receipts/register-receipts.js';
import type { Keyring } from '../receipts/signing-keys.js';
import {
	contentSecurityPolicy,
	inlineScriptHashes,
	styleAttributeHashes
} from './content-security-policy.js';
import { loggerOptions } from './logging.js';
import { type PrincipalResolver, registerPrincipal } from './principal.js';
import { registerSecurityHeaders } from './security-headers.js';
import { readAppCode, readShell, registerStaticApp } from './static-app.js';

export interface AppDeps {
	config: Config;
	storage: Storage;
	/** How requests prove who they are (session cookies, admin basic auth), tried in order. */
	principalResolvers?: PrincipalResolver[];
	/** Traveller accounts (/api/accounts/*); absent in tests that do not need them. */
	accounts?: AccountService;
	/** The origin browsers use; a function because a PORT=0 server learns its address after listening. */
	publicOrigin?: () => string;
	/** Replication services over `storage` (/db/*); built here unless the caller shares its own. */
	replication?: ReplicationServices;
	/** Officer console API (/api/officer/*); needs `accounts`. */
	officers?: { store: OfficerStore; auth: OfficerAuth; writeEntry?: EntryWriter };
	/** Kiosk outboxes (/api/outbox/*): delivery credentials and delayed delivery of submissions. */
	delivery?: DeliveryService;
	/** Signing keys for receipts and entry records (receipts are issued, /api/keys served, only with them). */
	keyring?: Keyring;
}

/** Builds the whole HTTP surface: API, health, and the PWA on one origin. */
export async function buildApp({
	config,
	storage,
	principalResolvers = [],
	accounts,
	publicOrigin,
	replication = replicationServices(storage),
	officers,
	keyring,
	delivery
}: AppDeps): Promise<FastifyInstance> {
	const app = Fastify({
		logger: loggerOptions(config),
		// Behind a proxy the operator sets trustProxy through PUBLIC_URL's host; locally there is none.
		trustProxy: false,
		bodyLimit: 8 * 1024 * 1024
	});
	const https = config.publicUrl.protocol === 'https:';
	const shell = readShell(config.appDir);
	const csp = contentSecurityPolicy(
		inlineScriptHashes(shell),
		https,
		styleAttributeHashes(readAppCode(config.appDir))
	);
	registerSecurityHeaders(app, { csp, https });
	registerOriginCheck(app, publicOrigin ?? (() => config.publicUrl.origin));
	registerPrincipal(app, principalResolvers);
	if (accounts) await registerAccountRoutes(app, { accounts, https });
	const receipts = keyring ? registerReceipts(app, { keyring, replication }) : undefined;
	if (accounts && officers) {
		const writeEntry = officers.writeEntry ?? receipts?.issueEntryRecord;
		const desk = new EntryDesk({ officers: officers.store, replication, writeEntry });
		await registerOfficerRoutes(app, { auth: officers.auth, desk, accounts, https });
	}

	app.get('/healthz', async (_request, reply) => {
		try {
			await storage.ping();
			return { status: 'ok', storage: storage.kind };
		} catch {
			return reply.code(503).send({ status: 'unavailable', storage: storage.kind });
		}
	});

	if (delivery) await registerOutboxRoutes(app, delivery);
	await registerQuestionSetRoutes(app);
	await registerCouchRoutes(app, replication);
	await registerStaticApp(app, config.appDir, shell);
	return app;
}
