// The renderer built unminified, for readable names in `bench:ui --profile` CPU profiles:
//   npx electron-vite build -c bench/electron.vite.profile.config.ts && npx tsx bench/ui.ts --profile DIR
import base from '../electron.vite.config';

const config = base as unknown as { renderer: { build: Record<string, unknown> } };
config.renderer.build['minify'] = false;
export default base;
