import { pageText, parsePage } from '../http/html-page';

/** What the extractors read of a mail, as mailparser hands it over. */
export interface MailContent {
	subject?: string;
	/** The plain-text part; mailparser leaves it empty for some HTML-only mails. */
	text?: string;
	/** The HTML part (mailparser's `html`, `false` when there is none). */
	html?: string | false;
}

// A code mail is short; a newsletter that happens to mention a code is not worth reading whole.
const MAX_TEXT = 50_000;

/**
 * The mail's readable texts, most telling first: the plain part, the HTML part's text, the
 * subject. Both parts are read because senders do not always put the same words in each (a
 * plain part that only says "view this mail in your browser"), and mailparser only converts
 * HTML to text when the HTML is the message's root part. The HTML is parsed with linkedom and
 * flattened into lines as the HTTP engine reads a page (pageText), so "Your code" in one table
 * cell and "731904" in the next end up on neighbouring lines, never glued together.
 */
export function mailTexts(mail: MailContent): string[] {
	const texts = [
		mail.text ? normalise(mail.text) : '',
		mail.html ? normalise(htmlText(mail.html)) : '',
		mail.subject ? normalise(mail.subject) : '',
	];
	return texts.filter((t, i) => t !== '' && texts.indexOf(t) === i);
}

/** An HTML part's visible text, in lines (scripts, styles and the head left out). */
export function htmlText(html: string): string {
	return pageText(
		{ document: mailDocument(html), url: 'about:blank', baseUrl: 'about:blank' },
		MAX_TEXT,
	);
}

/** An HTML part parsed with linkedom, as the HTTP engine parses pages. */
export function mailDocument(html: string): Document {
	// linkedom builds no <body> for a bare fragment; mails often are one.
	const whole = /<body[\s>]/i.test(html)
		? html
		: `<!doctype html><html><body>${html}</body></html>`;
	return parsePage(whole, 'about:blank').document;
}

/**
 * One space between words, one line break between lines, no invisible characters: mail HTML
 * pads preheaders with zero-width joiners and puts no-break spaces inside codes' surroundings.
 */
function normalise(text: string): string {
	return text
		.slice(0, MAX_TEXT)
		.replace(/[\u200b-\u200d\u2060\ufeff\u00ad]|\u034f/g, '')
		.replace(/\r\n?/g, '\n')
		.replace(/[^\S\n]+/g, ' ')
		.split('\n')
		.map((line) => line.trim())
		.filter(Boolean)
		.join('\n');
}
