import { defineCollection, reference, z } from 'astro:content';
import { glob } from 'astro/loaders';

// One sentence per site language explaining why a post is related.
const reason = z.object({
  ko: z.string(),
  ja: z.string(),
  en: z.string(),
  zh: z.string(),
});

const blog = defineCollection({
  // Entries are keyed "<lang>/<slug>"; the same slug exists in every language folder.
  loader: glob({ base: './src/content/blog', pattern: '**/*.{md,mdx}' }),
  schema: ({ image }) =>
    z.object({
      title: z.string(),
      description: z.string(),
      pubDate: z.coerce.date(),
      updatedDate: z.coerce.date().optional(),
      heroImage: image().optional(),
      tags: z.array(z.string()).default([]),
      draft: z.boolean().optional(),
      noindex: z.boolean().optional(),
      relatedPosts: z
        .array(
          z.object({
            slug: z.string(),
            score: z.number().min(0).max(1),
            reason,
          }),
        )
        .optional(),
      faq: z
        .array(
          z.object({
            question: z.string(),
            answer: z.string(),
          }),
        )
        .optional(),
    }),
});

export const collections = { blog };
