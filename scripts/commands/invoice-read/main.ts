import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { readInvoiceFile } from '../../../portals/invoice-data';
import { optionsHelp, type Option } from '../portal-check/args';
import { bytesOf, filesAt, type FileToRead } from './files';
import { lineFor, outcomeOf, summaryOf, type FileResult } from './report';

const OPTIONS: Option[] = [
	{
		name: 'json',
		value: 'out.json',
		text: 'also write the full results, one per file, as a JSON array',
	},
	{
		name: 'schema',
		text: 'also check each XML against its schema (CII D16B, UBL 2.1): about half a second per file',
	},
	{ name: 'help', short: 'h', text: 'show this text' },
];

const USAGE = 'usage: npm run invoice:read -- <file or folder> [...] [--json out.json] [--schema]';

/** Exit codes: documented in --help, tested as a user sees them. */
const EXIT = { read: 0, nothingRead: 1, badArguments: 2 };

function help(): string {
	return [
		USAGE,
		'',
		'Reads e-invoices (hybrid PDFs: Factur-X, ZUGFeRD; XML: CII, ZUGFeRD 1, UBL) with the same code',
		'as the Invoice Portal node, and prints per file: syntax, profile, number, issue date, payable',
		'amount and currency, validation status and the rule ids found. A folder is read with every',
		'PDF and XML file under it; a file named here is read whatever its name. A summary ends the run.',
		'',
		optionsHelp(OPTIONS),
		'',
		'exit codes:',
		`  ${EXIT.read}  at least one file was read (some may be no e-invoice, invalid or unreadable)`,
		`  ${EXIT.nothingRead}  nothing could be read: a path that does not exist, a folder without PDF or`,
		'     XML files, or no file that could be read',
		`  ${EXIT.badArguments}  wrong arguments: no path, an unknown option, --json without a file, or the`,
		'     --json file could not be written',
	].join('\n');
}

/** `npm run invoice:read`: reads each path's files, prints a line per file and a summary; resolves to the exit code. */
export async function invoiceRead(argv: string[]): Promise<number> {
	const { values, positionals } = parseArgs({
		args: argv,
		allowPositionals: true,
		options: {
			json: { type: 'string' },
			schema: { type: 'boolean' },
			help: { type: 'boolean', short: 'h' },
		},
	});
	if (values.help) {
		console.log(help());
		return EXIT.read;
	}
	if (positionals.length === 0) {
		console.log(`✗ No file or folder given. ${USAGE} (npm run invoice:read -- --help for more)`);
		return EXIT.badArguments;
	}
	const results: FileResult[] = [];
	let skipped = 0;
	for (const path of positionals) {
		const found = filesAt(path);
		if (found.kind === 'missing') {
			console.log(`✗ ${found.message}`);
			continue;
		}
		skipped += found.skipped;
		if (found.files.length === 0) {
			console.log(
				`✗ ${path}: no PDF or XML file in this folder (or its sub-folders). Give a folder that holds invoices.`,
			);
		}
		for (const file of found.files) results.push(await readOne(file, values.schema === true));
	}
	if (results.length > 0) console.log(summaryOf(results, skipped));
	if (values.json !== undefined && !writeJson(values.json, results)) return EXIT.badArguments;
	const read = results.filter((r) => outcomeOf(r) !== 'error').length;
	if (read === 0) {
		if (results.length > 0) console.log('✗ None of the files could be read (see above).');
		return EXIT.nothingRead;
	}
	return EXIT.read;
}

/** Reads and prints one file; a file that cannot even be read from disk is its own result, never a crash. */
async function readOne(file: FileToRead, schema: boolean): Promise<FileResult> {
	const bytes = bytesOf(file.path);
	if ('error' in bytes) {
		const result: FileResult = {
			file: file.label,
			isEInvoice: false,
			error: { code: 'file-unreadable', message: bytes.error },
		};
		console.log(`✗ ${file.label}: ${bytes.error}`);
		return result;
	}
	const result: FileResult = {
		file: file.label,
		...(await readInvoiceFile(bytes.body, { fileName: file.path }, { schema })),
	};
	console.log(lineFor(result, bytes.body));
	return result;
}

function writeJson(out: string, results: FileResult[]): boolean {
	try {
		writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
		console.log(`✓ wrote ${results.length} result(s) to ${out}`);
		return true;
	} catch (e) {
		console.log(
			`✗ --json ${out}: could not write it (${(e as Error).message}). Give a file in a folder you can write to.`,
		);
		return false;
	}
}
