import { ConfigError, loadConfig } from './config.js';
import { buildApp } from './http/app.js';
import { openStorage } from './storage/open-storage.js';

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
	const app = await buildApp({ config, storage });

	// Graceful stop: finish in-flight requests, then close the store so WAL is checkpointed cleanly.
	let stopping = false;
	const stop = async (signal: string) => {
		if (stopping) return;
		stopping = true;
		app.log.info({ signal }, 'stopping');
		await app.close();
		await storage.close();
		process.exit(0);
	};
	process.on('SIGTERM', () => void stop('SIGTERM'));
	process.on('SIGINT', () => void stop('SIGINT'));

	const address = await app.listen({ port: config.port, host: config.host });
	app.log.info({ address, storage: storage.kind }, 'arribo sync-server listening');
}

main().catch((error: unknown) => {
	console.error(error);
	process.exit(1);
});
