/**
 * The time limit of a test that starts `tabtune` processes. Such a test is sized by its work (a few
 * processes), and a loaded machine can make a process start take seconds, so Vitest's default 5 s
 * would test the machine rather than the command.
 */
export const PROCESS_TEST_TIMEOUT_MS = 60_000;
