import type { Page } from 'playwright';

/**
 * A function that runs inside the page. Playwright sends a function to the page as its source
 * text, so such a function cannot call anything defined in Node; a reader too long for one
 * screen is therefore split into functions that all travel together (see evaluateWith). Each
 * one is declared as `function name(...)` at the top level of its module, so that its source
 * carries its name, and calls only the page's own globals (document, CSS, getComputedStyle)
 * and other in-page functions of the same module: the compiled code reaches a function
 * imported from another module through that module's object, which the page does not have.
 */
export type InPageFunction = (...args: never[]) => unknown;

/** How the compiled code names an import (`(0, rows_1.text)(…)`): the page has no such object. */
const IMPORTED = /\b[A-Za-z_$][\w$]*_\d+\.[A-Za-z_$]/;

/**
 * The source the page evaluates: the helpers and `main` declared side by side, then `main`
 * called with the argument (plain data, written as JSON, as Playwright would send it).
 */
function inPageSource<A>(main: (arg: A) => unknown, helpers: InPageFunction[], arg: A): string {
	const declared = [main, ...helpers].map((fn) => {
		const source = String(fn);
		if (!fn.name || !/^function\s/.test(source))
			throw new Error(
				`In-page function ${fn.name || '(anonymous)'} is not a function declaration.`,
			);
		if (IMPORTED.test(source))
			throw new Error(`In-page function ${fn.name} calls a function from another module.`);
		return source;
	});
	return `(() => {\n${declared.join('\n')}\nreturn ${main.name}(${JSON.stringify(arg)});\n})()`;
}

/**
 * Runs `main(arg)` inside the page with `helpers` beside it, in one evaluate: the same round
 * trip and the same evaluation as page.evaluate(main, arg) (Playwright evaluates a function by
 * its source, as it does this expression), with the reader split into named functions.
 */
export async function evaluateWith<A, R>(
	page: Pick<Page, 'evaluate'>,
	main: (arg: A) => R,
	helpers: InPageFunction[],
	arg: A,
): Promise<R> {
	return (await page.evaluate(inPageSource(main, helpers, arg))) as R;
}
