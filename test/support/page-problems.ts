import type { Page } from 'playwright-core';

/**
 * Collects what a person would notice going wrong on a page: script errors, errors in the
 * console, and requests the server refused. Chrome also logs each 4xx as a console error;
 * those are left to `failedRequests`, where a test can allow the ones it expects.
 */
export function watchPageProblems(page: Page, onlyFrom?: string) {
  const problems: string[] = [];
  const failedRequests: string[] = [];

  page.on('pageerror', (error) => problems.push(error.message));
  page.on('response', (response) => {
    if (onlyFrom && !response.url().startsWith(onlyFrom)) return;

    if (response.status() >= 400) {
      failedRequests.push(`${response.status()} ${new URL(response.url()).pathname}`);
    }
  });
  page.on('console', (message) => {
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) {
      problems.push(message.text());
    }
  });

  return { problems, failedRequests };
}
