/**
 * A namespace-resolved XML element: what the readers walk. Each element knows its namespace URI
 * (from the xmlns declarations in scope, default or prefixed) and its local name, so a reader
 * never depends on which prefix a sender chose (`rsm:`, `ns0:`, or none).
 */
export interface XmlElement {
	/** The namespace URI, '' when the element is in no namespace. */
	ns: string;
	/** The local name, without any prefix. */
	name: string;
	/** Attributes by local name (prefixes dropped: the e-invoice syntaxes never need them). */
	attrs: Record<string, string>;
	children: XmlElement[];
	/** The element's own text, trimmed ('' when it has none). */
	text: string;
}

/** The first child whose local name is one of `names` (alternatives, e.g. two syntax versions). */
export function child(node: XmlElement | undefined, ...names: string[]): XmlElement | undefined {
	if (!node) return undefined;
	return node.children.find((c) => names.includes(c.name));
}

/** Every child with one of these local names, in document order. */
export function children(node: XmlElement | undefined, ...names: string[]): XmlElement[] {
	if (!node) return [];
	return node.children.filter((c) => names.includes(c.name));
}

/**
 * Follows a path of local names, taking the first match at each step; a step may list
 * alternatives separated by `|` (`ApplicablePercent|RateApplicablePercent`).
 */
export function at(node: XmlElement | undefined, path: string): XmlElement | undefined {
	let current = node;
	for (const step of path.split('/')) {
		current = child(current, ...step.split('|'));
		if (!current) return undefined;
	}
	return current;
}

/** The text at a path, or undefined when the element is absent or empty. */
export function textAt(node: XmlElement | undefined, path: string): string | undefined {
	const found = path ? at(node, path) : node;
	return found && found.text !== '' ? found.text : undefined;
}

/** An attribute of the element at a path (by local name). */
export function attrAt(
	node: XmlElement | undefined,
	path: string,
	attr: string,
): string | undefined {
	const found = path ? at(node, path) : node;
	return found?.attrs[attr];
}
