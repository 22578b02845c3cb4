/* Evidence: the spans behind each value of an event, and the article text with them highlighted.
 *
 * Span offsets count Unicode code points (Python's str indices), so the text is split with
 * Array.from before slicing: an emoji before a span does not shift the highlight.
 */
"use strict";

const Evidence = (() => {
  const { el } = Sitrep;

  // field key -> label; the order decides which colour shows where spans overlap
  const FIELDS = [
    ["fatalities", "Fatalities"],
    ["injuries", "Injuries"],
    ["actor1", "Actor 1"],
    ["actor2", "Actor 2"],
    ["location", "Location"],
    ["date", "Date"],
    ["type", "Event type"],
    ["role", "Role (background)"],
    ["claim", "Claim"],
  ];
  const PRIORITY = Object.fromEntries(FIELDS.map(([key], i) => [key, i]));
  const LABEL = Object.fromEntries(FIELDS);

  /** Every evidence span of the event as {start, end, key, label}. */
  function spansOf(event) {
    const spans = [];
    const add = (key, list, label) => {
      for (const s of list || []) spans.push({ start: s.start, end: s.end, key, label: label || LABEL[key] });
    };
    add("type", event.type_evidence, `Event type: ${event.sub_event_type}`);
    if (event.date) add("date", event.date.evidence, `Date: ${event.date.value}`);
    if (event.location) add("location", event.location.evidence, `Location: ${event.location.name}`);
    if (event.actor1) add("actor1", event.actor1.evidence, `Actor 1: ${event.actor1.name}`);
    for (const a of event.assoc_actor_1 || []) add("actor1", a.evidence, `Associated with actor 1: ${a.name}`);
    if (event.actor2) add("actor2", event.actor2.evidence, `Actor 2: ${event.actor2.name}`);
    for (const a of event.assoc_actor_2 || []) add("actor2", a.evidence, `Associated with actor 2: ${a.name}`);
    add("fatalities", event.fatalities && event.fatalities.evidence);
    add("injuries", event.injuries && event.injuries.evidence);
    add("role", event.role_evidence);
    for (const claim of event.claims || []) {
      if (claim.sentence) add("claim", [claim.sentence], `Claim by ${claim.claimant}`);
    }
    return spans;
  }

  /** The article text as nodes: plain text, and <mark> for each stretch covered by spans. */
  function highlight(text, spans) {
    const chars = Array.from(text);
    const cuts = new Set([0, chars.length]);
    for (const s of spans) {
      if (s.start >= 0 && s.end <= chars.length && s.start < s.end) {
        cuts.add(s.start);
        cuts.add(s.end);
      }
    }
    const points = [...cuts].sort((a, b) => a - b);
    const nodes = [];
    for (let i = 0; i < points.length - 1; i++) {
      const [from, to] = [points[i], points[i + 1]];
      const piece = chars.slice(from, to).join("");
      const covering = spans.filter((s) => s.start <= from && s.end >= to);
      if (!covering.length) {
        nodes.push(document.createTextNode(piece));
        continue;
      }
      covering.sort((a, b) => PRIORITY[a.key] - PRIORITY[b.key]);
      const keys = [...new Set(covering.map((s) => s.key))];
      const titles = [...new Set(covering.map((s) => s.label))];
      nodes.push(el("mark", { class: `ev ev-${keys[0]}`, title: titles.join("\n"), dataset: { fields: keys.join(" ") } }, piece));
    }
    return nodes;
  }

  function legend() {
    return FIELDS.map(([key, label]) => el("span", { class: `item` }, el("mark", { class: `ev ev-${key}` }, label)));
  }

  return { spansOf, highlight, legend };
})();
