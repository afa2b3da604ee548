import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';

/** Which schema a root element is checked against: its main XSD below xsd/, and a name for it. */
export interface SchemaChoice {
	name: string;
	folder: string;
	main: string;
}

/** The shipped schemas' folder (beside this file, in the source and in dist/). */
export const XSD_FOLDER = join(__dirname, 'xsd');

const CII: SchemaChoice = {
	name: 'UN/CEFACT CII D16B',
	folder: 'cii',
	main: 'CrossIndustryInvoice_100pD16B.xsd',
};
const UBL_INVOICE: SchemaChoice = {
	name: 'UBL 2.1 Invoice',
	folder: 'ubl',
	main: 'maindoc/UBL-Invoice-2.1.xsd',
};
const UBL_CREDIT_NOTE: SchemaChoice = {
	name: 'UBL 2.1 CreditNote',
	folder: 'ubl',
	main: 'maindoc/UBL-CreditNote-2.1.xsd',
};

const BY_NAMESPACE: Record<string, SchemaChoice> = {
	'urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100': CII,
	'urn:oasis:names:specification:ubl:schema:xsd:Invoice-2': UBL_INVOICE,
	'urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2': UBL_CREDIT_NOTE,
};

/** The schema for a root element's namespace; undefined for ZUGFeRD 1 (no schema shipped). */
export function schemaFor(namespace: string | undefined): SchemaChoice | undefined {
	return namespace === undefined ? undefined : BY_NAMESPACE[namespace];
}

export interface SchemaFile {
	fileName: string;
	contents: Uint8Array;
}

/**
 * A schema's files, read once per process and kept (under 1 MB for all): the main XSD and every
 * module beside it, named by their path relative to the schema's folder so that the imports'
 * relative `schemaLocation`s resolve in xmllint's in-memory file system.
 */
const cache = new Map<string, SchemaFile[]>();
export function schemaFiles(choice: SchemaChoice): SchemaFile[] {
	let files = cache.get(choice.folder);
	if (!files) {
		const root = join(XSD_FOLDER, choice.folder);
		files = listXsd(root).map((path) => ({
			fileName: relative(root, path),
			contents: readFileSync(path),
		}));
		cache.set(choice.folder, files);
	}
	return files;
}

function listXsd(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const path = join(dir, entry.name);
		if (entry.isDirectory()) return listXsd(path);
		return entry.name.endsWith('.xsd') ? [path] : [];
	});
}
