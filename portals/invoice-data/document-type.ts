import type { InvoiceType } from './invoice-data';

/*
 * UNTDID 1001 codes EN 16931 allows for BT-3, by what they mean to a bookkeeper. A code in none of
 * these lists is still an invoice code the sender chose, so it reads as 'invoice'.
 */
const CREDIT_NOTES = ['81', '83', '261', '262', '296', '308', '381', '396', '420', '458', '532'];
const CORRECTED = ['384', '471', '472', '473'];
const PREPAYMENT = ['386', '500'];

/** BT-3 and its kind. */
export function documentType(code: string | undefined): InvoiceType {
	if (!code) return { kind: 'unknown' };
	if (CREDIT_NOTES.includes(code)) return { code, kind: 'credit note' };
	if (CORRECTED.includes(code)) return { code, kind: 'corrected' };
	if (PREPAYMENT.includes(code)) return { code, kind: 'prepayment' };
	return { code, kind: 'invoice' };
}
