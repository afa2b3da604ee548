import {
	PDFArray,
	PDFDict,
	PDFHexString,
	PDFName,
	PDFRawStream,
	PDFRef,
	PDFString,
	type PDFDocument,
	type PDFObject,
} from 'pdf-lib';
import { MAX_ATTACHMENTS, MAX_NAME_TREE_DEPTH } from './pdf-limits';

/** A file embedded in a PDF, as its file specification describes it. */
export interface EmbeddedFile {
	/** The file's name: /UF, else /F, else its key in the name tree. */
	name: string;
	/** /AFRelationship (Factur-X: Data, Alternative, Source …), when given. */
	relationship?: string;
	/** The embedded file's /Subtype: its MIME type, e.g. text/xml. */
	mimeType?: string;
	stream?: PDFRawStream;
}

/**
 * Every embedded file of the PDF, from the catalog's /Names /EmbeddedFiles name tree and from
 * its associated files (/AF, PDF/A-3): writers fill one or the other or both, and readers that
 * look at only one miss invoices. A file found both ways is listed once.
 */
export function embeddedFiles(doc: PDFDocument): EmbeddedFile[] {
	const specs: { spec: PDFDict; key?: string }[] = [];
	const names = doc.catalog.lookup(PDFName.of('Names'));
	if (names instanceof PDFDict) {
		walkNameTree(names.lookup(PDFName.of('EmbeddedFiles')), 0, specs, new Set());
	}
	const af = doc.catalog.lookup(PDFName.of('AF'));
	if (af instanceof PDFArray) {
		for (const item of af.asArray()) {
			const spec = doc.context.lookup(item);
			if (spec instanceof PDFDict) specs.push({ spec });
		}
	}
	const seen = new Set<PDFObject>();
	const files: EmbeddedFile[] = [];
	for (const { spec, key } of specs) {
		const file = describe(spec, key);
		const id = file.stream ?? spec;
		if (seen.has(id)) continue;
		seen.add(id);
		files.push(file);
		if (files.length >= MAX_ATTACHMENTS) break;
	}
	return files;
}

/** A name tree node: /Names [key spec key spec …] and /Kids [node …], walked to a bounded depth. */
function walkNameTree(
	node: PDFObject | undefined,
	depth: number,
	out: { spec: PDFDict; key?: string }[],
	visited: Set<PDFObject>,
): void {
	if (!(node instanceof PDFDict) || depth > MAX_NAME_TREE_DEPTH || visited.has(node)) return;
	visited.add(node);
	const pairs = node.lookup(PDFName.of('Names'));
	if (pairs instanceof PDFArray) {
		for (let i = 0; i + 1 < pairs.size() && out.length < MAX_ATTACHMENTS; i += 2) {
			const spec = pairs.lookup(i + 1);
			if (spec instanceof PDFDict) out.push({ spec, key: text(pairs.lookup(i)) });
		}
	}
	const kids = node.lookup(PDFName.of('Kids'));
	if (kids instanceof PDFArray) {
		for (let i = 0; i < kids.size(); i++) walkNameTree(kids.lookup(i), depth + 1, out, visited);
	}
}

function describe(spec: PDFDict, key: string | undefined): EmbeddedFile {
	const name =
		text(spec.lookup(PDFName.of('UF'))) ?? text(spec.lookup(PDFName.of('F'))) ?? key ?? '';
	const relationship = spec.lookup(PDFName.of('AFRelationship'));
	const ef = spec.lookup(PDFName.of('EF'));
	let stream: PDFRawStream | undefined;
	if (ef instanceof PDFDict) {
		const s = ef.lookup(PDFName.of('UF')) ?? ef.lookup(PDFName.of('F'));
		if (s instanceof PDFRawStream) stream = s;
	}
	const subtype = stream?.dict.lookup(PDFName.of('Subtype'));
	return {
		name,
		...(relationship instanceof PDFName ? { relationship: relationship.decodeText() } : {}),
		...(subtype instanceof PDFName ? { mimeType: nameText(subtype) } : {}),
		...(stream ? { stream } : {}),
	};
}

/** A PDF text string (literal or hex, PDFDocEncoding or UTF-16), or a name, as text. */
function text(value: PDFObject | PDFRef | undefined): string | undefined {
	if (value instanceof PDFString || value instanceof PDFHexString) return value.decodeText();
	if (value instanceof PDFName) return nameText(value);
	return undefined;
}

/** A name's text with its `#xx` escapes decoded: writers put `/text#2fxml` for text/xml. */
function nameText(name: PDFName): string {
	return name
		.decodeText()
		.replace(/#([0-9a-f]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}
