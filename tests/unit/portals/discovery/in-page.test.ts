import { basename } from 'node:path';
import { runInNewContext } from 'node:vm';
import { evaluateWith } from '../../../../portals/discovery/in-page';

/**
 * Discovery's readers run inside the page as several named functions sent together (see
 * discovery/in-page.ts). Here the page is a bare JavaScript context, as strict as a browser's
 * about what the code may reach: only what was sent.
 */
function fakePage() {
	const sent: string[] = [];
	return {
		sent,
		evaluate: async (expression: unknown) => {
			sent.push(String(expression));
			return runInNewContext(String(expression), {});
		},
	};
}

function shout(word: string): string {
	return `${word.toUpperCase()}${mark()}`;
}

function mark(): string {
	return '!';
}

function greet({ names }: { names: string[] }): string[] {
	return names.map(shout);
}

test('the helpers travel with the reader: one evaluate, helpers calling helpers, the argument as sent', async () => {
	const page = fakePage();
	// Quotes, backslashes and line separators survive the trip.
	const odd = 'say "hi" \\ there\u2028';
	await expect(
		evaluateWith(page as never, greet, [shout, mark], { names: ['anna', odd] }),
	).resolves.toEqual(['ANNA!', `${odd.toUpperCase()}!`]);
	expect(page.sent).toHaveLength(1);
});

test('a helper left out of the list is missing in the page, as in a browser', async () => {
	await expect(
		evaluateWith(fakePage() as never, greet, [shout], { names: ['anna'] }),
	).rejects.toThrow(/mark is not defined/);
});

function fileName(path: string): string {
	return basename(path);
}

test('refuses, before sending anything, helpers the page could not run', async () => {
	const page = fakePage();
	const arrow = (s: string) => s;
	await expect(evaluateWith(page as never, greet, [arrow], { names: [] })).rejects.toThrow(
		/not a function declaration/,
	);
	// basename comes from a module the page does not have.
	await expect(evaluateWith(page as never, greet, [fileName], { names: [] })).rejects.toThrow(
		/fileName calls a function from another module/,
	);
	expect(page.sent).toHaveLength(0);
});
