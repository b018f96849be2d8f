import { localized, type LocalizedText } from '../localized-text';

/**
 * Mexico's international ports of entry, shipped with the app so the list works offline. Codes are stable
 * (they are sealed into registrations); names are proper names, the same in Spanish and English except
 * where a common English form exists.
 */
export interface PortOfEntry {
	code: string;
	means: 'air' | 'sea' | 'land';
	/** Mexican state, for grouping. */
	state: string;
	name: LocalizedText;
}

const same = (name: string) => ({ es: name, en: name });

export const PORTS_OF_ENTRY: readonly PortOfEntry[] = [
	// International airports (IATA code in the port code).
	{
		code: 'AIR-MEX',
		means: 'air',
		state: 'CMX',
		name: same('Aeropuerto Internacional de la Ciudad de México (MEX)')
	},
	{
		code: 'AIR-NLU',
		means: 'air',
		state: 'MEX',
		name: same('Aeropuerto Internacional Felipe Ángeles (NLU)')
	},
	{ code: 'AIR-CUN', means: 'air', state: 'ROO', name: same('Aeropuerto Internacional de Cancún (CUN)') },
	{ code: 'AIR-TQO', means: 'air', state: 'ROO', name: same('Aeropuerto Internacional de Tulum (TQO)') },
	{ code: 'AIR-CZM', means: 'air', state: 'ROO', name: same('Aeropuerto Internacional de Cozumel (CZM)') },
	{
		code: 'AIR-GDL',
		means: 'air',
		state: 'JAL',
		name: same('Aeropuerto Internacional de Guadalajara (GDL)')
	},
	{
		code: 'AIR-PVR',
		means: 'air',
		state: 'JAL',
		name: same('Aeropuerto Internacional de Puerto Vallarta (PVR)')
	},
	{ code: 'AIR-MTY', means: 'air', state: 'NLE', name: same('Aeropuerto Internacional de Monterrey (MTY)') },
	{ code: 'AIR-TIJ', means: 'air', state: 'BCN', name: same('Aeropuerto Internacional de Tijuana (TIJ)') },
	{ code: 'AIR-SJD', means: 'air', state: 'BCS', name: same('Aeropuerto Internacional de Los Cabos (SJD)') },
	{ code: 'AIR-MID', means: 'air', state: 'YUC', name: same('Aeropuerto Internacional de Mérida (MID)') },
	{ code: 'AIR-BJX', means: 'air', state: 'GUA', name: same('Aeropuerto Internacional del Bajío (BJX)') },
	{
		code: 'AIR-QRO',
		means: 'air',
		state: 'QUE',
		name: same('Aeropuerto Intercontinental de Querétaro (QRO)')
	},
	{ code: 'AIR-PBC', means: 'air', state: 'PUE', name: same('Aeropuerto Internacional de Puebla (PBC)') },
	{ code: 'AIR-OAX', means: 'air', state: 'OAX', name: same('Aeropuerto Internacional de Oaxaca (OAX)') },
	{ code: 'AIR-HUX', means: 'air', state: 'OAX', name: same('Aeropuerto Internacional de Huatulco (HUX)') },
	{ code: 'AIR-ACA', means: 'air', state: 'GRO', name: same('Aeropuerto Internacional de Acapulco (ACA)') },
	{
		code: 'AIR-ZIH',
		means: 'air',
		state: 'GRO',
		name: same('Aeropuerto Internacional de Ixtapa-Zihuatanejo (ZIH)')
	},
	{ code: 'AIR-MZT', means: 'air', state: 'SIN', name: same('Aeropuerto Internacional de Mazatlán (MZT)') },
	{ code: 'AIR-CUL', means: 'air', state: 'SIN', name: same('Aeropuerto Internacional de Culiacán (CUL)') },
	{ code: 'AIR-HMO', means: 'air', state: 'SON', name: same('Aeropuerto Internacional de Hermosillo (HMO)') },
	{ code: 'AIR-CUU', means: 'air', state: 'CHH', name: same('Aeropuerto Internacional de Chihuahua (CUU)') },
	{
		code: 'AIR-CJS',
		means: 'air',
		state: 'CHH',
		name: same('Aeropuerto Internacional de Ciudad Juárez (CJS)')
	},
	{
		code: 'AIR-SLP',
		means: 'air',
		state: 'SLP',
		name: same('Aeropuerto Internacional de San Luis Potosí (SLP)')
	},
	{
		code: 'AIR-AGU',
		means: 'air',
		state: 'AGU',
		name: same('Aeropuerto Internacional de Aguascalientes (AGU)')
	},
	{ code: 'AIR-VER', means: 'air', state: 'VER', name: same('Aeropuerto Internacional de Veracruz (VER)') },
	{
		code: 'AIR-VSA',
		means: 'air',
		state: 'TAB',
		name: same('Aeropuerto Internacional de Villahermosa (VSA)')
	},
	{
		code: 'AIR-TGZ',
		means: 'air',
		state: 'CHP',
		name: same('Aeropuerto Internacional de Tuxtla Gutiérrez (TGZ)')
	},
	{ code: 'AIR-TAP', means: 'air', state: 'CHP', name: same('Aeropuerto Internacional de Tapachula (TAP)') },
	{ code: 'AIR-LAP', means: 'air', state: 'BCS', name: same('Aeropuerto Internacional de La Paz (LAP)') },
	{ code: 'AIR-ZCL', means: 'air', state: 'ZAC', name: same('Aeropuerto Internacional de Zacatecas (ZCL)') },
	{ code: 'AIR-MLM', means: 'air', state: 'MIC', name: same('Aeropuerto Internacional de Morelia (MLM)') },
	{
		code: 'AIR-CME',
		means: 'air',
		state: 'CAM',
		name: same('Aeropuerto Internacional de Ciudad del Carmen (CME)')
	},
	{ code: 'AIR-CPE', means: 'air', state: 'CAM', name: same('Aeropuerto Internacional de Campeche (CPE)') },
	// Seaports with international passenger traffic (cruise and ferry).
	{ code: 'SEA-ENS', means: 'sea', state: 'BCN', name: same('Puerto de Ensenada') },
	{ code: 'SEA-CZM', means: 'sea', state: 'ROO', name: same('Puerto de Cozumel') },
	{ code: 'SEA-MAH', means: 'sea', state: 'ROO', name: same('Puerto Costa Maya (Mahahual)') },
	{ code: 'SEA-PRG', means: 'sea', state: 'YUC', name: same('Puerto Progreso') },
	{ code: 'SEA-PVR', means: 'sea', state: 'JAL', name: same('Puerto Vallarta') },
	{ code: 'SEA-MZT', means: 'sea', state: 'SIN', name: same('Puerto de Mazatlán') },
	{ code: 'SEA-CSL', means: 'sea', state: 'BCS', name: same('Puerto de Cabo San Lucas') },
	{ code: 'SEA-ACA', means: 'sea', state: 'GRO', name: same('Puerto de Acapulco') },
	{ code: 'SEA-HUX', means: 'sea', state: 'OAX', name: same('Puerto de Huatulco') },
	{ code: 'SEA-ZLO', means: 'sea', state: 'COL', name: same('Puerto de Manzanillo') },
	{ code: 'SEA-VER', means: 'sea', state: 'VER', name: same('Puerto de Veracruz') },
	{ code: 'SEA-CHT', means: 'sea', state: 'CHP', name: same('Puerto Chiapas') },
	// Land border crossings (north: United States; south: Guatemala and Belize).
	{ code: 'LAND-TIJ-SYS', means: 'land', state: 'BCN', name: same('Tijuana – El Chaparral / San Ysidro') },
	{ code: 'LAND-TIJ-OTA', means: 'land', state: 'BCN', name: same('Tijuana – Mesa de Otay') },
	{ code: 'LAND-TKT', means: 'land', state: 'BCN', name: same('Tecate') },
	{ code: 'LAND-MXL', means: 'land', state: 'BCN', name: same('Mexicali') },
	{ code: 'LAND-SLR', means: 'land', state: 'SON', name: same('San Luis Río Colorado') },
	{ code: 'LAND-NOG', means: 'land', state: 'SON', name: same('Nogales') },
	{ code: 'LAND-AGP', means: 'land', state: 'SON', name: same('Agua Prieta') },
	{ code: 'LAND-CJS', means: 'land', state: 'CHH', name: same('Ciudad Juárez') },
	{ code: 'LAND-OJI', means: 'land', state: 'CHH', name: same('Ojinaga') },
	{ code: 'LAND-ACU', means: 'land', state: 'COA', name: same('Ciudad Acuña') },
	{ code: 'LAND-PNG', means: 'land', state: 'COA', name: same('Piedras Negras') },
	{ code: 'LAND-NLD', means: 'land', state: 'TAM', name: same('Nuevo Laredo') },
	{ code: 'LAND-REX', means: 'land', state: 'TAM', name: same('Reynosa') },
	{ code: 'LAND-MAM', means: 'land', state: 'TAM', name: same('Matamoros') },
	{
		code: 'LAND-CHM',
		means: 'land',
		state: 'ROO',
		name: { es: 'Subteniente López – Chetumal (Belice)', en: 'Subteniente López – Chetumal (Belize)' }
	},
	{ code: 'LAND-CDH', means: 'land', state: 'CHP', name: same('Ciudad Hidalgo (Guatemala)') },
	{ code: 'LAND-TAL', means: 'land', state: 'CHP', name: same('Talismán (Guatemala)') },
	{ code: 'LAND-CCH', means: 'land', state: 'CHP', name: same('Ciudad Cuauhtémoc (Guatemala)') }
];

const byCode = new Map(PORTS_OF_ENTRY.map((port) => [port.code, port]));

export function portByCode(code: string): PortOfEntry | undefined {
	return byCode.get(code);
}

/** Mexico's 32 federal entities (ISO 3166-2:MX codes without the country prefix). */
export const MEXICAN_STATES: readonly { code: string; name: string }[] = [
	['AGU', 'Aguascalientes'],
	['BCN', 'Baja California'],
	['BCS', 'Baja California Sur'],
	['CAM', 'Campeche'],
	['CHP', 'Chiapas'],
	['CHH', 'Chihuahua'],
	['CMX', 'Ciudad de México'],
	['COA', 'Coahuila'],
	['COL', 'Colima'],
	['DUR', 'Durango'],
	['GUA', 'Guanajuato'],
	['GRO', 'Guerrero'],
	['HID', 'Hidalgo'],
	['JAL', 'Jalisco'],
	['MEX', 'Estado de México'],
	['MIC', 'Michoacán'],
	['MOR', 'Morelos'],
	['NAY', 'Nayarit'],
	['NLE', 'Nuevo León'],
	['OAX', 'Oaxaca'],
	['PUE', 'Puebla'],
	['QUE', 'Querétaro'],
	['ROO', 'Quintana Roo'],
	['SLP', 'San Luis Potosí'],
	['SIN', 'Sinaloa'],
	['SON', 'Sonora'],
	['TAB', 'Tabasco'],
	['TAM', 'Tamaulipas'],
	['TLA', 'Tlaxcala'],
	['VER', 'Veracruz'],
	['YUC', 'Yucatán'],
	['ZAC', 'Zacatecas']
].map(([code, name]) => ({ code: code!, name: name! }));

export function isMexicanState(code: string): boolean {
	return MEXICAN_STATES.some((state) => state.code === code);
}

/** The port's name in `locale` (English where it has no name of its own), or the code of an unknown port. */
export function localizedPortName(code: string, locale: string): string {
	const port = portByCode(code);
	return port ? localized(port.name, locale) : code;
}
