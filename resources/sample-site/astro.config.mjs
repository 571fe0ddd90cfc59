// @ts-check
import { defineConfig } from 'astro/config';

export default defineConfig({
  site: 'https://example.com',
  i18n: {
    locales: ['ko', 'ja', 'en', 'zh'],
    defaultLocale: 'ko',
    routing: {
      prefixDefaultLocale: true,
    },
  },
});
