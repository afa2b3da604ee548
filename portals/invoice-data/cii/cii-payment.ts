import { amountNumber } from '../amount';
import type { Payment, PaymentAccount } from '../invoice-data';
import { compact, defined, skontoOf } from '../values';
import { at, children, textAt, type XmlElement } from '../xml/xml-element';
import { ciiDate } from './cii-paths';

/** Payment instructions (BG-16) and terms (BT-20) in CII. */
export function ciiPayment(settlement: XmlElement | undefined): Payment {
	const means = children(settlement, 'SpecifiedTradeSettlementPaymentMeans');
	const accounts = means
		.map((m) =>
			compact<PaymentAccount>({
				iban: textAt(m, 'PayeePartyCreditorFinancialAccount/IBANID|ProprietaryID'),
				accountName: textAt(m, 'PayeePartyCreditorFinancialAccount/AccountName'),
				bic: textAt(
					m,
					'PayeeSpecifiedCreditorFinancialInstitution|PayeePartyCreditorFinancialInstitution/BICID',
				),
			}),
		)
		.filter((a): a is PaymentAccount => a !== undefined);
	const terms = children(settlement, 'SpecifiedTradePaymentTerms');
	const termsText = terms
		.flatMap((t) => children(t, 'Description'))
		.map((d) => d.text)
		.filter((t) => t !== '')
		.join('\n');
	return defined<Payment>({
		meansCode: textAt(means[0], 'TypeCode'),
		meansText: textAt(means[0], 'Information'),
		...accounts[0],
		accounts: accounts.length > 1 ? accounts : undefined,
		remittance: textAt(settlement, 'PaymentReference'),
		mandate: terms.map((t) => textAt(t, 'DirectDebitMandateID')).find((m) => m),
		creditorId: textAt(settlement, 'CreditorReferenceID'),
		debitedAccount: means
			.map((m) => textAt(m, 'PayerPartyDebtorFinancialAccount/IBANID'))
			.find((a) => a),
		terms: termsText || undefined,
		discount: discountOf(terms) ?? skontoOf(termsText),
	});
}

/** BT-9: the first due date in the payment terms. */
export function ciiDueDate(settlement: XmlElement | undefined): string | undefined {
	const terms = children(settlement, 'SpecifiedTradePaymentTerms');
	return terms.map((t) => ciiDate(t, 'DueDateDateTime')).find((d) => d);
}

/** EXTENDED and ZUGFeRD 1 carry the cash discount as elements, not as text. */
function discountOf(terms: XmlElement[]): Payment['discount'] {
	const discount = terms.map((t) => at(t, 'ApplicableTradePaymentDiscountTerms')).find((d) => d);
	if (!discount) return undefined;
	const period = at(discount, 'BasisPeriodMeasure');
	return compact({
		percent: amountNumber(textAt(discount, 'CalculationPercent')),
		days: period && period.attrs.unitCode !== 'MON' ? amountNumber(period.text) : undefined,
		basis: amountNumber(textAt(discount, 'BasisAmount')),
	});
}
