/**
 * The dependency rules of docs/architecture.md ("Rules"), checked by `npm test` (`npm run deps`).
 * Type-only imports count: a cycle through types is still a cycle for whoever reads the code.
 */

/** The pure rules: no clock, no I/O, no database — plain data in, plain data out. */
const PURE_RULES = [
  'electron/core/tiers/tiering\\.ts$',
  'electron/core/tiers/tier-explain\\.ts$',
  'electron/core/segments/dimensions\\.ts$',
  'electron/core/groups/group-figures\\.ts$',
  'electron/core/flows/flow-analysis\\.ts$',
  'electron/core/retention/warning\\.ts$',
  'electron/core/complaints/complaint-deadline\\.ts$',
  'electron/core/surveys/survey-answers\\.ts$',
  'electron/core/workbench/care-calendar\\.ts$',
  'electron/core/trust/masking\\.ts$',
  'electron/core/customers/resident-id\\.ts$',
  'electron/core/imports/import-cells\\.ts$',
  'electron/core/imports/import-layout\\.ts$',
  'electron/core/imports/import-rows\\.ts$',
  'electron/core/rule-packages/rule-package-diff\\.ts$',
  'electron/core/rule-packages/rule-package-fields\\.ts$',
  'electron/core/rule-packages/canonical-json\\.ts$',
  'electron/core/suitability/suitability-rules\\.ts$',
  'electron/core/suitability/suggestion-rules\\.ts$',
  'electron/core/loyalty/points-rules\\.ts$',
  'electron/core/benefits/benefit-rules\\.ts$',
  'electron/core/campaigns/campaign-rules\\.ts$',
  'electron/core/households/household-rules\\.ts$',
];

module.exports = {
  forbidden: [
    { name: 'no-cycles', severity: 'error', comment: 'No import cycles anywhere.', from: {}, to: { circular: true } },
    {
      name: 'pure-rules-no-io',
      severity: 'error',
      comment: 'A pure rule file imports only shared/ and other pure rules.',
      from: { path: PURE_RULES },
      to: { pathNot: [...PURE_RULES, '^shared/'] },
    },
    {
      name: 'shared-stands-alone',
      severity: 'error',
      comment: 'shared/ is used by both sides: it imports nothing of either.',
      from: { path: '^shared/' },
      to: { path: '^(electron|renderer)/' },
    },
    {
      name: 'renderer-only-asks',
      severity: 'error',
      comment: 'The renderer reaches the core only through the contract (shared/).',
      from: { path: '^renderer/' },
      to: { path: '^(electron|migrations)/' },
    },
    {
      name: 'core-has-no-window',
      severity: 'error',
      comment: 'The core, the shell and browser mode never import the renderer.',
      from: { path: '^(electron|migrations)/' },
      to: { path: '^renderer/' },
    },
    {
      name: 'repositories-are-private',
      severity: 'error',
      comment: "A domain's repositories (its SQL) are its own: other domains read through its services and lookups.",
      from: { path: '^electron/core/([^/]+)/', pathNot: '\\.test\\.ts$' },
      to: { path: '-repository\\.ts$', pathNot: '^electron/core/$1/' },
    },
    {
      name: 'entry-files-use-services',
      severity: 'error',
      comment:
        "The core's entry files (dispatch, handlers, app-core, cli) reach the data through the domains' services.",
      from: { path: '^electron/core/[^/]+\\.ts$', pathNot: '\\.test\\.ts$' },
      to: { path: '-repository\\.ts$' },
    },
    {
      name: 'platform-knows-no-domain',
      severity: 'error',
      comment: 'platform/ (connection, migrations runner, jobs, workers, context) is below every domain.',
      from: { path: '^electron/core/platform/', pathNot: '\\.test\\.ts$' },
      to: { path: '^electron/core/', pathNot: ['^electron/core/platform/'] },
    },
  ],
  options: {
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['node_modules', '^dist/'] },
  },
};
