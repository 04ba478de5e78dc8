// The requests part of the scale dataset: 1,000,000 requests with timelines, once the requests tables exist.
export const requestsVersion = 'requests-v0';

export async function generateRequests() {
  console.log('requests: the requests tables exist but this generator does not know them yet — skipped');
}
