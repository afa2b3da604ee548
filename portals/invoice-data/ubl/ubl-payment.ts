import type { Payment, PaymentAccount } from '../invoice-data';
import { compact, defined, skontoOf } from '../values';
import { at, children, textAt, type XmlElement } from '../xml/xml-element';
import { SEPA_SCHEME } from './ubl-party';

/** Payment instructions (BG-16) and terms (BT-20) in UBL. */
export function ublPayment(root: XmlElement): Payment {
	const means = children(root, 'PaymentMeans');
	const accounts = means
		.map((m) =>
			compact<PaymentAccount>({
				iban: textAt(m, 'PayeeFinancialAccount/ID'),
				accountName: textAt(m, 'PayeeFinancialAccount/Name'),
				bic: textAt(m, 'PayeeFinancialAccount/FinancialInstitutionBranch/ID'),
			}),
		)
		.filter((a): a is PaymentAccount => a !== undefined);
	const code = at(means[0], 'PaymentMeansCode');
	const terms = children(root, 'PaymentTerms')
		.flatMap((t) => children(t, 'Note'))
		.map((n) => n.text)
		.filter((t) => t !== '')
		.join('\n');
	return defined<Payment>({
		meansCode: code?.text || undefined,
		meansText: code?.attrs.name,
		...accounts[0],
		accounts: accounts.length > 1 ? accounts : undefined,
		remittance: means.map((m) => textAt(m, 'PaymentID')).find((id) => id),
		mandate: means.map((m) => textAt(m, 'PaymentMandate/ID')).find((id) => id),
		creditorId: creditorId(root),
		debitedAccount: means
			.map((m) => textAt(m, 'PaymentMandate/PayerFinancialAccount/ID'))
			.find((id) => id),
		terms: terms || undefined,
		discount: skontoOf(terms),
	});
}

/** BT-90: the seller's (or payee's) identifier in the SEPA scheme. */
function creditorId(root: XmlElement): string | undefined {
	const parties = [at(root, 'AccountingSupplierParty/Party'), at(root, 'PayeeParty')];
	for (const party of parties) {
		const id = children(party, 'PartyIdentification')
			.map((p) => at(p, 'ID'))
			.find((i) => i?.attrs.schemeID === SEPA_SCHEME);
		if (id?.text) return id.text;
	}
	return undefined;
}

/** BT-9: an Invoice's DueDate, or a CreditNote's due date, which UBL keeps under PaymentMeans. */
export function ublDueDate(root: XmlElement): string | undefined {
	return (
		textAt(root, 'DueDate') ??
		children(root, 'PaymentMeans')
			.map((m) => textAt(m, 'PaymentDueDate'))
			.find((d) => d)
	);
}
