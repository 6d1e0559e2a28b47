// End-to-end tests of the planning process pages (issue 6) in a real
// browser, like e2e.mjs: the årshjul page of the demo database (seed 002's
// process 2026 — timeline, circular SVG wheel, milestones, deliveries per
// board, the .ics link) and the §3.4 checklist form of the demo action plan
// (answer with the keyboard-reachable radio buttons, save, see the answers
// kept and the "för beslut" blockers shrink), with axe-core on both pages
// (serious or critical violations fail) and screenshots in tests/e2e/out/.
// Usage: node process.mjs http://127.0.0.1:PORT  (run.sh starts the server)
import { chromium } from "playwright-core";
import { readFileSync, mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { login } from "./lib.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, "out");
mkdirSync(out, { recursive: true });
const base = process.argv[2] || process.env.RODTRAD_URL;
if (!base) {
	console.error("användning: node process.mjs http://127.0.0.1:PORT");
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
await login(context);
const page = await context.newPage();
page.setDefaultTimeout(10000);
const cspErrors = [];
page.on("console", (m) => {
	if (m.type() === "error" && /Content Security Policy|Refused to/.test(m.text()))
		cspErrors.push(m.text());
});
page.on("pageerror", (e) => cspErrors.push("JS-fel: " + e.message));

await step("årshjulet", async () => {
	const res = await page.goto(base + "/arshjul");
	check(res.status() === 200, "GET /arshjul gav " + res.status());
	await page.getByRole("heading", { level: 1, name: "Planerings- och budgetprocess 2026" }).waitFor();
	const wheel = page.getByRole("img", { name: "Årshjul 2026" });
	check(await wheel.isVisible(), "årshjulet (SVG) syns inte");
	check(await page.locator("svg path").count() === 7, "årshjulet har inte sju faser");
	const timeline = page.locator("ol.timeline li");
	check(await timeline.count() === 7, "tidslinjen har inte sju faser");
	check((await timeline.nth(1).textContent()).includes("1 januari 2026 – 28 februari 2026"),
		"PF-fasen har fel datum");
	for (const text of ["Kickoff: majoritetens förslag till PF presenteras", "PF beslutas i regionstyrelsen",
		"Nämnderna återkopplar på PF", "VP klar"])
		check(await page.getByRole("rowheader", { name: "Milstolpe: " + text }).count() === 1,
			"milstolpen saknas: " + text);
	const styr = page.getByRole("row", { name: /Möte: Styrdialog/ });
	check((await styr.textContent()).includes("regionstyrelsens arbetsutskott"), "styrdialogens deltagare saknas");
	check(await page.getByText("Verksamhetsplan: 2 av 2 levererade").isVisible(), "VP-leveranserna saknas");
	const run = page.getByRole("row", { name: /Regionala utvecklingsnämnden/ });
	check((await run.textContent()).includes("Pågår, försenad"), "RUN:s försenade återkoppling syns inte");
	const ics = page.getByRole("link", { name: /Lägg in datumen i din kalender/ });
	const href = await ics.getAttribute("href");
	const r = await page.request.get(base + href);
	check(r.status() === 200 && (r.headers()["content-type"] || "").startsWith("text/calendar"),
		"kalenderfilen hämtas inte som text/calendar");
	const body = await r.text();
	check(body.startsWith("BEGIN:VCALENDAR") && body.includes("DTSTART;VALUE=DATE:20260210"),
		"kalendern saknar kickoff 10 februari");
	await audit(page, "arshjul");
});

await step("checklistan för särskilda perspektiv", async () => {
	const plans = await (await page.request.get(base + "/api/v1/plans")).json();
	const plan = plans.find((p) => p.key === "rjh-ap-2016-attraktiv-arbetsgivare");
	check(plan, "demohandlingsplanen saknas");
	await page.goto(base + `/plan/${plan.id}/checklista`);
	await page.getByRole("heading", { level: 1, name: "Avsnitt 4 – särskilda perspektiv" }).waitFor();
	await audit(page, "checklista");
	const blockers = page.getByRole("heading", { name: /Planen kan inte gå till beslut än/ });
	check(await blockers.isVisible(), "det syns inte att planen inte kan gå till beslut");
	const before = await blockers.textContent();
	// The seed's exact question, answered by its label (radio buttons in a fieldset).
	const q = page.getByRole("group", {
		name: "6. medför mål och aktiviteter ökat behov av transporter ?" });
	await q.getByLabel("Ej aktuellt").check();
	const eq = page.getByRole("group", { name: /^1\. Innebär uppsatta mål och aktiviteter att hänsyn tas/ });
	await eq.getByLabel("Ja").check();
	await page.getByLabel(/Motivering – Beskriv hur handlingsplanen förhåller sig till den regionala/)
		.fill("Planen berör inte den regionala utvecklingsstrategin.");
	await page.getByRole("button", { name: "Spara svaren" }).click();
	await page.getByText("Svaren är sparade.").waitFor();
	check(await page.getByRole("group", { name: "6. medför mål och aktiviteter ökat behov av transporter ?" })
		.getByLabel("Ej aktuellt").isChecked(), "svaret Ej aktuellt finns inte kvar efter sparandet");
	check((await page.getByLabel(/Motivering – Beskriv hur/).inputValue()).includes("regionala utvecklingsstrategin"),
		"motiveringen finns inte kvar");
	const after = await page.getByRole("heading", { name: /Planen kan inte gå till beslut än/ }).textContent();
	check(after !== before, "antalet hinder för beslut ändrades inte: " + after);
	await audit(page, "checklista-sparad");
});

await step("dokument och kalender via API:t", async () => {
	const fb = await page.request.get(base + "/api/v1/process/feedback?year=2026");
	check(fb.status() === 200, "återkopplingen gav " + fb.status());
	const html = await fb.text();
	check(html.includes("<h3>7. Risk- och känslighetsanalys</h3>"), "risk- och känslighetsanalysen saknas");
	const docx = await page.request.get(base + "/api/v1/process/feedback?format=docx");
	check((docx.headers()["content-type"] || "").includes("wordprocessingml"), "DOCX har fel typ");
	check((await docx.body()).subarray(0, 2).toString() === "PK", "DOCX är ingen zip");
	const plans = await (await page.request.get(base + "/api/v1/plans")).json();
	const plan = plans.find((p) => p.key === "rjh-ap-2016-attraktiv-arbetsgivare");
	const doc = await (await page.request.get(base + `/api/v1/plans/${plan.id}/document`)).text();
	check(doc.indexOf("Ändringsförteckning") < doc.indexOf("<h2>1 Inledning</h2>") &&
		doc.indexOf("<h2>1 Inledning</h2>") < doc.indexOf("<h2>5 Definitioner</h2>"),
		"plandokumentets avsnitt i fel ordning");
	const none = await page.request.get(base + "/api/v1/process/calendar.ics?year=2019");
	check(none.status() === 404, "ett år utan process gav " + none.status());
	check((await none.json()).error.message === "Det finns ingen planeringsprocess för 2019",
		"felmeddelandet för 2019");
	const bad = await page.request.get(base + "/api/v1/process/feedback?format=odt");
	check(bad.status() === 400, "okänt format gav " + bad.status());
	await page.goto(base + "/api/v1/process");
	const j = JSON.parse(await page.locator("body").innerText());
	check(j.year === 2026 && j.phases.length === 7 && j.progress.some((p) =>
		p.kind === "operational_plan" && p.delivered === 2 && p.total === 2), "processens JSON");
});

check(cspErrors.length === 0, "CSP- eller JS-fel i webbläsaren: " + cspErrors.join(" | "));
await browser.close();
console.log(results.join("\n"));
console.log(failures ? `e2e process: ${failures} fel` : "e2e process: alla steg gick igenom");
process.exit(failures ? 1 : 0);
