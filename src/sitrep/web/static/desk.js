/* sitrep analyst's desk: one filter drives the map, the weekly timeline and the event table.
 * The filter lives in the URL (history.replaceState), so a view can be shared by its address.
 */
"use strict";

(() => {
  const { el, api } = Sitrep;
  const FILTER_FIELDS = [
    "q", "country", "admin1", "since", "until", "event_type", "sub_event_type", "actor",
    "civilian_targeting", "role", "review", "min_fatalities",
  ];
  const DEFAULTS = { role: "reported", review: "default" };
  const form = document.getElementById("filters");
  const statusLine = document.getElementById("status");
  const tbody = document.querySelector("#events tbody");
  const moreButton = document.getElementById("more");
  const state = { sort: "-date", cursor: null, config: null, map: null, cluster: null, loading: 0 };

  // -- the filter <-> the URL ----------------------------------------------------------------
  function filterParams() {
    const params = new URLSearchParams();
    for (const name of FILTER_FIELDS) {
      const value = (form.elements[name].value || "").trim();
      if (value && value !== DEFAULTS[name]) params.set(name, value);
    }
    if (form.elements.in_view.checked && state.map) {
      const b = state.map.getBounds();
      const clamp = (v, lo, hi) => Math.min(hi, Math.max(lo, v));
      params.set("bbox", [
        clamp(b.getWest(), -180, 180), clamp(b.getSouth(), -90, 90),
        clamp(b.getEast(), -180, 180), clamp(b.getNorth(), -90, 90),
      ].map((v) => v.toFixed(4)).join(","));
    }
    return params;
  }

  function writeUrl() {
    const params = filterParams();
    if (state.sort !== "-date") params.set("sort", state.sort);
    const query = params.toString();
    const url = query ? `/?${query}` : "/";
    history.replaceState(null, "", url);
    window.sessionStorage.setItem("sitrep.desk", url);
  }

  function readUrl() {
    const params = new URLSearchParams(window.location.search);
    for (const name of FILTER_FIELDS) {
      if (params.has(name)) form.elements[name].value = params.get(name);
    }
    state.sort = params.get("sort") || "-date";
    return params.get("bbox");
  }

  // -- filters' choices ----------------------------------------------------------------------
  function fillChoices(config, facets) {
    const country = form.elements.country;
    for (const c of facets.countries) {
      country.append(el("option", { value: c.code }, `${c.name} (${c.events})`));
    }
    const admin1 = document.getElementById("admin1-list");
    for (const a of facets.admin1) admin1.append(el("option", { value: a.name }));
    const types = form.elements.event_type;
    const subTypes = form.elements.sub_event_type;
    for (const [type, subs] of Object.entries(config.event_types)) {
      types.append(el("option", { value: type }, type));
      subTypes.append(el("optgroup", { label: type }, subs.map((s) => el("option", { value: s }, s))));
    }
  }

  // -- loading -------------------------------------------------------------------------------
  function busy(delta) {
    state.loading += delta;
    document.body.classList.toggle("loading", state.loading > 0);
    document.body.dataset.loading = String(state.loading);
  }

  async function guarded(task) {
    busy(1);
    try {
      await task();
    } catch (error) {
      Sitrep.showError(statusLine, error);
    } finally {
      busy(-1);
    }
  }

  function reloadAll({ map = true } = {}) {
    writeUrl();
    updateDownloads();
    const tasks = [loadTable(true), loadTotals(), loadTimeline()];
    if (map) tasks.push(loadMap());
    return Promise.all(tasks);
  }

  function updateDownloads() {
    const query = filterParams().toString();
    for (const kind of ["csv", "jsonl", "geojson"]) {
      document.getElementById(`dl-${kind}`).href = `/api/events.${kind}${query ? "?" + query : ""}`;
    }
  }

  function loadTotals() {
    return guarded(async () => {
      const totals = await api(`/api/events/totals?${filterParams()}`);
      document.getElementById("totals").textContent =
        `${totals.events.toLocaleString()} events · ${totals.fatalities.toLocaleString()} fatalities`;
    });
  }

  // -- table ---------------------------------------------------------------------------------
  function eventRow(row) {
    const swatch = el("span", { class: "swatch", "aria-hidden": "true" });
    swatch.style.background = Sitrep.typeColour(row.event_type);
    const place = [row.location_name, row.admin1, row.country].filter(Boolean).join(", ");
    const actors = [row.actor1, row.actor2].filter(Boolean).join(" — ");
    return el(
      "tr",
      { dataset: { id: row.id }, class: row.review_status },
      el("td", {}, el("a", { href: `/events/${encodeURIComponent(row.id)}`, class: "open" }, Sitrep.formatDate(row))),
      el("td", { title: row.event_type }, swatch, row.sub_event_type, row.role === "background" ? el("em", {}, " (background)") : null),
      el("td", {}, actors || "–"),
      el("td", {}, place || "–"),
      el("td", { class: "n" }, row.fatalities, row.corrected ? el("span", { class: "badge", title: "corrected by an analyst" }, "✎") : null),
      el("td", {}, el("span", { class: `review ${row.review_status}` }, row.review_status)),
    );
  }

  function loadTable(reset) {
    return guarded(async () => {
      if (reset) state.cursor = null;
      const params = filterParams();
      params.set("sort", state.sort);
      params.set("limit", "100");
      if (state.cursor) params.set("cursor", state.cursor);
      const page = await api(`/api/events?${params}`);
      const rows = page.items.map(eventRow);
      if (reset) tbody.replaceChildren(...rows);
      else tbody.append(...rows);
      state.cursor = page.next_cursor;
      moreButton.hidden = !page.next_cursor;
      statusLine.textContent = tbody.children.length
        ? `Showing ${tbody.children.length} events${page.next_cursor ? " (more below)" : ""}`
        : "No events match this filter.";
      for (const button of document.querySelectorAll("button.sort")) {
        const key = button.dataset.sort;
        const mark = state.sort === key ? " ▲" : state.sort === `-${key}` ? " ▼" : "";
        button.textContent = button.textContent.replace(/ [▲▼]$/, "") + mark;
      }
    });
  }

  // -- timeline ------------------------------------------------------------------------------
  function svg(tag, attrs) {
    const node = document.createElementNS("http://www.w3.org/2000/svg", tag);
    for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
    return node;
  }

  function weeksBetween(first, last) {
    const weeks = [];
    const day = new Date(`${first}T00:00:00Z`);
    const end = new Date(`${last}T00:00:00Z`);
    while (day <= end && weeks.length < 2000) {
      weeks.push(day.toISOString().slice(0, 10));
      day.setUTCDate(day.getUTCDate() + 7);
    }
    return weeks;
  }

  function drawTimeline(rows) {
    const box = document.getElementById("timeline");
    if (!rows.length) {
      box.replaceChildren(el("p", { class: "hint" }, "No dated events."));
      return;
    }
    const byWeek = new Map(rows.map((r) => [r.key, r]));
    const weeks = weeksBetween(rows[0].key, rows[rows.length - 1].key);
    const width = Math.max(300, box.clientWidth || 800);
    const height = 120;
    const pad = { left: 36, right: 36, top: 8, bottom: 20 };
    const maxEvents = Math.max(1, ...rows.map((r) => r.events));
    const maxDead = Math.max(1, ...rows.map((r) => r.fatalities));
    const step = (width - pad.left - pad.right) / weeks.length;
    const y = (v, max) => pad.top + (height - pad.top - pad.bottom) * (1 - v / max);
    const chart = svg("svg", { width, height, role: "img", "aria-label": "Events and fatalities per week" });
    const line = [];
    weeks.forEach((week, i) => {
      const row = byWeek.get(week) || { events: 0, fatalities: 0 };
      const x = pad.left + i * step;
      const bar = svg("rect", {
        x: x + 0.5, y: y(row.events, maxEvents), width: Math.max(1, step - 1),
        height: height - pad.bottom - y(row.events, maxEvents), class: "bar",
      });
      bar.dataset.week = week;
      const title = svg("title", {});
      title.textContent = `week of ${week}: ${row.events} events, ${row.fatalities} fatalities`;
      bar.append(title);
      bar.addEventListener("click", () => zoomToWeek(week));
      chart.append(bar);
      line.push(`${x + step / 2},${y(row.fatalities, maxDead)}`);
      const month = week.slice(0, 7);
      const newMonth = i === 0 || weeks[i - 1].slice(0, 7) !== month;
      if (newMonth && (weeks.length < 60 || week.slice(5, 7) === "01")) {
        const label = svg("text", { x, y: height - 6, class: "axis" });
        label.textContent = weeks.length < 60 ? month : week.slice(0, 4);
        chart.append(label);
      }
    });
    chart.append(svg("polyline", { points: line.join(" "), class: "deaths" }));
    const left = svg("text", { x: 2, y: pad.top + 8, class: "axis" });
    left.textContent = String(maxEvents);
    const right = svg("text", { x: width - pad.right + 4, y: pad.top + 8, class: "axis deaths-label" });
    right.textContent = `${maxDead} †`;
    chart.append(left, right);
    box.replaceChildren(chart);
  }

  function zoomToWeek(week) {
    const end = new Date(`${week}T00:00:00Z`);
    end.setUTCDate(end.getUTCDate() + 6);
    form.elements.since.value = week;
    form.elements.until.value = end.toISOString().slice(0, 10);
    reloadAll();
  }

  function loadTimeline() {
    return guarded(async () => {
      const rows = await api(`/api/aggregates?by=week&${filterParams()}`);
      drawTimeline(rows);
    });
  }

  // -- map -----------------------------------------------------------------------------------
  function setupMap(config) {
    if (!window.L || !config.basemap_available) {
      const note = document.getElementById("map-note");
      note.hidden = false;
      note.textContent = "The map library is not installed on this server (run scripts/setup-browser). The table and timeline work.";
      return;
    }
    const map = L.map("map", { worldCopyJump: true, minZoom: 1, maxZoom: 14 }).setView([14, 15], 3);
    const layers = {};
    fetch("/vendor/countries-110m.json").then((r) => r.json()).then((topo) => {
      const land = L.geoJSON(topojson.feature(topo, topo.objects.countries), {
        style: { color: "#8a8a80", weight: 0.6, fillColor: "#efece3", fillOpacity: 1 },
        interactive: false, attribution: "Natural Earth (world-atlas)",
      });
      land.addTo(map);
      land.bringToBack();
      layers["Offline basemap (Natural Earth 1:110m)"] = land;
      if (config.tile_url) {
        const tiles = L.tileLayer(config.tile_url, { maxZoom: 18, attribution: "online tiles" });
        L.control.layers({ "Offline basemap": land, "Online tiles": tiles }).addTo(map);
      }
      document.getElementById("map").dataset.basemap = "ready";
    });
    state.map = map;
    state.cluster = L.markerClusterGroup({
      chunkedLoading: true, showCoverageOnHover: false, maxClusterRadius: 50,
      iconCreateFunction: clusterIcon,
    });
    map.addLayer(state.cluster);
    map.on("moveend", () => {
      if (form.elements.in_view.checked) reloadAll({ map: false });
    });
    drawLegend();
  }

  function drawLegend() {
    const legend = document.getElementById("legend");
    for (const [type, colour] of Object.entries(Sitrep.TYPE_COLOURS)) {
      const dot = el("span", { class: "dot", "aria-hidden": "true" });
      dot.style.background = colour;
      legend.append(el("span", { class: "item" }, dot, type));
    }
    legend.append(el("span", { class: "item hint" }, "size: fatalities"));
  }

  function radiusFor(fatalities) {
    return Math.min(26, 5 + Math.sqrt(fatalities) * 2);
  }

  function clusterIcon(cluster) {
    const markers = cluster.getAllChildMarkers();
    const counts = {};
    let dead = 0;
    for (const m of markers) {
      dead += m.options.fatalities;
      counts[m.options.eventType] = (counts[m.options.eventType] || 0) + 1;
    }
    const main = Object.entries(counts).sort((a, b) => b[1] - a[1])[0][0];
    const size = Math.round(Math.min(64, 26 + Math.sqrt(dead) * 1.5));
    const body = el("div", { class: "cluster", title: `${markers.length} events, ${dead} fatalities` }, el("span", {}, String(markers.length)));
    body.style.width = body.style.height = `${size}px`;
    body.style.background = Sitrep.typeColour(main);
    return L.divIcon({ html: body, className: "cluster-icon", iconSize: L.point(size, size) });
  }

  function popupFor(point) {
    const [id, , , fatalities, eventType, subType, date, location] = point;
    return el(
      "div", { class: "popup" },
      el("strong", {}, subType), el("br"),
      `${date || "date unknown"} · ${location || "place unknown"}`, el("br"),
      `${fatalities} fatalities · ${eventType}`, el("br"),
      el("a", { href: `/events/${encodeURIComponent(id)}` }, "Open event"),
    );
  }

  function loadMap() {
    if (!state.map) return Promise.resolve();
    return guarded(async () => {
      const params = filterParams();
      params.delete("bbox");
      const data = await api(`/api/events/points?limit=20000&${params}`);
      const markers = data.points.map((p) => {
        const d = 2 * radiusFor(p[3]);
        const dot = el("span", { class: "dot-marker" });
        dot.style.width = dot.style.height = `${d}px`;
        dot.style.background = Sitrep.typeColour(p[4]);
        const marker = L.marker([p[1], p[2]], {
          icon: L.divIcon({ html: dot, className: "event-icon", iconSize: L.point(d, d) }),
          fatalities: p[3], eventType: p[4], eventId: p[0],
        });
        marker.bindPopup(() => popupFor(p));
        return marker;
      });
      state.cluster.clearLayers();
      state.cluster.addLayers(markers);
      const note = document.getElementById("map-note");
      note.hidden = !data.truncated;
      note.textContent = data.truncated ? "The map shows the 20,000 newest matching events; narrow the filter to see the rest." : "";
      document.getElementById("map").dataset.points = String(markers.length);
    });
  }

  // -- sign in (the token is kept in this browser only) --------------------------------------
  async function refreshWho() {
    const who = document.getElementById("who");
    const signout = document.getElementById("signout-button");
    const input = document.getElementById("token");
    const button = document.getElementById("signin-button");
    if (!Sitrep.token()) {
      who.textContent = state.config && !state.config.writes_enabled ? "read-only server" : "";
      signout.hidden = true; input.hidden = button.hidden = false;
      return;
    }
    try {
      const me = await api("/api/me");
      who.textContent = me.analyst ? `signed in as ${me.analyst}` : "token not accepted";
    } catch (error) {
      who.textContent = error.message;
    }
    signout.hidden = false; input.hidden = button.hidden = true;
  }

  function wireSignin() {
    document.getElementById("signin").addEventListener("submit", (event) => {
      event.preventDefault();
      Sitrep.setToken(document.getElementById("token").value.trim());
      document.getElementById("token").value = "";
      refreshWho();
      if (state.config && state.config.read_needs_token) window.location.reload();
    });
    document.getElementById("signout-button").addEventListener("click", () => {
      Sitrep.setToken("");
      refreshWho();
    });
  }

  // -- start ---------------------------------------------------------------------------------
  async function start() {
    wireSignin();
    let timer = null;
    form.addEventListener("input", () => {
      clearTimeout(timer);
      timer = setTimeout(() => reloadAll(), 350);
    });
    form.addEventListener("reset", () => setTimeout(() => reloadAll(), 0));
    form.addEventListener("submit", (event) => { event.preventDefault(); reloadAll(); });
    moreButton.addEventListener("click", () => loadTable(false));
    for (const button of document.querySelectorAll("button.sort")) {
      button.addEventListener("click", () => {
        const key = button.dataset.sort;
        state.sort = state.sort === `-${key}` ? key : `-${key}`;
        writeUrl();
        loadTable(true);
      });
    }
    await guarded(async () => {
      const [config, facets] = await Promise.all([api("/api/config"), api("/api/facets")]);
      state.config = config;
      fillChoices(config, facets);
      const bbox = readUrl();
      setupMap(config);
      if (bbox && state.map) {
        const [w, s, e, n] = bbox.split(",").map(Number);
        state.map.fitBounds([[s, w], [n, e]]);
        form.elements.in_view.checked = true;
      }
      refreshWho();
      await reloadAll();
      document.body.dataset.ready = "true";
    });
  }

  start();
})();
