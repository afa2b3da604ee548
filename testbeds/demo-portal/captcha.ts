import { randomInt } from 'node:crypto';

// No 0/O, 1/I/L: a person must be able to read it.
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

export function captchaText(length = 5): string {
	let text = '';
	for (let i = 0; i < length; i++) text += ALPHABET[randomInt(ALPHABET.length)];
	return text;
}

/** An image (SVG) a person reads and a page scraper does not: letters rotated, with noise lines. */
export function captchaSvg(text: string): string {
	const letters = [...text]
		.map(
			(c, i) =>
				`<text x="${18 + i * 30}" y="${38 + randomInt(-6, 7)}" transform="rotate(${randomInt(-25, 26)} ${18 + i * 30} 34)">${c}</text>`,
		)
		.join('');
	const lines = Array.from(
		{ length: 5 },
		() =>
			`<line x1="${randomInt(0, 180)}" y1="${randomInt(0, 60)}" x2="${randomInt(0, 180)}" y2="${randomInt(0, 60)}" stroke="#7a6a9a" stroke-width="1.5"/>`,
	).join('');
	return `<svg xmlns="http://www.w3.org/2000/svg" width="180" height="60" viewBox="0 0 180 60"><rect width="180" height="60" fill="#efeaf7"/>${lines}<g font-family="monospace" font-size="28" font-weight="700" fill="#3b2560">${letters}</g></svg>`;
}
