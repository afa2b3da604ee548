import type { XmlElement } from '../xml/xml-element';
import { all } from './element-paths';
import { finding } from './finding';
import type { Finding } from './validation-types';

/** BR-17: a payee (BG-10) other than the seller has a name (BT-59). */
export const PAYEE_RULES = ['BR-17'];

const WHERE = 'payee';

/** Each element of this name at any depth, with its parent and grandparent (XPath's `..`). */
function withAncestors(
	node: XmlElement,
	name: string,
	up: XmlElement[] = [],
): { el: XmlElement; up: XmlElement[] }[] {
	return node.children.flatMap((c) => [
		...(c.name === name ? [{ el: c, up: [node, ...up] }] : []),
		...withAncestors(c, name, [node, ...up]),
	]);
}

/** XPath's general comparison `a = b` on two node sets: some value of one equals one of the other. */
function shareValue(a: XmlElement[], b: XmlElement[]): boolean {
	const values = new Set(b.map((e) => e.text));
	return a.some((e) => values.has(e.text));
}

/**
 * As the official artefacts test it: the payee passes only with a name, and with no name, id or
 * legal registration id equal to the seller's. A payee that repeats the seller's name is
 * therefore reported too (the rule's test, not only its words, decides the verdict).
 */
export function payeeRules(root: XmlElement, syntax: 'CII' | 'UBL'): Finding[] {
	if (syntax === 'CII') {
		return withAncestors(root, 'PayeeTradeParty').flatMap(({ el, up }) => {
			const seller = all(up[1], 'ApplicableHeaderTradeAgreement/SellerTradeParty');
			const of = (path: string) => seller.flatMap((s) => all(s, path));
			const ok =
				all(el, 'Name').length > 0 &&
				!shareValue(all(el, 'Name'), of('Name')) &&
				!shareValue(all(el, 'ID'), of('ID')) &&
				!shareValue(all(el, 'SpecifiedLegalOrganization/ID'), of('SpecifiedLegalOrganization/ID'));
			return ok ? [] : [finding('BR-17', WHERE)];
		});
	}
	return withAncestors(root, 'PayeeParty').flatMap(({ el, up }) => {
		const supplier = all(up[0], 'AccountingSupplierParty/Party');
		const of = (path: string) => supplier.flatMap((s) => all(s, path));
		const ok =
			all(el, 'PartyName/Name').length > 0 &&
			!shareValue(all(el, 'PartyName/Name'), of('PartyName/Name')) &&
			!shareValue(all(el, 'PartyIdentification/ID'), of('PartyIdentification/ID'));
		return ok ? [] : [finding('BR-17', WHERE)];
	});
}
