#!/usr/bin/env bash
# Mutation-tests the pure, money-critical modules (issue 11): breaks each rule on purpose, one small change
# ("mutant") at a time, and checks that some test fails. A mutant no test notices ("missed") is a rule the
# suite does not pin. Run it after changing a rule in these modules or the tests that cover them; the goal
# is at least 95% of viable mutants caught, every survivor listed in the note with why it is harmless.
#
# Each module is tested against only the test targets that exercise it, and only those are BUILT per
# mutant (`--cargo-arg=--test=NAME`; arguments after cargo-mutants' own `--` narrow the test run but still
# build all ~17 test binaries per mutant). Builds dominate: expect ~30-60 s per mutant on a quiet 2-core
# machine, several times that when it is shared — about 600 mutants in all, so run one module at a time.
# cargo-mutants works in a scratch copy of the tree without target/, so each run first builds every
# dependency once (minutes) before the first mutant.
#
# Needs only public tools: cargo and cargo-mutants (`cargo install cargo-mutants --locked`, once).
#
#   scripts/mutants.sh                       # every module below, one after another (hours)
#   scripts/mutants.sh billing journal       # only these modules
#   scripts/mutants.sh billing -- -F parse   # extra cargo-mutants arguments after `--` (here: a name regex)
#   scripts/mutants.sh billing -- --list     # list the mutants only
#   scripts/mutants.sh order -- --iterate    # only the mutants the last run did not catch
#   FULL=1 scripts/mutants.sh order          # test each mutant against the whole suite (slow)
#
# Without FULL, the mutants a module's own tests miss get a second pass against the whole suite
# (cargo-mutants --iterate: the caught ones are not run again), so "missed" means no test at all noticed.
#   JOBS=2 TIMEOUT=180 scripts/mutants.sh sign
#   IN_PLACE=1 scripts/mutants.sh sign       # mutate this tree (restored after each mutant) and reuse its
#                                            # target/: no scratch copy, no dependency rebuild per module;
#                                            # do not edit the tree while it runs
#
# Builds use the `mutants` profile (Cargo.toml: the test profile without debug info), which compiles and
# links each mutant faster than the default test profile.
#
# Reports: target/mutants/MODULE/mutants.out/ (caught.txt, missed.txt, unviable.txt, timeout.txt,
# outcomes.json; after an --iterate pass, previously_caught.txt holds what earlier passes caught or found
# unviable) and target/mutants/MODULE/unviable-all.txt (every pass's unviable mutants). Exit status: 0 all caught, 2 some missed, 3 some timed out, 4 tests fail unmutated
# (the worst over the modules run), 1 on a usage error.
set -euo pipefail
cd "$(dirname "$0")/.."
export LC_ALL=C # sort and comm must agree on one order

# module | files (cargo-mutants -f globs) | test targets that exercise it (cargo test selection)
MODULES=(
    "order|src/order/**/*.rs|--lib --test order --test sandbox_server --test wizard_update --test wizard_billing --test snapshots --test cli"
    "sign|src/api/sign.rs|--lib --test signing --test sandbox_server --test client_sandbox"
    "journal|src/journal.rs|--test journal --test journal_compat --test cli"
    "activation|src/activation/**/*.rs|--lib --test activation --test sandbox_cas --test wizard_activation --test cli_activation"
    "billing|src/billing/**/*.rs|--lib --test billing --test sandbox_bss --test wizard_billing --test cli_billing --test subscriptions --test cli_renew"
    "certificate|src/certificate/**/*.rs|--lib --test certificate --test sandbox_certificates --test cli_export --test cli_csr"
    # The one safe file writer: its own unit tests, and the commands and wizard screens that write through it.
    "save|src/save.rs|--lib --test cli_export --test cli_csr --test wizard_export"
    # A CA's paid life after purchase (issue 20): its rules are pinned by its own unit tests.
    "lifecycle|src/billing/lifecycle.rs|--lib"
    "manage|src/tui/model/manage.rs|--lib --test wizard_manage"
    # The wizard's auto-renew and unsubscribe (issue 20): the typed confirmation and the outcomes' codes.
    "manage_life|src/tui/model/lifecycle.rs|--lib --test wizard_manage"
    "temporary|src/api/temporary.rs|--lib --test cli_credentials --test client_hostile"
    "koocli|src/config/koocli.rs|--lib --test cli_credentials"
    "overrides|src/config/overrides.rs|--lib --test config --test cli_credentials"
)

if ! cargo mutants --version >/dev/null 2>&1; then
    echo "mutants: cargo-mutants is not installed; run: cargo install cargo-mutants --locked" >&2
    exit 1
fi

wanted=()
while [[ $# -gt 0 && "$1" != "--" ]]; do
    wanted+=("$1")
    shift
done
[[ "${1:-}" == "--" ]] && shift
extra=("$@")
listing=false
for arg in "${extra[@]}"; do
    [[ "$arg" == --list* ]] && listing=true
done

known=()
for m in "${MODULES[@]}"; do known+=("${m%%|*}"); done
if [[ ${#wanted[@]} -eq 0 ]]; then
    wanted=("${known[@]}")
fi
for w in "${wanted[@]}"; do
    if [[ " ${known[*]} " != *" $w "* ]]; then
        echo "mutants: unknown module \"$w\"; one of: ${known[*]}" >&2
        exit 1
    fi
done

count() { if [[ -f "$1/$2.txt" ]]; then grep -c . "$1/$2.txt" || true; else echo 0; fi; }

# Called after each cargo-mutants run on OUT: keeps every pass's unviable mutants in OUT/unviable-all.txt
# (a fresh run starts the list again; an --iterate run, which has previously_caught.txt, adds to it).
remember_unviable() {
    local out=$1 dir=$1/mutants.out
    [[ -f "$dir/previously_caught.txt" ]] || : >"$out/unviable-all.txt"
    cat "$dir/unviable.txt" "$out/unviable-all.txt" 2>/dev/null | sort -u >"$out/unviable-all.new" || true
    mv "$out/unviable-all.new" "$out/unviable-all.txt"
}

worst=0
total_caught=0
total_missed=0
total_timeout=0
total_unviable=0
for m in "${MODULES[@]}"; do
    IFS='|' read -r name glob targets <<<"$m"
    [[ " ${wanted[*]} " == *" $name "* ]] || continue
    files=(-f "$glob") # the glob is cargo-mutants', not the shell's
    select=()
    if [[ -z "${FULL:-}" ]]; then
        # --lib / --test NAME as cargo args: both the build and the test run are narrowed.
        read -r -a words <<<"$targets"
        i=0
        while [[ $i -lt ${#words[@]} ]]; do
            if [[ "${words[$i]}" == --test ]]; then
                select+=("--cargo-arg=--test=${words[$((i + 1))]}")
                i=$((i + 2))
            else
                select+=("--cargo-arg=${words[$i]}")
                i=$((i + 1))
            fi
        done
    fi
    out="target/mutants/$name"
    mkdir -p "$out"
    echo "== $name: ${glob}; tests: ${FULL:+the whole suite}${FULL:-$targets}" >&2
    status=0
    # One mutant at a time in place (cargo-mutants refuses --jobs there), JOBS scratch copies otherwise.
    in_place=(--jobs "${JOBS:-1}")
    [[ -n "${IN_PLACE:-}" ]] && in_place=(--in-place)
    cargo mutants "${files[@]}" --timeout "${TIMEOUT:-120}" --output "$out" \
        --profile=mutants "${in_place[@]}" "${select[@]}" "${extra[@]}" || status=$?
    $listing && continue
    remember_unviable "$out"
    if [[ -z "${FULL:-}" && $(count "$out/mutants.out" missed) -gt 0 ]]; then
        # A rule may be pinned by a test outside the module's own targets (the wizard's snapshots read
        # the request's JSON): give each survivor the whole suite before calling it missed.
        echo "== $name: $(count "$out/mutants.out" missed) missed by its own tests; trying those against the whole suite" >&2
        status=0
        again=(--iterate)
        for arg in "${extra[@]}"; do [[ "$arg" == --iterate ]] || again+=("$arg"); done
        cargo mutants "${files[@]}" --timeout "${TIMEOUT:-120}" --output "$out" \
            --profile=mutants "${in_place[@]}" "${again[@]}" || status=$?
        remember_unviable "$out"
    fi
    [[ $status -gt $worst ]] && worst=$status

    dir="$out/mutants.out"
    # --iterate lists what earlier passes caught *or found unviable* in one file, previously_caught.txt,
    # and each pass rewrites unviable.txt: so every pass's unviable mutants are kept in unviable-all.txt
    # (beside mutants.out, which cargo-mutants replaces) and taken out of the carried-over ones. Only
    # mutants that still exist count (one whose line moved is listed under its old name and was tested
    # again under its new one).
    all_unviable="$out/unviable-all.txt"
    caught=$(count "$dir" caught)
    missed=$(count "$dir" missed)
    timeout=$(count "$dir" timeout)
    unviable=$(count "$dir" unviable)
    if [[ -s "$dir/previously_caught.txt" ]]; then
        still=$(cargo mutants "${files[@]}" --list 2>/dev/null | sort -u)
        tested=$(cat "$dir"/{caught,missed,timeout,unviable}.txt 2>/dev/null | sort -u)
        carried=$(comm -12 <(sort -u "$dir/previously_caught.txt") <(echo "$still") | comm -23 - <(echo "$tested"))
        kept_unviable=$(comm -12 <(echo "$carried") "$all_unviable" | grep -c . || true)
        kept_caught=$(comm -23 <(echo "$carried") "$all_unviable" | grep -c . || true)
        caught=$((caught + kept_caught))
        unviable=$((unviable + kept_unviable))
    fi
    total_caught=$((total_caught + caught))
    total_missed=$((total_missed + missed))
    total_timeout=$((total_timeout + timeout))
    total_unviable=$((total_unviable + unviable))
    viable=$((caught + missed + timeout))
    echo
    echo "== $name: $caught caught, $missed missed, $timeout timed out, $unviable unviable (did not build)"
    if [[ $viable -gt 0 ]]; then
        echo "== $name: caught $((caught * 100 / viable))% of $viable viable"
    fi
    if [[ $missed -gt 0 ]]; then
        echo "== $name: missed (no test failed with this change):"
        sed 's/^/   /' "$dir/missed.txt"
    fi
    if [[ $timeout -gt 0 ]]; then
        echo "== $name: timed out:"
        sed 's/^/   /' "$dir/timeout.txt"
    fi
done

if ! $listing && [[ ${#wanted[@]} -gt 1 ]]; then
    viable=$((total_caught + total_missed + total_timeout))
    echo
    echo "== all: $total_caught caught, $total_missed missed, $total_timeout timed out, $total_unviable unviable"
    if [[ $viable -gt 0 ]]; then
        echo "== all: caught $((total_caught * 100 / viable))% of $viable viable"
    fi
fi
exit "$worst"
