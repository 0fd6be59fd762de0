// ESLint (flat config): the JS and typescript-eslint recommended sets (not the type-checked ones,
// so `npm run lint` stays fast; `npm run typecheck` is the type check), plus the layering rules
// below. tests/unit/lint-boundaries.test.ts shows each layering rule firing.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * Layering, checked on import specifiers. Every import between the top-level folders is relative
 * (no path aliases), so a specifier that names `signaling/`, `renderer/` or `electron/` as a path
 * segment is an import into that folder. "Anywhere in the specifier", not only after the leading
 * `../`s, so that `../renderer/../signaling/calls/store.js` is caught as well.
 */
const into = (folder) => `(^|/)${folder}(/|$)`;
/** Allowed exceptions: a path that reaches the named file directly (no `..` after the folder). */
const intoExcept = (folder, allowed) => `(^|/)${folder}/(?!(${allowed})$)`;

/** Renderer → server: only the wire protocol (signaling/protocol.ts and signaling/protocol/*). */
const RENDERER_TO_SIGNALING = {
  regex: intoExcept('signaling', String.raw`protocol\.js|protocol/[\w-]+\.js`),
  message: 'The renderer imports from signaling/ only the wire protocol: signaling/protocol.ts or signaling/protocol/*.',
};
/** Renderer → desktop shell: only the bridge contract (types and zod schemas, no Electron). */
const RENDERER_TO_ELECTRON = {
  regex: intoExcept('electron', String.raw`bridge-contract\.js`),
  message: 'The renderer imports from electron/ only the bridge contract: electron/bridge-contract.ts.',
};
const SIGNALING_TO_CLIENTS = {
  regex: `${into('renderer')}|${into('electron')}`,
  message: 'The signaling server never imports the clients (renderer/ or electron/).',
};
const ELECTRON_TO_RENDERER = {
  regex: into('renderer'),
  message: 'The desktop shell never imports renderer/: the renderer reaches it only through the bridge (electron/bridge-contract.ts).',
};
/** The bridge contract is bundled into the renderer and the preload: zod and the wire protocol only. */
const CONTRACT_IMPORTS = {
  regex: String.raw`^(?!zod$|\.\./signaling/protocol(\.js|/[\w-]+\.js)$)`,
  message: 'electron/bridge-contract.ts is bundled into the renderer and the preload: it imports only zod and the wire protocol (signaling/protocol*).',
};

/**
 * The same patterns for static imports/exports (no-restricted-imports) and for dynamic `import()`
 * (no-restricted-syntax, which no-restricted-imports does not look at).
 */
function boundary(files, patterns) {
  return {
    files,
    rules: {
      'no-restricted-imports': ['error', { patterns: patterns.map(({ regex, message }) => ({ regex, message })) }],
      'no-restricted-syntax': [
        'error',
        ...patterns.map(({ regex, message }) => ({
          selector: `ImportExpression[source.value=/${regex.replaceAll('/', '\\/')}/]`,
          message,
        })),
      ],
    },
  };
}

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'dist/',
      'dist-electron/',
      'release/',
      'data/',
      'test-results/',
      'playwright-report/',
      'tests/bench/results/',
      'docs/',
    ],
  },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // The code base's convention (as tsc's noUnusedParameters): a leading underscore marks a
      // deliberately unused binding, e.g. `const { id: _id, ...rest } = row`.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      // Noise here: the code base writes paired side effects as one comma expression statement,
      // `if (x) (where.push('…'), (params.x = x));`, which this rule reports as an unused expression.
      '@typescript-eslint/no-unused-expressions': 'off',
    },
  },
  {
    files: ['renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
  },
  boundary(['renderer/**'], [RENDERER_TO_SIGNALING, RENDERER_TO_ELECTRON]),
  boundary(['signaling/**'], [SIGNALING_TO_CLIENTS]),
  boundary(['electron/**'], [ELECTRON_TO_RENDERER]),
  // A later block's rule options replace an earlier one's, so this one repeats the electron/ rule.
  boundary(['electron/bridge-contract.ts'], [ELECTRON_TO_RENDERER, CONTRACT_IMPORTS]),
);
