/** Reading e-invoices into EN 16931 JSON (issue #34): the engine side, no n8n in here. */
export { readInvoiceXml } from './read-invoice-xml';
export { profileOf, PROFILE_TABLE, UNKNOWN_PROFILE } from './profiles';
export { MAX_XML_BYTES } from './xml/parse-xml';
export { sameAmount } from './amount';
export type * from './invoice-data';
export type * from './validation/validation-types';
