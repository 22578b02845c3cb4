/* sitrep event page: one event, the article with the evidence behind each value highlighted,
 * its claims and alternatives, and the analyst's review (confirm, reject, correct a field).
 */
"use strict";

(() => {
  const { el, api } = Sitrep;
  const eventId = decodeURIComponent(window.location.pathname.split("/").pop());
  const statusLine = document.getElementById("status");
  const message = document.getElementById("review-message");
  const state = { config: null, detail: null };

  function actorText(actor) {
    if (!actor) return "–";
    const parts = [`${actor.name} (inter ${actor.inter})`];
    if (actor.status !== "stated") parts.push(`${actor.status}${actor.attributed_by ? " by " + actor.attributed_by : ""}`);
    return parts.join(" — ");
  }

  function placeText(place) {
    if (!place) return "–";
    const where = [place.place_name || place.name, place.admin2, place.admin1, place.country].filter(Boolean);
    const coords = place.latitude !== null && place.longitude !== null
      ? ` (${place.latitude.toFixed(3)}, ${place.longitude.toFixed(3)})` : " (no coordinates)";
    return `${where.join(", ")}${coords}; geo_precision ${place.geo_precision}${place.resolved ? "" : ", not found in the gazetteer"}`;
  }

  function tollText(toll) {
    if (!toll) return "–";
    const range = Sitrep.formatToll(toll.low, toll.best, toll.high);
    const notes = [];
    if (toll.best !== null && toll.best !== undefined) notes.push(`best ${toll.best}`);
    if (toll.qualifier) notes.push(toll.qualifier);
    if (toll.provisional) notes.push("provisional");
    if (toll.contested) notes.push("contested");
    const groups = Object.entries(toll.by_group || {}).map(([g, n]) => `${n} ${g}`);
    if (groups.length) notes.push(`of whom ${groups.join(", ")}`);
    return notes.length ? `${range} (${notes.join("; ")})` : range;
  }

  function fact(key, label, value, corrected) {
    const swatch = key ? el("mark", { class: `ev ev-${key} key`, "aria-hidden": "true" }, " ") : null;
    return [
      el("dt", {}, swatch, label),
      el("dd", { dataset: { field: label } }, value, corrected ? el("span", { class: "badge", title: "corrected by an analyst" }, " ✎ corrected") : null),
    ];
  }

  function renderFacts(detail) {
    const e = detail.event;
    const corrected = new Set(detail.review.corrections.map((c) => c.field.split(".")[0]));
    const date = e.date ? `${e.date.value} (${e.date.precision})${e.date.expression ? ` — “${e.date.expression}”` : ""}` : "unknown";
    const assoc = (list) => (list || []).map((a) => a.name).join("; ");
    document.getElementById("facts").replaceChildren(
      ...fact("type", "Type", `${e.event_type} / ${e.sub_event_type}`, corrected.has("sub_event_type")),
      ...fact("role", "Role", e.role, corrected.has("role")),
      ...fact("date", "Date", date, corrected.has("date")),
      ...fact("location", "Location", placeText(e.location), corrected.has("location")),
      ...fact("actor1", "Actor 1", actorText(e.actor1), corrected.has("actor1")),
      ...(e.assoc_actor_1.length ? fact("actor1", "With actor 1", assoc(e.assoc_actor_1)) : []),
      ...fact("actor2", "Actor 2", actorText(e.actor2), corrected.has("actor2")),
      ...(e.assoc_actor_2.length ? fact("actor2", "With actor 2", assoc(e.assoc_actor_2)) : []),
      ...fact(null, "Interaction", String(detail.interaction)),
      ...fact("fatalities", "Fatalities", tollText(e.fatalities), corrected.has("fatalities")),
      ...fact("injuries", "Injuries", tollText(e.injuries), corrected.has("injuries")),
      ...fact(null, "Civilian targeting", e.civilian_targeting ? "yes" : "no", corrected.has("civilian_targeting")),
      ...(e.targets.length ? fact(null, "Targets", e.targets.join("; ")) : []),
      ...fact(null, "Notes", e.summary || "–", corrected.has("summary")),
      ...fact(null, "Confidence", e.confidence.toFixed(2)),
    );
  }

  function renderAlternatives(e) {
    const items = [];
    const toll = e.fatalities || {};
    if (toll.contested || (toll.low !== null && toll.high !== null && toll.low !== toll.high)) {
      const range = toll.low !== null && toll.low === toll.high ? `${toll.low} killed` : `between ${toll.low ?? "?"} and ${toll.high ?? "?"} killed`;
      items.push(`Contested toll: ${range}${toll.best !== null && toll.low !== toll.high ? `, best estimate ${toll.best}` : ""}; the claims below disagree.`);
    }
    for (const claim of e.claims || []) {
      if (claim.killed !== null && claim.killed !== undefined && claim.killed !== toll.best) {
        items.push(`${claim.claimant} gives ${claim.killed} killed.`);
      }
    }
    const actors = [e.actor1, ...(e.assoc_actor_1 || []), e.actor2, ...(e.assoc_actor_2 || [])].filter(Boolean);
    for (const actor of actors) {
      if (actor.status === "alleged") items.push(`Alleged perpetrator: ${actor.name}${actor.attributed_by ? `, according to ${actor.attributed_by}` : ""}.`);
      if (actor.status === "claimed") items.push(`Claimed by ${actor.name} itself.`);
    }
    for (const claim of e.claims || []) {
      if (claim.kind === "denial") items.push(`${claim.claimant} denies${claim.about_actor ? ` (about ${claim.about_actor})` : ""}: ${claim.says}`);
      if (claim.kind === "accusation") items.push(`${claim.claimant} blames ${claim.about_actor || "another party"}.`);
      if (claim.kind === "no_comment") items.push(`${claim.claimant} did not comment.`);
    }
    const box = document.getElementById("alternatives");
    box.replaceChildren(items.length ? el("ul", {}, items.map((t) => el("li", {}, t))) : el("p", { class: "hint" }, "No competing figures or attributions in this report."));
  }

  function renderClaims(e) {
    const rows = (e.claims || []).map((c, i) =>
      el("tr", { dataset: { claim: String(i) }, onclick: () => jumpTo(c.sentence) },
        el("td", {}, c.claimant, c.claimant_type ? el("span", { class: "hint" }, ` (${c.claimant_type})`) : null),
        el("td", {}, c.kind),
        el("td", { class: "n" }, c.killed ?? "–"),
        el("td", { class: "n" }, c.injured ?? "–"),
        el("td", {}, c.about_actor || "–"),
        el("td", {}, c.says || (c.sentence && c.sentence.text) || "–")));
    document.querySelector("#claims tbody").replaceChildren(
      ...(rows.length ? rows : [el("tr", {}, el("td", { colspan: "6", class: "hint" }, "No claims recorded."))]));
  }

  function jumpTo(span) {
    if (!span) return;
    const marks = [...document.querySelectorAll("#article-text mark")];
    const target = marks.find((m) => m.title.includes("Claim") && m.textContent && span.text.includes(m.textContent.trim()));
    if (target) {
      target.scrollIntoView({ block: "center", behavior: "smooth" });
      target.classList.add("flash");
      setTimeout(() => target.classList.remove("flash"), 1500);
    }
  }

  function safeUrl(url) {
    try {
      const parsed = new URL(url);
      return parsed.protocol === "http:" || parsed.protocol === "https:" ? parsed.href : null;
    } catch (_) {
      return null;
    }
  }

  function renderArticle(detail) {
    const article = detail.article;
    document.getElementById("article-title").textContent = article.title || "Untitled article";
    const url = article.url ? safeUrl(article.url) : null;
    const meta = [article.source, article.published ? `published ${article.published}` : null, `article ${article.id.slice(0, 12)}…`];
    document.getElementById("article-meta").replaceChildren(
      meta.filter(Boolean).join(" · "),
      ...(url ? [" · ", el("a", { href: url, rel: "noopener noreferrer", target: "_blank" }, "original")] : []),
    );
    document.getElementById("legend").replaceChildren(...Evidence.legend());
    document.getElementById("article-text").replaceChildren(...Evidence.highlight(article.text, Evidence.spansOf(detail.event)));
  }

  function renderReview(detail) {
    const review = detail.review;
    const badge = el("span", { class: `review ${review.status}` }, review.status);
    document.getElementById("review-state").replaceChildren("Review: ", badge, review.status_by ? ` by ${review.status_by}` : "");
    document.getElementById("corrections").replaceChildren(...(review.corrections.length
      ? review.corrections.map((c) => el("li", { dataset: { field: c.field } },
        el("code", {}, c.field), ` = ${JSON.stringify(c.value)} (was ${JSON.stringify(c.original)}) by ${c.author} `,
        el("button", { type: "button", class: "small", onclick: () => act(() => api(`/api/events/${encodeURIComponent(eventId)}/corrections/${encodeURIComponent(c.field)}`, { method: "DELETE" }), "Correction reverted.") }, "Revert")))
      : [el("li", { class: "hint" }, "None.")]));
    document.getElementById("history").replaceChildren(...(review.history.length
      ? review.history.map((h) => el("li", {}, `${h.at} — ${h.author}: ${h.action}${h.field ? " " + h.field : ""} ${JSON.stringify(h.before)} → ${JSON.stringify(h.after)}${h.note ? ` (“${h.note}”)` : ""}`))
      : [el("li", { class: "hint" }, "No review actions yet.")]));
  }

  function render(detail) {
    state.detail = detail;
    const e = detail.event;
    const place = e.location ? e.location.place_name || e.location.name : "place unknown";
    document.getElementById("headline").textContent = `${e.sub_event_type} — ${place}, ${e.date ? e.date.value : "date unknown"}`;
    document.title = `sitrep — ${e.sub_event_type}, ${place}`;
    renderFacts(detail);
    renderAlternatives(e);
    renderClaims(e);
    renderArticle(detail);
    renderReview(detail);
    const incidents = detail.incidents || [];
    document.getElementById("incidents").hidden = !incidents.length;
    document.getElementById("incident-list").replaceChildren(...incidents.map(incidentLine));
    document.getElementById("event").hidden = false;
    document.body.dataset.ready = "true";
  }

  // One incident this report belongs to: its id (a link to the incident's record), how many
  // reports and outlets it has, and its toll as a range, flagged when the claims disagree.
  function incidentLine(i) {
    const f = i.fatalities || {};
    const range = f.best == null ? "toll unknown"
      : (f.low != null && f.high != null && f.low !== f.high ? `${f.best} killed (${f.low}–${f.high})` : `${f.best} killed`);
    const parts = [
      `${i.n_reports || 1} report(s) from ${i.n_sources || 1} outlet(s)`,
      range + (f.contested ? ", contested" : ""),
      i.date ? String(i.date) : "",
      i.place ? String(i.place) : "",
    ].filter(Boolean);
    return el("li", {}, [
      el("a", { href: `/api/incidents/${encodeURIComponent(String(i.id))}` }, String(i.id)),
      " — " + parts.join(" · "),
    ]);
  }

  // -- review actions ------------------------------------------------------------------------
  async function act(call, done) {
    message.textContent = "";
    try {
      render(await call());
      message.replaceChildren(el("span", { class: "ok" }, done));
    } catch (error) {
      Sitrep.showError(message, error);
    }
  }

  function valueInput(spec) {
    if (spec.kind === "choice" || spec.kind === "boolean") {
      const options = spec.kind === "boolean" ? ["true", "false"] : spec.choices;
      return el("select", { name: "value", id: "correct-value" }, options.map((o) => el("option", { value: o }, o)));
    }
    const type = ["count", "integer", "number"].includes(spec.kind) ? "number" : "text";
    return el("input", { name: "value", id: "correct-value", type, step: spec.kind === "number" ? "any" : "1", placeholder: spec.kind === "count" ? "empty = unknown" : "" });
  }

  function parseValue(spec, raw) {
    if (spec.kind === "boolean") return raw === "true";
    if (["count", "integer"].includes(spec.kind)) return raw.trim() === "" ? null : Number.parseInt(raw, 10);
    if (spec.kind === "number") return raw.trim() === "" ? null : Number.parseFloat(raw);
    if (spec.kind === "date") return raw.trim() || null;
    return raw;
  }

  function wireReview(config) {
    const select = document.getElementById("correct-field");
    const specs = Object.fromEntries(config.correctable.map((s) => [s.field, s]));
    select.replaceChildren(...config.correctable.map((s) => el("option", { value: s.field }, s.label)));
    const slot = document.getElementById("correct-value-slot");
    const refreshInput = () => slot.replaceChildren(valueInput(specs[select.value]));
    select.addEventListener("change", refreshInput);
    refreshInput();
    const base = `/api/events/${encodeURIComponent(eventId)}`;
    document.getElementById("confirm").addEventListener("click", () => act(() => api(`${base}/confirm`, { method: "POST", json: {} }), "Confirmed."));
    document.getElementById("reject").addEventListener("click", () => act(() => api(`${base}/reject`, { method: "POST", json: {} }), "Rejected."));
    document.getElementById("reopen").addEventListener("click", () => act(() => api(`${base}/reopen`, { method: "POST", json: {} }), "Reopened."));
    document.getElementById("correct").addEventListener("submit", (event) => {
      event.preventDefault();
      const form = event.target;
      const spec = specs[select.value];
      const body = { field: spec.field, value: parseValue(spec, form.elements.value.value), note: form.elements.note.value || null };
      act(() => api(`${base}/corrections`, { method: "POST", json: body }), `Saved: ${spec.label}.`);
    });
    if (!config.writes_enabled) {
      message.textContent = "This server is read-only (no API token configured).";
      for (const b of document.querySelectorAll(".review-panel button")) b.disabled = true;
    }
  }

  // -- sign in -------------------------------------------------------------------------------
  async function refreshWho() {
    const who = document.getElementById("who");
    const signedIn = Boolean(Sitrep.token());
    document.getElementById("signout-button").hidden = !signedIn;
    document.getElementById("token").hidden = document.getElementById("signin-button").hidden = signedIn;
    if (!signedIn) {
      who.textContent = "";
      return;
    }
    try {
      const me = await api("/api/me");
      who.textContent = me.analyst ? `signed in as ${me.analyst}` : "token not accepted";
    } catch (error) {
      who.textContent = error.message;
    }
  }

  async function start() {
    const last = window.sessionStorage.getItem("sitrep.desk");
    if (last && last.startsWith("/")) document.getElementById("back").href = last;
    document.getElementById("signin").addEventListener("submit", (event) => {
      event.preventDefault();
      Sitrep.setToken(document.getElementById("token").value.trim());
      document.getElementById("token").value = "";
      refreshWho();
    });
    document.getElementById("signout-button").addEventListener("click", () => { Sitrep.setToken(""); refreshWho(); });
    refreshWho();
    try {
      const [config, detail] = await Promise.all([api("/api/config"), api(`/api/events/${encodeURIComponent(eventId)}`)]);
      state.config = config;
      wireReview(config);
      render(detail);
    } catch (error) {
      Sitrep.showError(statusLine, error);
      document.body.dataset.ready = "error";
    }
  }

  start();
})();
