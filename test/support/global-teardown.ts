export default async function globalTeardown(): Promise<void> {
  await globalThis.__VIGIE_REDIS__?.stop();
}
