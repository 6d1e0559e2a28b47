// End-to-end test of the main menu's new entries and the economy page in a
// real browser, like e2e.mjs: "Årshjul" and "Ekonomi" are reached from the
// menu and marked as the current page, the plan page links to its
// checklists and its document, and /ekonomi (budget frames per board, the
// economic follow-up with ● ◆ ■ in words) passes axe-core (serious or
// critical violations fail); screenshots in tests/e2e/out/.
// Usage: node economy.mjs http://127.0.0.1:PORT  (run.sh starts the server)
import { audit, baseUrl, check, finish, launch, step, watchedPage } from "./lib.mjs";

const base = baseUrl("economy.mjs");
const browser = await launch();
const context = await browser.newContext({ locale: "sv-SE" });
const page = await watchedPage(context);
const menu = () => page.getByRole("navigation", { name: "Huvudmeny" });

await step("årshjulet i huvudmenyn", async () => {
	await page.goto(base + "/");
	await menu().getByRole("link", { name: "Årshjul" }).click();
	await page.waitForURL(/\/arshjul$/);
	const cur = await menu().getByRole("link", { name: "Årshjul" }).getAttribute("aria-current");
	check(cur === "page", "Årshjul ska vara markerad som aktuell sida, var " + cur);
});

await step("ekonomisidan", async () => {
	await menu().getByRole("link", { name: "Ekonomi" }).click();
	await page.getByRole("heading", { level: 1, name: "Ekonomi" }).waitFor();
	const cur = await menu().getByRole("link", { name: "Ekonomi" }).getAttribute("aria-current");
	check(cur === "page", "Ekonomi ska vara markerad som aktuell sida, var " + cur);
	check(await page.locator("h1").count() === 1, "ekonomisidan ska ha en h1");
	await audit(page, "ekonomi");
});

await step("planens länkar till checklistor och plandokument", async () => {
	await page.goto(base + "/plan/6");
	await page.getByRole("link", { name: "Perspektivanalyser (checklistor)" }).click();
	await page.waitForURL(/\/plan\/6\/checklista$/);
	await page.goto(base + "/plan/6");
	const href = await page.getByRole("link", { name: "Plandokument (PDF)" }).getAttribute("href");
	check(href === "/api/v1/plans/6/document?format=pdf", "PDF-länken var " + href);
	await page.getByRole("link", { name: "Plandokument (HTML)" }).click();
	await page.waitForURL(/\/api\/v1\/plans\/6\/document\?format=html$/);
});

await finish(browser, "economy.mjs");
