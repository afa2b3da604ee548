import type { Party } from '../invoice-data';
import { compact } from '../values';
import { at, children, textAt, type XmlElement } from '../xml/xml-element';

/** The scheme UBL marks the SEPA creditor id (BT-90) with, among the party's identifiers. */
export const SEPA_SCHEME = 'SEPA';

/**
 * A party in UBL (cac:Party, or cac:PayeeParty). EN 16931 takes the legal name (BT-27, BT-44)
 * from PartyLegalEntity and the trading name (BT-28) from PartyName.
 */
export function ublParty(party: XmlElement | undefined): Party | undefined {
	if (!party) return undefined;
	const schemes = children(party, 'PartyTaxScheme');
	const taxId = (vat: boolean) =>
		schemes
			.find((s) => (textAt(s, 'TaxScheme/ID')?.toUpperCase() === 'VAT') === vat)
			?.children.find((c) => c.name === 'CompanyID')?.text || undefined;
	const endpoint = at(party, 'EndpointID');
	const legalName = textAt(party, 'PartyLegalEntity/RegistrationName');
	const partyName = textAt(party, 'PartyName/Name');
	return compact<Party>({
		name: legalName ?? partyName,
		// BT-28 is a name *other than* the legal name: the same text twice is no trading name.
		tradingName: legalName && partyName !== legalName ? partyName : undefined,
		ids: identifiers(party),
		vatId: taxId(true),
		taxNumber: taxId(false),
		registrationId: textAt(party, 'PartyLegalEntity/CompanyID'),
		electronicAddress: endpoint?.text
			? compact({ value: endpoint.text, scheme: endpoint.attrs.schemeID })
			: undefined,
		address: ublAddress(at(party, 'PostalAddress')),
		contact: compact({
			name: textAt(party, 'Contact/Name'),
			phone: textAt(party, 'Contact/Telephone'),
			email: textAt(party, 'Contact/ElectronicMail'),
		}),
	});
}

/** The party's identifiers, but the SEPA creditor id, which is a payment term (BT-90). */
function identifiers(party: XmlElement): Party['ids'] {
	const ids = children(party, 'PartyIdentification')
		.map((p) => at(p, 'ID'))
		.filter((id): id is XmlElement => !!id && id.text !== '' && id.attrs.schemeID !== SEPA_SCHEME)
		.map((id) => compact({ value: id.text, scheme: id.attrs.schemeID }) as { value: string });
	return ids.length > 0 ? ids : undefined;
}

function ublAddress(address: XmlElement | undefined): Party['address'] {
	return compact({
		line1: textAt(address, 'StreetName'),
		line2: textAt(address, 'AdditionalStreetName'),
		line3: textAt(address, 'AddressLine/Line'),
		city: textAt(address, 'CityName'),
		postcode: textAt(address, 'PostalZone'),
		subdivision: textAt(address, 'CountrySubentity'),
		country: textAt(address, 'Country/IdentificationCode'),
	});
}
