import { Writable } from 'node:stream';
import { createInterface } from 'node:readline/promises';

/**
 * Questions in the terminal. Only a terminal can answer: with standard input redirected (a
 * script, CI, n8n's Execute Command) or closed, a question would wait forever for a line that
 * never comes, so it stops at once with what to do instead.
 */
export class NoAnswer extends Error {}

/** What is asked, in words, and how to do without the question ("set INVOICE_PORTALS_CHECK_PASSWORD"). */
export interface Question {
	prompt: string;
	/** "The checker needs the password" / "The portal asks for an SMS code". */
	need: string;
	instead: string;
	/** Not echoed: passwords, and codes (the output may be pasted into a pull request). */
	secret?: boolean;
}

export async function ask(question: Question): Promise<string> {
	if (!process.stdin.isTTY)
		throw new NoAnswer(
			`${question.need}, but standard input is not a terminal: run the checker in a terminal, or ${question.instead}.`,
		);
	// A secret's question is written here and readline's own output (which repeats the question
	// with the typed line whenever it redraws) goes nowhere: nothing typed reaches the screen.
	if (question.secret) process.stdout.write(question.prompt);
	const rl = createInterface({
		input: process.stdin,
		output: question.secret
			? new Writable({ write: (_chunk, _encoding, next) => next() })
			: process.stdout,
		terminal: true,
	});
	// Ctrl-D (end of input) closes the interface and the question would never settle.
	const ended = new Promise<never>((_, reject) =>
		rl.once('close', () =>
			reject(
				new NoAnswer(`${question.need}, but standard input ended before an answer was given.`),
			),
		),
	);
	try {
		return (
			await Promise.race([rl.question(question.secret ? '' : question.prompt), ended])
		).trim();
	} finally {
		rl.removeAllListeners('close');
		rl.close();
		if (question.secret) process.stdout.write('\n');
	}
}

const METHOD_WORDS: Record<string, string> = {
	sms: 'an SMS code',
	email: 'an e-mail code',
	authenticator_app: 'an authenticator code',
	captcha: 'a captcha to be solved',
	email_link: 'the sign-in link it sent by e-mail (paste the link)',
};

/** The question for a code prompt of this method. */
export function codeQuestion(method: string): Question {
	return {
		prompt: method === 'email_link' ? 'Sign-in link: ' : 'Code: ',
		need: `The portal asks for ${METHOD_WORDS[method] ?? `a ${method} code`}`,
		instead: 'set INVOICE_PORTALS_CHECK_TOTP_SECRET for authenticator codes',
		secret: true,
	};
}
