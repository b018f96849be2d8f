/**
 * ICAO 9303 state codes (ISO 3166-1 alpha-3 plus ICAO's own) to ISO alpha-2, which `Intl.DisplayNames` needs
 * to name a country in the traveller's language. The MRZ parser already turns Germany's `D` into `DEU`.
 */
const ISO: string =
	'AFGAF ALAAX ALBAL DZADZ ASMAS ANDAD AGOAO AIAAI ATAAQ ATGAG ARGAR ARMAM ABWAW AUSAU AUTAT AZEAZ BHSBS BHRBH ' +
	'BGDBD BRBBB BLRBY BELBE BLZBZ BENBJ BMUBM BTNBT BOLBO BESBQ BIHBA BWABW BVTBV BRABR IOTIO BRNBN BGRBG BFABF ' +
	'BDIBI CPVCV KHMKH CMRCM CANCA CYMKY CAFCF TCDTD CHLCL CHNCN CXRCX CCKCC COLCO COMKM COGCG CODCD COKCK CRICR ' +
	'CIVCI HRVHR CUBCU CUWCW CYPCY CZECZ DNKDK DJIDJ DMADM DOMDO ECUEC EGYEG SLVSV GNQGQ ERIER ESTEE SWZSZ ETHET ' +
	'FLKFK FROFO FJIFJ FINFI FRAFR GUFGF PYFPF ATFTF GABGA GMBGM GEOGE DEUDE GHAGH GIBGI GRCGR GRLGL GRDGD GLPGP ' +
	'GUMGU GTMGT GGYGG GINGN GNBGW GUYGY HTIHT HMDHM VATVA HNDHN HKGHK HUNHU ISLIS INDIN IDNID IRNIR IRQIQ IRLIE ' +
	'IMNIM ISRIL ITAIT JAMJM JPNJP JEYJE JORJO KAZKZ KENKE KIRKI PRKKP KORKR KWTKW KGZKG LAOLA LVALV LBNLB LSOLS ' +
	'LBRLR LBYLY LIELI LTULT LUXLU MACMO MDGMG MWIMW MYSMY MDVMV MLIML MLTMT MHLMH MTQMQ MRTMR MUSMU MYTYT MEXMX ' +
	'FSMFM MDAMD MCOMC MNGMN MNEME MSRMS MARMA MOZMZ MMRMM NAMNA NRUNR NPLNP NLDNL NCLNC NZLNZ NICNI NERNE NGANG ' +
	'NIUNU NFKNF MKDMK MNPMP NORNO OMNOM PAKPK PLWPW PSEPS PANPA PNGPG PRYPY PERPE PHLPH PCNPN POLPL PRTPT PRIPR ' +
	'QATQA REURE ROURO RUSRU RWARW BLMBL SHNSH KNAKN LCALC MAFMF SPMPM VCTVC WSMWS SMRSM STPST SAUSA SENSN SRBRS ' +
	'SYCSC SLESL SGPSG SXMSX SVKSK SVNSI SLBSB SOMSO ZAFZA SGSGS SSDSS ESPES LKALK SDNSD SURSR SJMSJ SWESE CHECH ' +
	'SYRSY TWNTW TJKTJ TZATZ THATH TLSTL TGOTG TKLTK TONTO TTOTT TUNTN TURTR TKMTM TCATC TUVTV UGAUG UKRUA AREAE ' +
	'GBRGB USAUS UMIUM URYUY UZBUZ VUTVU VENVE VNMVN VGBVG VIRVI WLFWF ESHEH YEMYE ZMBZM ZWEZW';

/** ICAO codes that are not ISO countries but name one: British nationals of other kinds, Kosovo, the EU. */
const ICAO_EXTRA: Record<string, string> = {
	GBD: 'GB',
	GBN: 'GB',
	GBO: 'GB',
	GBP: 'GB',
	GBS: 'GB',
	RKS: 'XK',
	EUE: 'EU',
	D: 'DE'
};

const ALPHA2 = new Map<string, string>(
	ISO.split(' ').map((entry) => [entry.slice(0, 3), entry.slice(3)] as [string, string])
);

/** ISO alpha-2 for an ICAO state code, or null for codes with no country (UNO, XXA stateless, UTO specimen). */
export function alpha2Of(code: string): string | null {
	const clean = code.replace(/</g, '').toUpperCase();
	return ALPHA2.get(clean) ?? ICAO_EXTRA[clean] ?? null;
}

/**
 * ICAO 9303 codes that name no country: United Nations and its agencies, stateless persons and refugees,
 * unspecified nationality, and `UTO`, the fictional state of ICAO's specimens.
 */
const ICAO_NON_STATES = new Set([
	'UNO',
	'UNA',
	'UNK',
	'XXA',
	'XXB',
	'XXC',
	'XXX',
	'XBA',
	'XIM',
	'XCC',
	'XCE',
	'XCO',
	'XEC',
	'XPO',
	'XES',
	'XMP',
	'XOM',
	'XDC',
	'XSC',
	'UTO'
]);

/** Whether an MRZ state code (fillers allowed, as in `D<<`) is one ICAO 9303 defines. */
export function isKnownStateCode(code: string): boolean {
	const clean = code.replace(/</g, '').toUpperCase();
	return alpha2Of(clean) !== null || ICAO_NON_STATES.has(clean);
}

/** Every ISO alpha-3 code, for a country picker when the traveller types by hand. */
export const STATE_CODES: readonly string[] = [...ALPHA2.keys()];
