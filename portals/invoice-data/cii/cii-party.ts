import type { Party } from '../invoice-data';
import { compact } from '../values';
import { at, children, textAt, type XmlElement } from '../xml/xml-element';

/** A trade party (seller BG-4, buyer BG-7, payee BG-10) in CII. */
export function ciiParty(party: XmlElement | undefined): Party | undefined {
	if (!party) return undefined;
	const taxIds = children(party, 'SpecifiedTaxRegistration');
	const taxId = (scheme: string) =>
		taxIds.map((t) => at(t, 'ID')).find((id) => id?.attrs.schemeID === scheme)?.text || undefined;
	const uri = at(party, 'URIUniversalCommunication/URIID');
	return compact<Party>({
		name: textAt(party, 'Name'),
		tradingName: textAt(party, 'SpecifiedLegalOrganization/TradingBusinessName'),
		ids: identifiers(party),
		vatId: taxId('VA'),
		taxNumber: taxId('FC'),
		registrationId: textAt(party, 'SpecifiedLegalOrganization/ID'),
		electronicAddress: uri?.text
			? compact({ value: uri.text, scheme: uri.attrs.schemeID })
			: undefined,
		address: ciiAddress(at(party, 'PostalTradeAddress')),
		contact: ciiContact(at(party, 'DefinedTradeContact')),
	});
}

function identifiers(party: XmlElement): Party['ids'] {
	const ids = children(party, 'ID', 'GlobalID')
		.filter((id) => id.text !== '')
		.map((id) => compact({ value: id.text, scheme: id.attrs.schemeID }) as { value: string });
	return ids.length > 0 ? ids : undefined;
}

function ciiAddress(address: XmlElement | undefined): Party['address'] {
	return compact({
		line1: textAt(address, 'LineOne'),
		line2: textAt(address, 'LineTwo'),
		line3: textAt(address, 'LineThree'),
		city: textAt(address, 'CityName'),
		postcode: textAt(address, 'PostcodeCode'),
		subdivision: textAt(address, 'CountrySubDivisionName'),
		country: textAt(address, 'CountryID'),
	});
}

function ciiContact(contact: XmlElement | undefined): Party['contact'] {
	return compact({
		name: textAt(contact, 'PersonName') ?? textAt(contact, 'DepartmentName'),
		phone: textAt(contact, 'TelephoneUniversalCommunication/CompleteNumber'),
		email: textAt(contact, 'EmailURIUniversalCommunication/URIID'),
	});
}
