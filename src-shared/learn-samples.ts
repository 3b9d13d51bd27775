/**
 * The sample images Strata ships for the Learn lessons (resources/samples, made by
 * scripts/make-samples.ts from real `docker save` output). Shared by main (where the file is),
 * the window (what to load and look for) and the script (what to build).
 */
export const SAMPLE_ARCHIVE = 'strata-samples.tar.gz';

export const SAMPLE_IMAGES = {
  /** busybox-static imported as one layer, CMD ["sh"]: the tutorial's `busybox`. */
  base: 'strata-sample/busybox:latest',
  /** The base plus a committed /var/www/index.html, CMD ["httpd","-f","-v","-h","/var/www/"]. */
  web: 'strata-sample/web:latest',
  /** A second tag of `web`: two names, one image ID. */
  webV1: 'strata-sample/web:v1',
} as const;
