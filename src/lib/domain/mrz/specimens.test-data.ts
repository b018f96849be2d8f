// ICAO 9303 specimen MRZs (the fictitious state Utopia) and the German passport specimen.
export const TD3_SPECIMEN = [
	'P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<',
	'L898902C36UTO7408122F1204159ZE184226B<<<<<10'
] as const;

export const TD2_SPECIMEN = [
	'I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<',
	'D231458907UTO7408122F1204159<<<<<<<6'
] as const;

export const TD1_SPECIMEN = [
	'I<UTOD231458907<<<<<<<<<<<<<<<',
	'7408122F1204159UTO<<<<<<<<<<<6',
	'ERIKSSON<<ANNA<MARIA<<<<<<<<<<'
] as const;

/** TD1 with a 12-character document number continuing into the optional field. */
export const TD1_LONG_NUMBER = [
	'I<UTOD23145890<1233<<<<<<<<<<<',
	'7408122F1204159UTO<<<<<<<<<<<2',
	'ERIKSSON<<ANNA<MARIA<<<<<<<<<<'
] as const;

export const GERMAN_PASSPORT = [
	'P<D<<MUSTERMANN<<ERIKA<<<<<<<<<<<<<<<<<<<<<<',
	'C01X00T478D<<6408125F2702283<<<<<<<<<<<<<<<4'
] as const;
