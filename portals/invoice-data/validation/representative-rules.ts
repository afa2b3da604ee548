import type { XmlElement } from '../xml/xml-element';
import { all, descendants } from './element-paths';
import { finding } from './finding';
import { hasText } from './rule-facts';
import type { Finding } from './validation-types';

/** BR-18 … BR-20: a seller's tax representative (BG-11) has a name and an address with a country. */
export const REPRESENTATIVE_RULES = ['BR-18', 'BR-19', 'BR-20'];

const WHERE = 'taxRepresentative';
const firstText = (node: XmlElement, path: string) => all(node, path)[0]?.text;

export function representativeRules(root: XmlElement, syntax: 'CII' | 'UBL'): Finding[] {
	if (syntax === 'CII') {
		// CII: a missing address also lacks its country (BR-20 is asked of the party).
		return descendants(root, 'SellerTaxRepresentativeTradeParty').flatMap((party) => [
			...(hasText(firstText(party, 'Name')) ? [] : [finding('BR-18', WHERE)]),
			...(all(party, 'PostalTradeAddress').length > 0 ? [] : [finding('BR-19', WHERE)]),
			...(hasText(firstText(party, 'PostalTradeAddress/CountryID'))
				? []
				: [finding('BR-20', WHERE)]),
		]);
	}
	// UBL: BR-20 is asked of each of the party's addresses, so none means no BR-20.
	return descendants(root, 'TaxRepresentativeParty').flatMap((party) => [
		...(hasText(firstText(party, 'PartyName/Name')) ? [] : [finding('BR-18', WHERE)]),
		...(all(party, 'PostalAddress').length > 0 ? [] : [finding('BR-19', WHERE)]),
		...all(party, 'PostalAddress').flatMap((address) =>
			hasText(firstText(address, 'Country/IdentificationCode')) ? [] : [finding('BR-20', WHERE)],
		),
	]);
}
