/**
 * The OS temp folder the test run was started with, outside the test file's own: the test
 * environment (tests/helpers/environment.ts) sets this variable. It is named here, not in tests/,
 * because a test bed reads it (the mail server's sockets need a short path) and test beds import
 * no test code.
 */
export const ENV_OUTER_TMPDIR = 'INVOICE_PORTALS_TESTS_OUTER_TMPDIR';
