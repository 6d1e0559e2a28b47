// The shared harness of the browser tests (e2e.mjs, and any other spec
// run.sh is given through E2E_SPEC): the server URL from the command line,
// the screenshot folder, check/step bookkeeping, axe-core audits and a
// headless Debian chromium whose pages record CSP and script errors.
import { chromium } from "playwright-core";
import { readFileSync, mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const out = join(dirname(fileURLToPath(import.meta.url)), "out");
mkdirSync(out, { recursive: true });
const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

let failures = 0;
const results = [];
const pageErrors = [];

// The server's base URL: the first argument (run.sh passes it) or $RODTRAD_URL.
export function baseUrl(spec) {
	const base = process.argv[2] || process.env.RODTRAD_URL;
	if (!base) {
		console.error(`användning: node ${spec} http://127.0.0.1:PORT`);
		process.exit(2);
	}
	return base;
}

export function check(cond, what) {
	if (!cond) {
		failures++;
		console.error("FEL: " + what);
	}
}

// One named step; an exception fails the step, later steps still run.
export async function step(name, fn) {
	const t0 = Date.now();
	try {
		await fn();
		results.push(`ok   ${name} (${Date.now() - t0} ms)`);
	} catch (e) {
		failures++;
		results.push(`FEL  ${name}: ${e.message.split("\n")[0]}`);
		console.error(e);
	}
}

// axe-core on the current page: WCAG 2.1 A and AA rules and best practices;
// serious and critical violations fail, the rest are listed. Then a
// full-page screenshot out/<pageType>.png.
export async function audit(page, pageType) {
	await page.evaluate(axeSource);
	const res = await page.evaluate(() =>
		window.axe.run(document, {
			runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] },
		}));
	for (const v of res.violations) {
		const bad = v.impact === "serious" || v.impact === "critical";
		const where = v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(", ");
		console.error(`${bad ? "FEL" : "obs"} axe ${pageType}: ${v.id} (${v.impact}) ${v.help} – ${where}`);
		if (bad)
			failures++;
	}
	await page.screenshot({ path: join(out, `${pageType}.png`), fullPage: true });
}

// Logs a browser context in through the form at /logga-in as a demo user
// (default the administrator), so its pages and page.request carry the
// session cookie. Works with JavaScript off too.
export async function login(context, user = "admin", password = "admin-demo-2021") {
	const base = process.argv[2] || process.env.RODTRAD_URL;
	const p = await context.newPage();
	await p.goto(base + "/logga-in");
	await p.getByLabel("Användarnamn").fill(user);
	await p.getByLabel("Lösenord").fill(password);
	await Promise.all([p.waitForURL(base + "/"), p.getByRole("button", { name: "Logga in" }).click()]);
	await p.close();
}

// Headless chromium (Debian's, or $CHROMIUM) with the pages' own CSP on.
// Every context it makes is logged in as the demo administrator.
export async function launch() {
	const browser = await chromium.launch({
		executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
		headless: true,
		args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
	});
	const newContext = browser.newContext.bind(browser);
	browser.newContext = async (opts) => {
		const ctx = await newContext(opts);
		await login(ctx);
		return ctx;
	};
	return browser;
}

// A page that records CSP violations and uncaught script errors.
export async function watchedPage(context) {
	const page = await context.newPage();
	page.setDefaultTimeout(30000);
	page.on("console", (m) => {
		if (m.type() === "error" && /Content Security Policy|Refused to/.test(m.text()))
			pageErrors.push(m.text());
	});
	page.on("pageerror", (e) => pageErrors.push("JS-fel: " + e.message));
	return page;
}

// Prints the steps and exits 1 if anything failed.
export async function finish(browser, spec) {
	check(pageErrors.length === 0, "CSP- eller JS-fel i webbläsaren: " + pageErrors.join(" | "));
	await browser.close();
	console.log(results.join("\n"));
	console.log(failures ? `${spec}: ${failures} fel` : `${spec}: alla steg gick igenom`);
	process.exit(failures ? 1 : 0);
}
