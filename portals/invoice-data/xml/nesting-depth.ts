/**
 * The deepest element nesting in an XML text, counted by a linear scan of its tags before any
 * parser sees it: parsers walk elements recursively, and a file nested a few thousand levels deep
 * would exhaust their stack. Comments, CDATA, processing instructions and quoted attribute values
 * (which may hold `>`) are skipped. Real e-invoices nest about 15 levels.
 */
export const MAX_NESTING = 200;

const TOKEN =
	/<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>|<[?!][^>]*>|<(\/?)[^\s>/]+(?:[^>"']|"[^"]*"|'[^']*')*?(\/?)>/g;

/** True when some element lies deeper than `limit` (the scan stops there). */
export function nestedDeeperThan(text: string, limit: number): boolean {
	let depth = 0;
	for (const match of text.matchAll(TOKEN)) {
		const [token, closing, selfClosing] = match;
		if (!token.startsWith('<') || token[1] === '!' || token[1] === '?') continue;
		if (closing) depth -= 1;
		else if (!selfClosing) {
			depth += 1;
			if (depth > limit) return true;
		}
	}
	return false;
}
