import { MAX_XML_BYTES } from '../xml/parse-xml';

/**
 * Caps on what a PDF may make us hold. The biggest PDF of the public ZUGFeRD corpus is 2.3 MB
 * and its biggest embedded XML under 1 MB; these leave room for invoices with scanned
 * appendices while keeping one hostile file from taking the worker's memory.
 */
export const MAX_PDF_BYTES = 50 * 1024 * 1024;
/** An embedded file, decompressed: no bigger than the XML we would read anyway. */
export const MAX_ATTACHMENT_BYTES = MAX_XML_BYTES;
/** Embedded files looked at; a real invoice has one to a handful. */
export const MAX_ATTACHMENTS = 100;
/** Levels of the EmbeddedFiles name tree walked (its Kids); real ones have one or two. */
export const MAX_NAME_TREE_DEPTH = 16;
