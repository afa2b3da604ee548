import { amountNumber } from '../amount';
import type { AllowanceCharge, Totals, VatBreakdown } from '../invoice-data';
import { defined } from '../values';
import { at, children, textAt, type XmlElement } from '../xml/xml-element';

/**
 * The cac:TaxTotal in a currency: UBL gives one per currency (invoice currency, and tax currency
 * when it differs), told apart by TaxAmount's currencyID, never by their order.
 */
export function taxTotalIn(root: XmlElement, currency: string | undefined): XmlElement | undefined {
	if (!currency) return undefined;
	return children(root, 'TaxTotal').find((t) => at(t, 'TaxAmount')?.attrs.currencyID === currency);
}

/** The document totals (BG-22). */
export function ublTotals(
	root: XmlElement,
	currency: string | undefined,
	taxCurrency: string | undefined,
): Totals {
	const sum = at(root, 'LegalMonetaryTotal');
	const amount = (name: string) => amountNumber(textAt(sum, name));
	return defined<Totals>({
		lineNet: amount('LineExtensionAmount'),
		allowances: amount('AllowanceTotalAmount'),
		charges: amount('ChargeTotalAmount'),
		taxExclusive: amount('TaxExclusiveAmount'),
		vat: amountNumber(textAt(taxTotalIn(root, currency), 'TaxAmount')),
		vatInTaxCurrency:
			taxCurrency && taxCurrency !== currency
				? amountNumber(textAt(taxTotalIn(root, taxCurrency), 'TaxAmount'))
				: undefined,
		taxInclusive: amount('TaxInclusiveAmount'),
		prepaid: amount('PrepaidAmount'),
		rounding: amount('PayableRoundingAmount'),
		payable: amount('PayableAmount'),
	});
}

/** The VAT breakdown (BG-23): the subtotals of the TaxTotal in the invoice currency. */
export function ublVatBreakdown(root: XmlElement, currency: string | undefined): VatBreakdown[] {
	return children(taxTotalIn(root, currency), 'TaxSubtotal').map((sub) =>
		defined<VatBreakdown>({
			category: textAt(sub, 'TaxCategory/ID'),
			rate: amountNumber(textAt(sub, 'TaxCategory/Percent')),
			taxable: amountNumber(textAt(sub, 'TaxableAmount')),
			tax: amountNumber(textAt(sub, 'TaxAmount')),
			exemptionReason: textAt(sub, 'TaxCategory/TaxExemptionReason'),
			exemptionReasonCode: textAt(sub, 'TaxCategory/TaxExemptionReasonCode'),
		}),
	);
}

/** Document-level allowances (BG-20) and charges (BG-21): the root's own cac:AllowanceCharge. */
export function ublAllowancesCharges(root: XmlElement): AllowanceCharge[] {
	return children(root, 'AllowanceCharge').map((ac) =>
		defined<AllowanceCharge>({
			charge: textAt(ac, 'ChargeIndicator')?.toLowerCase() === 'true',
			amount: amountNumber(textAt(ac, 'Amount')),
			base: amountNumber(textAt(ac, 'BaseAmount')),
			percentage: amountNumber(textAt(ac, 'MultiplierFactorNumeric')),
			reason: textAt(ac, 'AllowanceChargeReason'),
			reasonCode: textAt(ac, 'AllowanceChargeReasonCode'),
			vatCategory: textAt(ac, 'TaxCategory/ID'),
			vatRate: amountNumber(textAt(ac, 'TaxCategory/Percent')),
		}),
	);
}
