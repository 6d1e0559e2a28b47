// End-to-end tests of the Rödtråd web UI in a real browser (Debian's
// chromium, driven by playwright-core): the daily path of a planning
// officer on the demo database — start page, a plan, the outcome form for
// 2021-T1, an outcome typed in and the status symbol changing, saved and
// shown after the redirect, the XLSX report downloaded — plus axe-core on
// every page type (any serious or critical violation fails) and a
// screenshot of each page type in tests/e2e/out/. The page's own CSP stays
// on, so a page that needs inline script or style fails here too.
// Usage: node e2e.mjs http://127.0.0.1:PORT  (run.sh starts the server)
import { readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { audit, baseUrl, check, finish, launch, out, step, watchedPage } from "./lib.mjs";

const base = baseUrl("e2e.mjs");
const browser = await launch();
const context = await browser.newContext({ acceptDownloads: true, locale: "sv-SE" });
const page = await watchedPage(context);

const indicator = "Sjukfrånvaron ska vara lägre än utsatt målvärde";

await step("startsidan visar planerna och måluppfyllelsen", async () => {
	const r = await page.goto(base + "/");
	check(r.status() === 200, "startsidan svarar " + r.status());
	check(await page.locator("html").getAttribute("lang") === "sv", "lang=sv saknas");
	await page.getByRole("heading", { level: 1, name: "Mål och uppföljning" }).waitFor();
	const summary = page.locator("table.summary");
	check((await summary.textContent()).includes("Regionstyrelsen"), "Regionstyrelsen saknas i sammanfattningen");
	check((await summary.textContent()).includes("● Uppfyllt"), "● Uppfyllt saknas");
	await audit(page, "start");
});

await step("tangentbord: hopplänken är första tabbstoppet", async () => {
	await page.keyboard.press("Tab");
	const focused = await page.evaluate(() => document.activeElement.textContent);
	check(focused === "Hoppa till innehållet", "första tabbstoppet är " + focused);
});

await step("navigera till planen", async () => {
	await page.locator("table.plans").getByRole("link", { name: "Regionstyrelsens verksamhetsplan 2021" }).click();
	await page.getByRole("heading", { level: 1, name: "Regionstyrelsens verksamhetsplan 2021" }).waitFor();
	check(await page.locator("ul.tree").count() === 1, "strukturträdet saknas");
	check((await page.content()).includes(indicator), "mätetalet saknas i planen");
	await audit(page, "plan");
});

await step("mata in ett utfall för 2021-T1 och se statusen ändras", async () => {
	await page.getByRole("link", { name: "Mata in utfall för 2021-T1" }).click();
	await page.getByRole("heading", { level: 1, name: "Utfall för 2021-T1" }).waitFor();
	await audit(page, "utfall");
	const input = page.getByLabel("Utfall för " + indicator, { exact: true });
	check(await input.inputValue() === "5,4 %", "utfallet är inte 5,4 %");
	const id = (await input.getAttribute("id")).replace("utfall-", "");
	const status = page.locator("#status-" + id);
	check((await status.textContent()).includes("■ Ej uppfyllt"), "startstatus är inte ■ Ej uppfyllt");
	await input.fill("");
	await input.pressSequentially("4,2 %");
	await page.waitForFunction((sel) => document.querySelector(sel).textContent.includes("● Uppfyllt"),
		"#status-" + id);
	await input.fill("4,9 %");
	await page.waitForFunction((sel) => document.querySelector(sel).textContent.includes("◆ Delvis uppfyllt"),
		"#status-" + id);
	await input.fill("fem");
	await page.waitForFunction((sel) => document.querySelector(sel).textContent.includes("Kan inte läsas"),
		"#status-" + id);
	await input.fill("4,2 %");
	await page.waitForFunction((sel) => document.querySelector(sel).textContent.includes("● Uppfyllt"),
		"#status-" + id);
	// Tab goes from the utfall to its kommentar.
	await input.focus();
	await page.keyboard.press("Tab");
	check(await page.evaluate(() => document.activeElement.id) === "kommentar-" + id,
		"tab från utfallet går inte till kommentaren");
	await page.keyboard.type("Sjunkande sedan februari");
	await page.getByRole("button", { name: "Spara utfall" }).click();
	await page.getByText("1 utfall sparade.").waitFor();
	check(/\?sparat=1$/.test(page.url()), "ingen omdirigering efter POST: " + page.url());
	check((await page.locator("#status-" + id).textContent()).includes("● Uppfyllt"),
		"sparad status är inte ● Uppfyllt");
	check(await page.getByLabel("Utfall för " + indicator, { exact: true }).inputValue() === "4,2 %",
		"sparat utfall visas inte");
	await page.screenshot({ path: join(out, "utfall-sparat.png"), fullPage: true });
});

await step("felaktigt utfall sparas inte och visas vid fältet", async () => {
	const input = page.getByLabel("Utfall för " + indicator, { exact: true });
	await input.fill("fem procent");
	await page.getByRole("button", { name: "Spara utfall" }).click();
	await page.getByText("Inget sparades").waitFor();
	check(await input.getAttribute("aria-invalid") === "true", "fältet är inte markerat som fel");
	await audit(page, "utfall-fel");
});

await step("sök och gå till målet", async () => {
	await page.getByLabel("Sök mål och indikatorer").fill("sjukfrånvaro");
	await page.getByLabel("Sök mål och indikatorer").press("Enter");
	await page.getByRole("heading", { level: 1, name: "Sök mål och indikatorer" }).waitFor();
	await audit(page, "sok");
	await page.locator("ul.hits a", { hasText: indicator }).first().click();
	await page.getByRole("heading", { name: "Målkedja" }).waitFor();
	check((await page.content()).includes("4,2 %"), "målsidan visar inte det nya utfallet");
	await audit(page, "mal");
});

await step("målkedja från handlingsplanen upp till regionplanen", async () => {
	await page.goto(base + "/plan/4");
	await page.locator("ul.tree a").first().click();
	await page.getByRole("heading", { name: "Målkedja" }).waitFor();
	await audit(page, "mal-kedja");
});

await step("rapportsidan och XLSX-nedladdning", async () => {
	await page.getByRole("link", { name: "Rapporter" }).click();
	await page.getByRole("heading", { level: 1, name: "Sammanställd måluppfyllelse per april 2021" }).waitFor();
	await audit(page, "rapport");
	const [download] = await Promise.all([
		page.waitForEvent("download"),
		page.getByRole("link", { name: "Excel (XLSX)" }).click(),
	]);
	const file = join(out, "rapport-2021-T1.xlsx");
	await download.saveAs(file);
	const bytes = readFileSync(file);
	check(bytes.length > 2000 && bytes.subarray(0, 2).toString() === "PK",
		`XLSX-filen ser inte ut som en xlsx (${statSync(file).size} byte)`);
	check(bytes.includes(Buffer.from("xl/worksheets/")), "XLSX-filen har inga kalkylblad");
});

await step("felsida", async () => {
	const r = await page.goto(base + "/plan/9999");
	check(r.status() === 404, "okänd plan svarar " + r.status());
	await audit(page, "fel-404");
});

await step("utan JavaScript: formuläret sparar och visar statusen", async () => {
	const ctx = await browser.newContext({ javaScriptEnabled: false });
	const p = await ctx.newPage();
	await p.goto(base + "/plan/6/utfall/2021-T1");
	const input = p.getByLabel("Utfall för " + indicator, { exact: true });
	await input.fill("5,9 %");
	await p.getByRole("button", { name: "Spara utfall" }).click();
	await p.getByText("1 utfall sparade.").waitFor();
	const id = (await input.getAttribute("id")).replace("utfall-", "");
	check((await p.locator("#status-" + id).textContent()).includes("■ Ej uppfyllt"),
		"statusen utan JS är inte ■ Ej uppfyllt");
	await ctx.close();
});

await step("mobil och utskrift", async () => {
	const ctx = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true });
	const p = await ctx.newPage();
	await p.goto(base + "/plan/6/utfall/2021-T1");
	const input = p.getByLabel("Utfall för " + indicator, { exact: true });
	await input.waitFor();
	const box = await input.boundingBox();
	check(box && box.x >= 0 && box.x + box.width <= 390, "utfallsfältet ryms inte på en mobil skärm");
	await audit(p, "utfall-mobil");
	await p.goto(base + "/rapport");
	await p.emulateMedia({ media: "print" });
	check(!(await p.locator("header.site").isVisible()), "sidhuvudet syns i utskrift");
	await p.screenshot({ path: join(out, "rapport-utskrift.png"), fullPage: true });
	await ctx.close();
});

await finish(browser, "e2e");
