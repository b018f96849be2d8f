/**
 * The QR of a signed token, rendered on the device. Error correction Q (25 % of the code can be lost to a
 * crease, a scratch or screen glare) and alphanumeric mode (the token is Base45, chosen for that mode).
 * `qrcode` is loaded only when a receipt or FMM screen needs it.
 */
export interface RenderedQr {
	/** PNG as a data: URL, black on white with the standard 4-module quiet zone. */
	dataUrl: string;
	/** QR version (1–40); each version adds 4 modules per side. */
	version: number;
}

export async function renderQr(token: string, scale = 8): Promise<RenderedQr> {
	const QRCode = (await import('qrcode')).default;
	const segments = [{ data: token, mode: 'alphanumeric' as const }];
	const options = { errorCorrectionLevel: 'Q' as const };
	const { version } = QRCode.create(segments, options);
	const dataUrl = await QRCode.toDataURL(segments, {
		...options,
		margin: 4,
		scale,
		color: { dark: '#000000', light: '#ffffff' }
	});
	return { dataUrl, version };
}
