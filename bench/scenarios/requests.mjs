// Requests scenarios (a liaison officer's list, a staff triage queue, submitRequest): added once the
// requests API and its dataset part exist.
export async function requestScenarios() {
  return [];
}
