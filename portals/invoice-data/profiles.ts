/**
 * The profile from the guideline id (BT-24), table-driven: the first row whose pattern matches
 * names the profile. Ids are compared without surrounding space and case, because senders vary
 * both. An id in no row is reported as 'unknown', never as an error: a new CIUS must not stop
 * a user from reading the invoice.
 */
export const UNKNOWN_PROFILE = 'unknown';

interface ProfileRow {
	/** Matched against the whole lower-cased id. */
	pattern: RegExp;
	profile: string;
}

// The more specific rows first: an XRechnung or extended id also starts with the EN 16931 one.
export const PROFILE_TABLE: readonly ProfileRow[] = [
	// ZUGFeRD 1.0 (and its release candidate, `urn:ferd:invoice:rc:comfort`). Senders also write
	// `:order:` for `:invoice:` and the German `komfort`; the profile meant is plain (the corpus's
	// fail/ folders hold both), so the user sees it, and validation is where a wrong id is flagged.
	{
		pattern: /^urn:ferd:(crossindustrydocument:(invoice|order):1p0|invoice:rc):basic$/,
		profile: 'ZUGFeRD 1 BASIC',
	},
	{
		pattern: /^urn:ferd:(crossindustrydocument:(invoice|order):1p0|invoice:rc):(comfort|komfort)$/,
		profile: 'ZUGFeRD 1 COMFORT',
	},
	{
		pattern: /^urn:ferd:(crossindustrydocument:(invoice|order):1p0|invoice:rc):extended$/,
		profile: 'ZUGFeRD 1 EXTENDED',
	},
	// XRechnung: every version (xoev-de 1.x/2.x, xeinkauf.de 3.x), its extension and CVD variant.
	{
		pattern: /^urn:cen\.eu:en16931:2017#compliant#urn:(xoev-de|xeinkauf\.de):kosit:.*xrechnung/,
		profile: 'XRECHNUNG',
	},
	{
		pattern: /^urn:cen\.eu:en16931:2017#compliant#urn:fdc:peppol\.eu:2017:poacc:billing:3\.0$/,
		profile: 'Peppol',
	},
	// Factur-X / ZUGFeRD 2.x.
	{ pattern: /^urn:(factur-x\.eu:1p0|zugferd\.de:2p0):minimum$/, profile: 'MINIMUM' },
	{ pattern: /^urn:(factur-x\.eu:1p0|zugferd\.de:2p0):basicwl$/, profile: 'BASIC WL' },
	{
		pattern:
			/^urn:cen\.eu:en16931:2017(#compliant#urn:|:compliant:)(factur-x\.eu:1p0|zugferd\.de:2p0):basic$/,
		profile: 'BASIC',
	},
	// EXTENDED is "conformant"; some senders write "compliant" (the corpus has one such file).
	{
		pattern:
			/^urn:cen\.eu:en16931:2017(#conformant#urn:|:conformant:|#compliant#urn:|:compliant:)(factur-x\.eu:1p0|zugferd\.de:2p0):extended$/,
		profile: 'EXTENDED',
	},
	{ pattern: /^urn:cen\.eu:en16931:2017$/, profile: 'EN 16931' },
];

/** The named profile of a guideline id; 'unknown' for an absent or unlisted id. */
export function profileOf(guidelineId: string | undefined): string {
	if (!guidelineId) return UNKNOWN_PROFILE;
	const id = guidelineId.trim().toLowerCase();
	return PROFILE_TABLE.find((row) => row.pattern.test(id))?.profile ?? UNKNOWN_PROFILE;
}
