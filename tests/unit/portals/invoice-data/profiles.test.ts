import { profileOf } from '../../../../portals/invoice-data';

/** The profile a user sees for each guideline id (BT-24) senders write. */
test.each([
	['urn:factur-x.eu:1p0:minimum', 'MINIMUM'],
	['urn:zugferd.de:2p0:minimum', 'MINIMUM'],
	['urn:factur-x.eu:1p0:basicwl', 'BASIC WL'],
	['urn:zugferd.de:2p0:basicwl', 'BASIC WL'],
	['urn:cen.eu:en16931:2017#compliant#urn:factur-x.eu:1p0:basic', 'BASIC'],
	['urn:cen.eu:en16931:2017#compliant#urn:zugferd.de:2p0:basic', 'BASIC'],
	['urn:cen.eu:en16931:2017', 'EN 16931'],
	['urn:cen.eu:en16931:2017#conformant#urn:factur-x.eu:1p0:extended', 'EXTENDED'],
	['urn:cen.eu:en16931:2017#conformant#urn:zugferd.de:2p0:extended', 'EXTENDED'],
	['urn:cen.eu:en16931:2017#compliant#urn:xoev-de:kosit:standard:xrechnung_1.2', 'XRECHNUNG'],
	['urn:cen.eu:en16931:2017#compliant#urn:xoev-de:kosit:standard:xrechnung_2.1', 'XRECHNUNG'],
	['urn:cen.eu:en16931:2017#compliant#urn:xeinkauf.de:kosit:xrechnung_3.0', 'XRECHNUNG'],
	[
		'urn:cen.eu:en16931:2017#compliant#urn:xeinkauf.de:kosit:xrechnung_3.0#conformant#urn:xeinkauf.de:kosit:extension:xrechnung_3.0',
		'XRECHNUNG',
	],
	['urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0', 'Peppol'],
	['urn:ferd:CrossIndustryDocument:invoice:1p0:basic', 'ZUGFeRD 1 BASIC'],
	['urn:ferd:CrossIndustryDocument:invoice:1p0:comfort', 'ZUGFeRD 1 COMFORT'],
	['urn:ferd:invoice:rc:comfort', 'ZUGFeRD 1 COMFORT'],
	['urn:ferd:CrossIndustryDocument:invoice:1p0:extended', 'ZUGFeRD 1 EXTENDED'],
	// Misspellings found in the corpus's fail/ folders: the profile meant.
	['urn:ferd:CrossIndustryDocument:invoice:1p0:komfort', 'ZUGFeRD 1 COMFORT'],
	['urn:ferd:CrossIndustryDocument:order:1p0:extended', 'ZUGFeRD 1 EXTENDED'],
	['urn:cen.eu:en16931:2017:compliant:factur-x.eu:1p0:extended', 'EXTENDED'],
	['  URN:CEN.EU:EN16931:2017  ', 'EN 16931'],
])('%s is %s', (id, profile) => {
	expect(profileOf(id)).toBe(profile);
});

test('an id in no row, or none at all, is reported as unknown, not as an error', () => {
	expect(profileOf('urn:example:my-own-cius')).toBe('unknown');
	expect(profileOf('urn:cen.eu:en16931:2017#compliant#urn:example:new')).toBe('unknown');
	expect(profileOf(undefined)).toBe('unknown');
});
