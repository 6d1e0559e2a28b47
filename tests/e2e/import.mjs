// End-to-end test of the upload page for outcome import (/import) in a real
// browser, like e2e.mjs: choose a CSV file with the labelled file input,
// "Förhandsgranska (dry run)" shows the counts and saves nothing, a file
// with a bad row is refused with its row number, "Importera" saves, and the
// outcome form shows the new value; axe-core on the form, the result and the
// error page (serious or critical violations fail), screenshots in
// tests/e2e/out/.
// Usage: node import.mjs http://127.0.0.1:PORT  (run.sh starts the server)
import { chromium } from "playwright-core";
import { readFileSync, mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, "out");
mkdirSync(out, { recursive: true });
const base = process.argv[2] || process.env.RODTRAD_URL;
if (!base) {
	console.error("användning: node import.mjs http://127.0.0.1:PORT");
	process.exit(2);
}
const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

let failures = 0;
const results = [];
function check(cond, what) {
	if (!cond) {
		failures++;
		console.error("FEL: " + what);
	}
}

async function step(name, fn) {
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

async function audit(page, pageType) {
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

const browser = await chromium.launch({
	executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
	headless: true,
	args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
});
const context = await browser.newContext({ locale: "sv-SE" });
const page = await context.newPage();
page.setDefaultTimeout(10000);
const cspErrors = [];
page.on("console", (m) => {
	if (m.type() === "error" && /Content Security Policy|Refused to/.test(m.text()))
		cspErrors.push(m.text());
});
page.on("pageerror", (e) => cspErrors.push("JS-fel: " + e.message));

const SJUK = "rjh-rs-2021-sjukfranvaro-ind";
const good = { name: "utfall.csv", mimeType: "text/csv",
	buffer: Buffer.from(`indikator;period;värde;kommentar\n${SJUK};2021-T1;4,1 %;Från HR\n`) };
const bad = { name: "fel.csv", mimeType: "text/csv",
	buffer: Buffer.from(`indikator;period;värde\n${SJUK};2021-T1;4,1 %\nfinns-inte;2021-T1;3\n`) };

async function valueOnForm() {
	await page.goto(base + "/plan/6/utfall/2021-T1");
	return page.getByLabel("Utfall för Sjukfrånvaron ska vara lägre än utsatt målvärde",
		{ exact: true }).first().inputValue();
}

await step("uppladdningssidan", async () => {
	await page.goto(base + "/");
	await page.getByRole("navigation", { name: "Huvudmeny" }).getByRole("link", { name: "Importera" }).click();
	await page.getByRole("heading", { level: 1, name: "Importera utfall" }).waitFor();
	await audit(page, "import");
});

await step("förhandsgranskning sparar inget", async () => {
	const before = await valueOnForm();
	await page.goto(base + "/import");
	await page.getByLabel("Fil med utfall").setInputFiles(good);
	await page.getByRole("button", { name: "Förhandsgranska (dry run)" }).click();
	await page.getByRole("heading", { name: "Förhandsgranskning – ingenting sparades" }).waitFor();
	check((await page.locator(".counts").innerText()).includes("1"), "antalen saknas");
	await audit(page, "import-provkorning");
	check(await valueOnForm() === before, "förhandsgranskningen ändrade utfallet");
});

await step("felaktig fil avvisas", async () => {
	const before = await valueOnForm();
	await page.goto(base + "/import");
	await page.getByLabel("Fil med utfall").setInputFiles(bad);
	await page.getByRole("button", { name: "Importera", exact: true }).click();
	const alert = page.getByRole("alert");
	await alert.waitFor();
	const text = await alert.innerText();
	check(text.includes("rad 3") && text.includes("finns-inte"), "felet nämner inte raden: " + text);
	await audit(page, "import-fel");
	check(await valueOnForm() === before, "den felaktiga filen ändrade utfallet");
});

await step("importera sparar", async () => {
	await page.goto(base + "/import");
	await page.getByLabel("Fil med utfall").setInputFiles(good);
	await page.getByRole("button", { name: "Importera", exact: true }).click();
	await page.getByRole("heading", { name: "Utfallen är inlästa" }).waitFor();
	check(await valueOnForm() === "4,1 %", "utfallet sparades inte");
});

check(cspErrors.length === 0, "CSP- eller JS-fel i webbläsaren: " + cspErrors.join(" | "));
await browser.close();
console.log(results.join("\n"));
console.log(failures ? `e2e import: ${failures} fel` : "e2e import: alla steg gick igenom");
process.exit(failures ? 1 : 0);
