import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { InvoiceReadError } from '../read-error';
import { decodeXml } from './decode-xml';
import { MAX_NESTING, nestedDeeperThan } from './nesting-depth';
import type { XmlElement } from './xml-element';

/** No e-invoice comes near this; a bigger file is refused before it is parsed. */
export const MAX_XML_BYTES = 20 * 1024 * 1024;

const XML_NS = 'http://www.w3.org/XML/1998/namespace';

/*
 * fast-xml-parser never fetches anything, but it does expand entities declared in an internal
 * DTD. E-invoices never carry a DTD, so any DOCTYPE is refused outright: no entity expansion
 * ("billion laughs"), no external entity, nothing to configure wrongly later.
 */
const DOCTYPE = /<!DOCTYPE/i;

const parser = new XMLParser({
	preserveOrder: true,
	ignoreAttributes: false,
	attributeNamePrefix: '',
	// Identifiers stay strings: `00471102` must not become 471102.
	parseTagValue: false,
	parseAttributeValue: false,
	trimValues: true,
	processEntities: true,
	// Numeric character references (&#x20AC;) are decoded only with this on.
	htmlEntities: true,
	ignoreDeclaration: true,
	ignorePiTags: true,
});

type OrderedNode = Record<string, unknown> & { ':@'?: Record<string, string> };

/**
 * Parses an XML document into namespace-resolved elements. Throws InvoiceReadError (never
 * anything else) for a file too big, a DTD, or XML that is not well-formed.
 */
export function parseXml(input: Buffer | string): XmlElement {
	const size = typeof input === 'string' ? Buffer.byteLength(input) : input.length;
	if (size > MAX_XML_BYTES) {
		throw new InvoiceReadError('too-large', `The XML is ${size} bytes; at most ${MAX_XML_BYTES}.`);
	}
	const text = decodeXml(input);
	if (DOCTYPE.test(text)) {
		throw new InvoiceReadError('dtd', 'The XML declares a DTD (DOCTYPE); e-invoices never do.');
	}
	if (nestedDeeperThan(text, MAX_NESTING)) {
		throw new InvoiceReadError(
			'malformed',
			`The XML nests elements deeper than ${MAX_NESTING} levels.`,
		);
	}
	const valid = XMLValidator.validate(text);
	if (valid !== true) {
		const { msg, line } = valid.err;
		throw new InvoiceReadError('malformed', `The XML is not well-formed (line ${line}): ${msg}`);
	}
	let nodes: OrderedNode[];
	try {
		nodes = parser.parse(text) as OrderedNode[];
	} catch (e) {
		throw new InvoiceReadError('malformed', `The XML could not be read: ${(e as Error).message}`);
	}
	const root = nodes.find((n) => elementName(n) !== undefined);
	if (!root) throw new InvoiceReadError('malformed', 'The XML has no root element.');
	return resolve(root, { xml: XML_NS });
}

function elementName(node: OrderedNode): string | undefined {
	return Object.keys(node).find((k) => k !== ':@' && k !== '#text' && !k.startsWith('?'));
}

/** Builds one element, its namespace taken from the declarations in scope (its own first). */
function resolve(node: OrderedNode, inherited: Record<string, string>): XmlElement {
	const qname = elementName(node) as string;
	const rawAttrs = node[':@'] ?? {};
	const scope = { ...inherited };
	const attrs: Record<string, string> = {};
	for (const [key, value] of Object.entries(rawAttrs)) {
		if (key === 'xmlns') scope[''] = value;
		else if (key.startsWith('xmlns:')) scope[key.slice(6)] = value;
		else attrs[localName(key)] = value;
	}
	const colon = qname.indexOf(':');
	const prefix = colon < 0 ? '' : qname.slice(0, colon);
	const content = (node[qname] as OrderedNode[]) ?? [];
	const texts: string[] = [];
	const kids: XmlElement[] = [];
	for (const item of content) {
		if ('#text' in item) texts.push(String(item['#text']));
		else if (elementName(item) !== undefined) kids.push(resolve(item, scope));
	}
	return {
		ns: scope[prefix] ?? '',
		name: localName(qname),
		attrs,
		children: kids,
		text: texts.join('').trim(),
	};
}

function localName(qname: string): string {
	const colon = qname.indexOf(':');
	return colon < 0 ? qname : qname.slice(colon + 1);
}
