// The REST client of the itu_nb server extension (spec §5: {base_url}itu-nb/api/...).
// ServerConnection.makeRequest adds the token and the XSRF header that every non-GET needs.
import { URLExt } from "@jupyterlab/coreutils";
import { ServerConnection } from "@jupyterlab/services";

/** An error the server reported as JSON ({"error": {"kind", "message"}}), or a failed request. */
export class ItuApiError extends Error {
  /**
   * @param {string} kind the ItuNbError subclass, "forbidden", "not-found", or "network"/"http"
   * @param {string} message what the analyst reads
   * @param {number} status the HTTP status (0 when the server was not reached)
   */
  constructor(kind, message, status) {
    super(message);
    this.name = "ItuApiError";
    this.kind = kind;
    this.status = status;
  }
}

/**
 * Call one endpoint and return its JSON; throw an ItuApiError carrying the server's message.
 * @param {string} endpoint "open", "proposal", "review", "compare", "export" or "notebook"
 * @param {{method?: string, query?: Record<string, string>, body?: unknown}} [options]
 * @returns {Promise<any>}
 */
export async function api(endpoint, { method = "GET", query, body } = {}) {
  const settings = ServerConnection.makeSettings();
  let url = URLExt.join(settings.baseUrl, "itu-nb", "api", endpoint);
  if (query) url += URLExt.objectToQueryString(query);
  /** @type {RequestInit} */
  const init = { method };
  if (body !== undefined) {
    init.body = JSON.stringify(body);
    init.headers = { "Content-Type": "application/json" };
  }
  let response;
  try {
    response = await ServerConnection.makeRequest(url, init, settings);
  } catch (e) {
    throw new ItuApiError("network", `The Jupyter server could not be reached (${endpoint}): ${String(e)}`, 0);
  }
  const text = await response.text();
  let data = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    data = null;
  }
  if (!response.ok) {
    const err = data && data.error;
    if (err && err.message) throw new ItuApiError(String(err.kind ?? "error"), String(err.message), response.status);
    const hint = response.status === 404 && !data
      ? " (is the itu_nb server extension enabled? `jupyter server extension list` should show itu_nb)"
      : "";
    throw new ItuApiError("http", `${method} ${endpoint}: HTTP ${response.status} ${response.statusText}${hint}`,
      response.status);
  }
  if (data === null) throw new ItuApiError("http", `${method} ${endpoint}: the server sent no JSON`, response.status);
  return data;
}
