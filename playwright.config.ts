import { defineConfig } from '@playwright/test';

/**
 * Browser tests run Debian's Chromium against the production build served by the real sync-server
 * (each test worker starts its own on a free loopback port; see tests/e2e/fixtures.ts).
 */
export default defineConfig({
	testDir: 'tests/e2e',
	fullyParallel: false,
	workers: process.env.CI ? 2 : 2,
	retries: 0,
	timeout: 60_000,
	expect: { timeout: 10_000 },
	reporter: process.env.CI ? [['list']] : [['list']],
	use: {
		browserName: 'chromium',
		// Spanish is the app's default language; tests that need English ask for it.
		locale: 'es-MX',
		launchOptions: {
			executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
			// Root in containers needs --no-sandbox; the rest stop Chromium from calling home on a closed network.
			args: [
				'--no-sandbox',
				'--disable-gpu',
				'--disable-quic',
				'--disable-background-networking',
				'--disable-component-update',
				'--disable-sync',
				'--no-first-run'
			]
		},
		trace: 'retain-on-failure'
	}
});
