"""Problems a writer wants to know about before the build: lengths, links, images, schema."""
