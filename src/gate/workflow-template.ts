/**
 * The example CI workflow of the gate, in one place: `.github/workflows/bench.yml` is this text
 * (a test checks they are equal) and `bedrock-bench init` scaffolds it. On a pull request it runs
 * the suite on the embedded simulator in shards, restores main's baseline from the Actions cache,
 * compares, writes the step summary and JUnit, and fails on a regression; on main it saves the
 * new baseline to the cache. `GITLAB_CI_TEMPLATE` is the same flow for GitLab CI (README).
 */

/** `.github/workflows/bench.yml`. */
export const GITHUB_WORKFLOW_TEMPLATE = `# bedrock-bench: gate pull requests on benchmark regressions (docs/gating.md).
# Generated from src/gate/workflow-template.ts — \`npx bedrock-bench init\` writes the same file.
name: bench

on:
  pull_request:
  push:
    branches: [main]

permissions:
  contents: read

env:
  BASELINE: bedrock-bench.baseline.json

jobs:
  bench:
    runs-on: ubuntu-latest
    strategy:
      fail-fast: false
      matrix:
        shard: [1, 2] # more shards for a large suite; one is fine for a small one
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-node@v4
        with:
          node-version: 24
          cache: npm
      - run: npm ci
      - name: Run the suite on the embedded simulator (shard \${{ matrix.shard }}/2)
        run: npx vitest bench --run --project bench --shard \${{ matrix.shard }}/2 --reporter=blob --reporter=default
      - uses: actions/upload-artifact@v4
        with:
          name: bench-shard-\${{ matrix.shard }}
          path: |
            results/
            .vitest-reports/
          include-hidden-files: true

  gate:
    needs: bench
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-node@v4
        with:
          node-version: 24
          cache: npm
      - run: npm ci
      - uses: actions/download-artifact@v4
        with:
          pattern: bench-shard-*
          merge-multiple: true
      - name: Merge the shards into one report (results/<runId>/report.md)
        run: npx vitest bench --run --project bench --merge-reports
      - name: Restore the baseline saved by main
        if: github.event_name == 'pull_request'
        uses: actions/cache/restore@v4
        with:
          path: \${{ env.BASELINE }}
          key: bedrock-bench-baseline-\${{ github.run_id }}
          restore-keys: bedrock-bench-baseline-
      - name: Compare with the baseline (exit 1 on a regression)
        if: github.event_name == 'pull_request' && hashFiles(env.BASELINE) != ''
        run: >-
          npx bedrock-bench compare "$BASELINE" results/*/
          --format md=gate.md --format junit=gate-junit.xml --format bmf=gate-bmf.json
      - name: Step summary
        if: always() && hashFiles('gate.md') != ''
        run: cat gate.md >> "$GITHUB_STEP_SUMMARY"
      - uses: actions/upload-artifact@v4
        if: always()
        with:
          name: bench-results
          path: |
            results/
            gate.md
            gate-junit.xml
            gate-bmf.json
      - name: Save this run as main's baseline
        if: github.event_name == 'push'
        run: npx bedrock-bench baseline save results/*/ --name main --out "$BASELINE" --force
      - uses: actions/cache/save@v4
        if: github.event_name == 'push'
        with:
          path: \${{ env.BASELINE }}
          key: bedrock-bench-baseline-\${{ github.run_id }}
`

/** The same flow for `.gitlab-ci.yml`. */
export const GITLAB_CI_TEMPLATE = `# bedrock-bench gate for GitLab CI (docs/gating.md)
variables:
  BASELINE: bedrock-bench.baseline.json

bench:
  image: node:24
  parallel: 2
  script:
    - npm ci
    - npx vitest bench --run --project bench --shard $CI_NODE_INDEX/$CI_NODE_TOTAL
  artifacts:
    paths: [results/]

gate:
  image: node:24
  needs: [bench]
  script:
    - npm ci
    # main's last baseline, published as an artifact of the default branch
    - >-
      curl --fail -sSL -o $BASELINE --header "JOB-TOKEN: $CI_JOB_TOKEN"
      "$CI_API_V4_URL/projects/$CI_PROJECT_ID/jobs/artifacts/$CI_DEFAULT_BRANCH/raw/$BASELINE?job=gate"
      || echo "no baseline yet"
    - |
      if [ "$CI_COMMIT_BRANCH" = "$CI_DEFAULT_BRANCH" ]; then
        npx bedrock-bench baseline save results/*/ --name main --out $BASELINE --force
      elif [ -f $BASELINE ]; then
        npx bedrock-bench compare $BASELINE results/*/ --format md=gate.md --format junit=gate-junit.xml
      fi
  artifacts:
    when: always
    paths: [$BASELINE, gate.md, results/]
    reports:
      junit: gate-junit.xml
`
