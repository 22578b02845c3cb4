/* sitrep web app: helpers shared by the desk and the event page.
 *
 * Every text that comes from the database (article text, names, notes) is untrusted: it is put
 * into the page with textContent or as attribute values, never parsed as HTML. `el` is the only
 * way this app builds DOM.
 */
"use strict";

const Sitrep = (() => {
  const TOKEN_KEY = "sitrep.token";

  const TYPE_COLOURS = {
    "Battles": "#c0392b",
    "Explosions/Remote violence": "#e67e22",
    "Violence against civilians": "#8e44ad",
    "Protests": "#2471a3",
    "Riots": "#138d75",
    "Strategic developments": "#707b7c",
  };

  /** Build an element: el("td", {class: "n", title: t}, child, "text", ...). Strings are text. */
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (key.startsWith("on") && typeof value === "function") {
        node.addEventListener(key.slice(2), value);
      } else if (key === "dataset") {
        Object.assign(node.dataset, value);
      } else {
        node.setAttribute(key, value === true ? "" : String(value));
      }
    }
    for (const child of children.flat()) {
      if (child === null || child === undefined || child === false) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  function token() {
    return window.localStorage.getItem(TOKEN_KEY) || "";
  }

  function setToken(value) {
    if (value) window.localStorage.setItem(TOKEN_KEY, value);
    else window.localStorage.removeItem(TOKEN_KEY);
  }

  class ApiError extends Error {
    constructor(body, status) {
      const error = (body && body.error) || {};
      super(error.message || `HTTP ${status}`);
      this.code = error.code || "E000";
      this.status = status;
    }
  }

  /** Call the API; JSON in and out; throws ApiError with the server's message. */
  async function api(path, options = {}) {
    const headers = Object.assign({ Accept: "application/json" }, options.headers || {});
    const bearer = token();
    if (bearer) headers.Authorization = `Bearer ${bearer}`;
    const init = { method: options.method || "GET", headers };
    if (options.json !== undefined) {
      headers["Content-Type"] = "application/json";
      init.body = JSON.stringify(options.json);
    }
    const response = await fetch(path, init);
    const text = await response.text();
    let body = null;
    try {
      body = text ? JSON.parse(text) : null;
    } catch (_) {
      body = null;
    }
    if (!response.ok) throw new ApiError(body, response.status);
    return body;
  }

  function typeColour(eventType) {
    return TYPE_COLOURS[eventType] || "#444";
  }

  function formatDate(row) {
    if (!row.date) return "date unknown";
    if (row.date_precision === "month") return row.date_start.slice(0, 7) + " (month)";
    if (row.date_precision === "week") return `${row.date_start} – ${row.date_end}`;
    if (row.date_precision === "year") return row.date_start.slice(0, 4) + " (year)";
    return row.date;
  }

  function formatToll(low, best, high) {
    if (best === null && low === null && high === null) return "–";
    const values = [low, best, high].filter((v) => v !== null && v !== undefined);
    const min = Math.min(...values);
    const max = Math.max(...values);
    return min === max ? String(min) : `${min}–${max}`;
  }

  /** Show an error in the page's status line (or alert area). */
  function showError(target, error) {
    target.replaceChildren(
      el("span", { class: "error", role: "alert" }, error.code ? `${error.code}: ` : "", error.message)
    );
  }

  return { el, api, token, setToken, ApiError, typeColour, formatDate, formatToll, showError, TYPE_COLOURS };
})();
