// End-to-end test of the upload page for outcome import (/import) in a real
// browser, like e2e.mjs: choose a CSV file with the labelled file input,
// "Förhandsgranska (dry run)" shows the counts and saves nothing, a file
// with a bad row is refused with its row number, "Importera" saves, and the
// outcome form shows the new value; axe-core on the form, the result and the
// error page (serious or critical violations fail), screenshots in
// tests/e2e/out/.
// Usage: node import.mjs http://127.0.0.1:PORT  (run.sh starts the server)
import { audit, baseUrl, check, finish, launch, step, watchedPage } from "./lib.mjs";

const base = baseUrl("import.mjs");
const browser = await launch();
const context = await browser.newContext({ locale: "sv-SE" });
const page = await watchedPage(context);

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

await finish(browser, "e2e import");
