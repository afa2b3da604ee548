/** Reading e-invoices into EN 16931 JSON (issue #34): the engine side, no n8n in here. */
export { readInvoiceXml } from './read-invoice-xml';
export {
	readInvoiceFile,
	type InvoiceFileHint,
	type InvoiceReadOptions,
} from './read-invoice-file';
export {
	validateSchema,
	validateSchemas,
	type SchemaInput,
	type SchemaOutcome,
} from './validation/schema/validate-schema';
export { withSchemaValidation, withSchemaValidations } from './validation/schema/with-schema';
export { MAX_PDF_BYTES, MAX_ATTACHMENT_BYTES } from './pdf/pdf-limits';
export { MAX_OBJECT_STREAM_BYTES } from './pdf/compressed-object-guard';
export { profileOf, PROFILE_TABLE, UNKNOWN_PROFILE } from './profiles';
export { MAX_XML_BYTES } from './xml/parse-xml';
export { sameAmount } from './amount';
export type * from './invoice-data';
export type * from './validation/validation-types';
export { otherAttachmentFiles, type AttachmentFile } from './pdf/attachment-files';
export type * from './plain-pdf/recognized-types';
export { supportingDocumentFiles } from './supporting/supporting-files';
export type { DecodedAttachment } from './supporting/supporting-documents';
