import type { XmlElement } from '../xml/xml-element';

/**
 * Every element at a path below a node, as an XPath step path selects them (`a/b`: each b of
 * each a), where at() follows the first match only. A step may list alternatives (`a|b`).
 */
export function all(node: XmlElement | undefined, path: string): XmlElement[] {
	let current = node ? [node] : [];
	for (const step of path.split('/')) {
		const names = step.split('|');
		current = current.flatMap((n) => n.children.filter((c) => names.includes(c.name)));
	}
	return current;
}

/** Every element with one of these names at any depth below the node (`//name`), in order. */
export function descendants(node: XmlElement, ...names: string[]): XmlElement[] {
	return node.children.flatMap((c) => [
		...(names.includes(c.name) ? [c] : []),
		...descendants(c, ...names),
	]);
}

/**
 * XPath's `x >= 0` on an untyped element: its text read as a double; empty or not a number is
 * false (XPath would stop with an error on the latter, which no rule then reports).
 */
export function atLeastZero(elements: XmlElement[]): boolean {
	return elements.some((e) => {
		const t = e.text.trim();
		return /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(t) && Number(t) >= 0;
	});
}
