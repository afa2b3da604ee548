import type { IBinaryKeyData } from 'n8n-workflow';
import type { InvoiceData } from '../../portals/invoice-data';
import type { BinaryContext } from './items';

/**
 * A hybrid PDF's other embedded files (a timesheet, a delivery note) go out as binaries beside
 * the invoice, at most this many per file, and so do the supporting documents an e-invoice's XML
 * carries (BG-24), this many more: real invoices carry one to a handful, and a hostile file with
 * a hundred would otherwise fill the item (and n8n's binary store) with them. The others are
 * still described in the JSON, with `notOutput` saying why they are not there.
 */
export const MAX_ATTACHMENT_BINARIES = 10;

/** What the node adds to a described file: where its bytes went, or why they did not. */
interface Output {
	binaryField?: string;
	notOutput?: string;
}

/**
 * The PDF's other attachments as binaries `<field>_attachment_<n>` (1-based, in the order of
 * `invoice.source.otherAttachments`, each of which then names its `binaryField`, or says in
 * `notOutput` why it has none).
 */
export async function pdfAttachmentBinaries(
	ctx: BinaryContext,
	pdf: Buffer,
	invoice: InvoiceData,
	binaryField: string,
	binaries: IBinaryKeyData,
): Promise<void> {
	const described = invoice.source.otherAttachments ?? [];
	if (!described.length || !invoice.source.attachmentName) return;
	const { otherAttachmentFiles } = await import('../../portals/invoice-data');
	// The PDF was just opened by the reader; should it not open again, the attachments stay
	// described in the JSON, without binaries.
	const files = await otherAttachmentFiles(
		pdf,
		invoice.source.attachmentName,
		MAX_ATTACHMENT_BINARIES,
	).catch(() => []);
	for (const [index, file] of files.entries()) {
		const entry = described[index] as (typeof described)[number] & Output;
		if (!entry || entry.name !== file.name) continue;
		if (!file.bytes) {
			entry.notOutput = file.error;
			continue;
		}
		const field = `${binaryField}_attachment_${index + 1}`;
		binaries[field] = await ctx.helpers.prepareBinaryData(
			file.bytes,
			file.name,
			file.mimeType ?? 'application/octet-stream',
		);
		entry.binaryField = field;
	}
}

/**
 * The attached supporting documents (BT-125, base64 in the XML) as binaries
 * `<field>_supporting_<n>` (n counts the attachments, 1-based, in the order of
 * `invoice.supportingDocuments`), named and typed as the XML says (BT-125-2, BT-125-1); each
 * entry's `attachment` then names its `binaryField`, or says in `notOutput` why it has none.
 */
export async function supportingBinaries(
	ctx: BinaryContext,
	xml: Buffer | undefined,
	invoice: InvoiceData,
	binaryField: string,
	binaries: IBinaryKeyData,
): Promise<void> {
	const described = invoice.supportingDocuments ?? [];
	if (!xml || !described.some((doc) => doc.attachment)) return;
	const { supportingDocumentFiles } = await import('../../portals/invoice-data');
	let files: ReturnType<typeof supportingDocumentFiles> = [];
	try {
		files = supportingDocumentFiles(xml, MAX_ATTACHMENT_BINARIES);
	} catch {
		// The XML was just read; should it not parse again, the documents stay described only.
	}
	let n = 0;
	for (const [index, file] of files.entries()) {
		const entry = described[index]?.attachment as Output | undefined;
		if (!file || !entry) continue;
		n += 1;
		if (!file.bytes) {
			entry.notOutput = file.error;
			continue;
		}
		const field = `${binaryField}_supporting_${n}`;
		binaries[field] = await ctx.helpers.prepareBinaryData(
			file.bytes,
			file.name,
			file.mimeType ?? 'application/octet-stream',
		);
		entry.binaryField = field;
	}
}
