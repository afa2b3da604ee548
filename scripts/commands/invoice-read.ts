import { runMode } from './portal-check/main';
import { invoiceRead } from './invoice-read/main';

/**
 * `npm run invoice:read -- <file or folder> [--json out.json]` (`--help` lists the options and
 * the exit codes).
 *
 * Reads the invoices on disk with the same code as the node (readInvoiceFile from
 * portals/invoice-data) and prints one line per file and a summary. The parts live in
 * invoice-read/: files.ts (which files, read from disk), report.ts (what is printed), main.ts
 * (options, the run, exit codes).
 */
runMode(invoiceRead, process.argv.slice(2), 'npm run invoice:read -- --help');
