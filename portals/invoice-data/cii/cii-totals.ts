import { amountNumber } from '../amount';
import type { AllowanceCharge, Totals, VatBreakdown } from '../invoice-data';
import { defined } from '../values';
import { at, children, textAt, type XmlElement } from '../xml/xml-element';
import { CII } from './cii-paths';

/**
 * The document totals (BG-22). The VAT total may be given twice, in the invoice currency and in
 * the tax currency: each is taken by its currencyID, never by its position.
 */
export function ciiTotals(
	settlement: XmlElement | undefined,
	currency: string | undefined,
	taxCurrency: string | undefined,
): Totals {
	const sum = at(settlement, CII.summation);
	const amount = (name: string) => amountNumber(textAt(sum, name));
	const vatAmounts = children(sum, 'TaxTotalAmount');
	return defined<Totals>({
		lineNet: amount('LineTotalAmount'),
		allowances: amount('AllowanceTotalAmount'),
		charges: amount('ChargeTotalAmount'),
		taxExclusive: amount('TaxBasisTotalAmount'),
		vat: amountNumber(vatInCurrency(vatAmounts, currency)),
		vatInTaxCurrency:
			taxCurrency && taxCurrency !== currency
				? amountNumber(vatAmounts.find((a) => a.attrs.currencyID === taxCurrency)?.text)
				: undefined,
		taxInclusive: amount('GrandTotalAmount'),
		prepaid: amount('TotalPrepaidAmount'),
		rounding: amount('RoundingAmount'),
		payable: amount('DuePayableAmount'),
	});
}

/**
 * The VAT total in the invoice currency: the one whose currencyID names it; when none carries a
 * currencyID (allowed in CII), the single one without.
 */
function vatInCurrency(amounts: XmlElement[], currency: string | undefined): string | undefined {
	const named = amounts.find((a) => currency !== undefined && a.attrs.currencyID === currency);
	if (named) return named.text;
	const unnamed = amounts.filter((a) => a.attrs.currencyID === undefined);
	return unnamed.length === 1 ? unnamed[0].text : undefined;
}

/** The VAT breakdown (BG-23), one entry per category and rate. */
export function ciiVatBreakdown(settlement: XmlElement | undefined): VatBreakdown[] {
	return children(settlement, 'ApplicableTradeTax').map((tax) =>
		defined<VatBreakdown>({
			category: textAt(tax, 'CategoryCode'),
			rate: amountNumber(textAt(tax, CII.rate)),
			taxable: amountNumber(textAt(tax, 'BasisAmount')),
			tax: amountNumber(textAt(tax, 'CalculatedAmount')),
			exemptionReason: textAt(tax, 'ExemptionReason'),
			exemptionReasonCode: textAt(tax, 'ExemptionReasonCode'),
		}),
	);
}

/** Document-level allowances (BG-20) and charges (BG-21). */
export function ciiAllowancesCharges(settlement: XmlElement | undefined): AllowanceCharge[] {
	const allowancesCharges = children(settlement, 'SpecifiedTradeAllowanceCharge').map((ac) =>
		defined<AllowanceCharge>({
			charge: textAt(ac, 'ChargeIndicator/Indicator')?.toLowerCase() === 'true',
			amount: amountNumber(textAt(ac, 'ActualAmount')),
			base: amountNumber(textAt(ac, 'BasisAmount')),
			percentage: amountNumber(textAt(ac, 'CalculationPercent')),
			reason: textAt(ac, 'Reason'),
			reasonCode: textAt(ac, 'ReasonCode'),
			vatCategory: textAt(ac, 'CategoryTradeTax/CategoryCode'),
			vatRate: amountNumber(textAt(ac, `CategoryTradeTax/${CII.rate}`)),
		}),
	);
	// ZUGFeRD 1 and EXTENDED also carry logistics charges (freight, packing): charges all the same.
	const logistics = children(settlement, 'SpecifiedLogisticsServiceCharge').map((c) =>
		defined<AllowanceCharge>({
			charge: true,
			amount: amountNumber(textAt(c, 'AppliedAmount')),
			reason: textAt(c, 'Description'),
			vatCategory: textAt(c, 'AppliedTradeTax/CategoryCode'),
			vatRate: amountNumber(textAt(c, `AppliedTradeTax/${CII.rate}`)),
		}),
	);
	return [...allowancesCharges, ...logistics];
}
