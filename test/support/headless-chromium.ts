// Debian's chromium driven by playwright-core (the Playwright browser download does not work here), for tests
// that look at a page as a person would: a fresh profile per launch, no network services, and every console
// error and uncaught page error collected so a test can fail on them.
//
//   openInChromium(url, options?): Promise<{ page, consoleErrors, close() }>
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from 'playwright-core';

export const CHROMIUM_PATH = '/usr/bin/chromium';

const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface OpenedPage {
  page: Page;
  /** Console messages of type error and uncaught page errors, in order. */
  consoleErrors: string[];
  close(): Promise<void>;
}

export async function openInChromium(url: string, options: { width?: number; height?: number } = {}): Promise<OpenedPage> {
  const userDataDir = await mkdtemp(join(tmpdir(), 'gauntlet-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_FLAGS,
    viewport: { width: options.width ?? 1280, height: options.height ?? 900 },
    timeout: 60_000,
  });
  const consoleErrors: string[] = [];
  const close = async () => {
    await context.close();
    await rm(userDataDir, { recursive: true, force: true });
  };
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(`console.error: ${message.text()}`);
    });
    page.on('pageerror', (error) => consoleErrors.push(`page error: ${error.message}`));
    await page.goto(url, { waitUntil: 'load', timeout: 30_000 });
    return { page, consoleErrors, close };
  } catch (error) {
    await close();
    throw error;
  }
}
