/* Rödtråd: small enhancements only; every page works without this file.
 * Outcome form: while a person types an utfall, ask the server for the
 * status the rule gives (/utfall/status) and show it next to the field,
 * so the rule lives in one place (src/core/status.c). */
(function () {
	"use strict";

	function showStatus(out, data) {
		out.textContent = "";
		var span = document.createElement("span");
		span.className = "status status-" + data.status.replace("_", "-");
		if (data.symbol) {
			var sym = document.createElement("span");
			sym.className = "sym";
			sym.textContent = data.symbol;
			span.appendChild(sym);
			span.appendChild(document.createTextNode(" "));
		}
		span.appendChild(document.createTextNode(data.label));
		out.appendChild(span);
		if (data.text) {
			out.appendChild(document.createTextNode(" "));
			var why = document.createElement("span");
			why.className = "reason";
			why.textContent = data.text;
			out.appendChild(why);
		}
	}

	function preview(input) {
		var out = document.getElementById("status-" + input.dataset.indicator);
		if (!out) return;
		var url = "/utfall/status?indikator=" + encodeURIComponent(input.dataset.indicator) +
			"&period=" + encodeURIComponent(input.dataset.period) +
			"&utfall=" + encodeURIComponent(input.value);
		var seq = (input.rtSeq || 0) + 1;
		input.rtSeq = seq;
		fetch(url, { headers: { "Accept": "application/json" } })
			.then(function (r) { return r.ok ? r.json() : null; })
			.then(function (data) {
				if (data && input.rtSeq === seq) showStatus(out, data);
			})
			.catch(function () { /* the saved status stays shown */ });
	}

	function setupOutcomeForm(form) {
		var timers = {};
		form.querySelectorAll("input[data-indicator]").forEach(function (input) {
			input.addEventListener("input", function () {
				clearTimeout(timers[input.id]);
				timers[input.id] = setTimeout(function () { preview(input); }, 200);
			});
		});
	}

	document.addEventListener("DOMContentLoaded", function () {
		document.querySelectorAll("form.outcomes").forEach(setupOutcomeForm);
	});
})();
